import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { BackgroundRequest } from '@/lib/messaging';
import { App } from './App';
import './style.css';

/** Hosts the test build may read without a permission prompt; real builds register per enabled site at runtime. */
const TEST_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineContentScript({
  // Real builds register this script at run time for the sites the coder enables (lib/sites.ts).
  matches: __CHART_CODER_TEST_BUILD__ ? TEST_HOSTS : ['https://chart-coder.invalid/*'],
  registration: __CHART_CODER_TEST_BUILD__ ? 'manifest' : 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    // A chart page opened: let the background build its suggestion engine now, not on the first Alt+Shift+C.
    const warm: BackgroundRequest = { type: 'warm' };
    void browser.runtime.sendMessage(warm).catch(() => undefined);
    const ui = await createShadowRootUi(ctx, {
      name: 'chart-coder-sidebar',
      position: 'overlay',
      mode: 'open',
      anchor: 'body',
      onMount(container) {
        // React gets its own wrapper so the shadow root keeps our <style> alongside it.
        const wrapper = document.createElement('div');
        wrapper.className = 'chart-coder-root';
        container.append(wrapper);
        const root = createRoot(wrapper);
        root.render(<App />);
        return root;
      },
      onRemove(root: Root | undefined) {
        root?.unmount();
      },
    });
    ui.mount();
  },
});
