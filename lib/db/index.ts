export { CoderDB } from './schema';
export type { StoredCodeSet, StoredCode, StoredModifier, StoredEdits, Favourite, Recent, Setting } from './schema';
