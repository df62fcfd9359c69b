/** Coded encounters: the model, encryption at rest, key custody, workflow, audit, store, backup and idle lock. */
export * from './types';
export * from './crypto';
export * from './key-custody';
export * from './workflow';
export * from './audit';
export * from './validate';
export * from './ids';
export * from './store';
export * from './backup';
export * from './idle-lock';
export * from './from-suggestions';
export { toBase64, fromBase64 } from './bytes';
