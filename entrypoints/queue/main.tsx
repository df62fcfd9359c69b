import { createRoot } from 'react-dom/client';
import { App } from './App';
import '@/assets/base.css';
import './queue.css';

createRoot(document.getElementById('root')!).render(<App />);
