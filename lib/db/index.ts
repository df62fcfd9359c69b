export { CoderDB } from './schema';
export type { StoredCodeSet, StoredCodeBlock, StoredModifiers, StoredEdits, Favourite, Recent, Setting, SearchSnapshot, StoredEncounter, StoredAuditEntry, PushOutboxRow } from './schema';
