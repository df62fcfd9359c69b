import { CoderDB } from './schema';

/** The database every extension page and the service worker share. */
export const db = new CoderDB();
