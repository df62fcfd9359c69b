/**
 * Chart Coder's keyboard shortcuts: one table that the sidebar, its help overlay and the options page all
 * read, key combos written as text ("Alt+Shift+C", "j", "?"), matching against key events, conflict checks,
 * and the coder's overrides kept in `browser.storage.local` under {@link SHORTCUTS_STORAGE_KEY}.
 */

/**
 * Where a shortcut works. `browser`: a browser command (set at chrome://extensions/shortcuts, listed here only);
 * `page`: anywhere on an enabled EHR page (the in-page twins of browser commands, for EHRs that swallow
 * browser shortcuts); `sidebar`: while the sidebar's list has the focus.
 */
export type ShortcutScope = 'browser' | 'page' | 'sidebar';

export type ShortcutId =
  | 'browser.search'
  | 'browser.toggle'
  | 'browser.reread'
  | 'page.toggle'
  | 'page.reread'
  | 'sidebar.next'
  | 'sidebar.previous'
  | 'sidebar.accept'
  | 'sidebar.reject'
  | 'sidebar.edit'
  | 'sidebar.reorder'
  | 'sidebar.moveUp'
  | 'sidebar.moveDown'
  | 'sidebar.send'
  | 'sidebar.dock'
  | 'sidebar.help'
  | 'sidebar.close';

/** One row of the shortcut table. */
export interface ShortcutDefinition {
  id: ShortcutId;
  scope: ShortcutScope;
  description: string;
  /** Default key combos; the first is the one shown first. */
  defaults: string[];
  /** False for browser commands (the browser owns them) and the 1–9 position keys. */
  remappable: boolean;
  /** For browser commands: the `commands` name in the manifest. */
  command?: string;
}

/** Every shortcut, in the order the help overlay and the options page list them. */
export const SHORTCUTS: readonly ShortcutDefinition[] = [
  { id: 'browser.search', scope: 'browser', description: 'Open code search', defaults: ['Alt+Shift+S'], remappable: false, command: '_execute_action' },
  { id: 'browser.toggle', scope: 'browser', description: 'Show or hide the sidebar', defaults: ['Alt+Shift+C'], remappable: false, command: 'toggle-sidebar' },
  { id: 'browser.reread', scope: 'browser', description: 'Re-read the page', defaults: ['Alt+Shift+R'], remappable: false, command: 'reread-page' },
  { id: 'page.toggle', scope: 'page', description: 'Show or hide the sidebar', defaults: ['Alt+Shift+C'], remappable: true },
  { id: 'page.reread', scope: 'page', description: 'Re-read the page', defaults: ['Alt+Shift+R'], remappable: true },
  { id: 'sidebar.next', scope: 'sidebar', description: 'Next code', defaults: ['j', 'ArrowDown'], remappable: true },
  { id: 'sidebar.previous', scope: 'sidebar', description: 'Previous code', defaults: ['k', 'ArrowUp'], remappable: true },
  { id: 'sidebar.accept', scope: 'sidebar', description: 'Accept the code', defaults: ['a', 'Enter'], remappable: true },
  { id: 'sidebar.reject', scope: 'sidebar', description: 'Reject the code', defaults: ['x'], remappable: true },
  { id: 'sidebar.edit', scope: 'sidebar', description: 'Change to another code (search; Enter confirms, Esc cancels)', defaults: ['e'], remappable: true },
  { id: 'sidebar.reorder', scope: 'sidebar', description: 'Move the code to position 1–9 in its list', defaults: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], remappable: false },
  { id: 'sidebar.moveUp', scope: 'sidebar', description: 'Move the code up', defaults: ['Alt+ArrowUp'], remappable: true },
  { id: 'sidebar.moveDown', scope: 'sidebar', description: 'Move the code down', defaults: ['Alt+ArrowDown'], remappable: true },
  { id: 'sidebar.send', scope: 'sidebar', description: 'Send accepted codes to the billing queue', defaults: ['s'], remappable: true },
  { id: 'sidebar.dock', scope: 'sidebar', description: 'Dock the sidebar on the other side', defaults: ['d'], remappable: true },
  { id: 'sidebar.help', scope: 'sidebar', description: 'Show or hide this list of keys', defaults: ['?'], remappable: true },
  { id: 'sidebar.close', scope: 'sidebar', description: 'Close help, the search, or the sidebar', defaults: ['Escape'], remappable: true },
];

/** The storage key of the coder's overrides: `{ [id]: string[] }` with combos as text. */
export const SHORTCUTS_STORAGE_KEY = 'shortcuts';

/** A key combo: modifiers plus one key (a letter A–Z, a digit, a named key such as "ArrowDown", or a symbol such as "?"). */
export interface KeyCombo {
  alt: boolean;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  key: string;
}

/** Current bindings: every shortcut id → its combos (overrides applied). */
export type ShortcutBindings = Record<ShortcutId, KeyCombo[]>;

/** Named keys a combo may use (as `KeyboardEvent.key` spells them). */
const NAMED_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'Tab', 'Space', 'Backspace', 'Delete', 'Home', 'End', 'PageUp', 'PageDown', 'Insert', ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`)]);
const MODIFIER_NAMES: Record<string, keyof Omit<KeyCombo, 'key'>> = { alt: 'alt', option: 'alt', ctrl: 'ctrl', control: 'ctrl', meta: 'meta', cmd: 'meta', command: 'meta', shift: 'shift' };
const ALIASES: Record<string, string> = { esc: 'Escape', return: 'Enter', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', ' ': 'Space', spacebar: 'Space', del: 'Delete' };

/**
 * Reads a combo written as text: modifiers and a key joined by "+" ("Alt+Shift+C", "j", "ArrowDown", "?",
 * "Ctrl++"). Letters are case-insensitive ("j" and "J" are the same key; use "Shift+J" for the capital).
 * Throws an Error that says what is wrong.
 *
 * @example parseCombo('Alt+Shift+C') // { alt: true, ctrl: false, meta: false, shift: true, key: 'C' }
 */
export function parseCombo(text: string): KeyCombo {
  if (typeof text !== 'string' || text.trim() === '') throw new Error('A shortcut cannot be empty');
  const raw = text.trim();
  // A trailing "+" after another "+" is the plus key itself ("Ctrl++").
  const parts = raw.endsWith('++') ? [...raw.slice(0, -2).split('+'), '+'] : raw === '+' ? ['+'] : raw.split('+');
  const combo: KeyCombo = { alt: false, ctrl: false, meta: false, shift: false, key: '' };
  for (const [i, part] of parts.entries()) {
    const name = part.trim();
    const isLast = i === parts.length - 1;
    const modifier = MODIFIER_NAMES[name.toLowerCase()];
    if (!isLast) {
      if (!modifier) throw new Error(`“${text}”: “${name}” is not a modifier (use Alt, Ctrl, Shift or Meta before the key)`);
      combo[modifier] = true;
      continue;
    }
    if (modifier) throw new Error(`“${text}” has no key, only modifiers`);
    combo.key = normalizeKey(name, text);
  }
  // A symbol's Shift is part of typing it ("?" is Shift+/ on most layouts), so it is not a separate modifier.
  if (isSymbol(combo.key)) combo.shift = false;
  return combo;
}

/** Writes a combo as text, the form {@link parseCombo} reads: "Alt+Shift+C", "j", "ArrowDown". */
export function formatCombo(combo: KeyCombo): string {
  const mods = [combo.ctrl && 'Ctrl', combo.alt && 'Alt', combo.meta && 'Meta', combo.shift && 'Shift'].filter(Boolean) as string[];
  const key = /^[A-Z]$/.test(combo.key) && mods.length === 0 ? combo.key.toLowerCase() : combo.key;
  return [...mods, key].join('+');
}

/** A shorter label for people: "Alt+Shift+C", "j", "↓", "Esc". */
export function displayCombo(combo: KeyCombo): string {
  const pretty: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };
  const text = formatCombo({ ...combo, key: pretty[combo.key] ?? combo.key });
  return text;
}

/** Whether two combos are the same keys. */
export function sameCombo(a: KeyCombo, b: KeyCombo): boolean {
  return a.alt === b.alt && a.ctrl === b.ctrl && a.meta === b.meta && a.shift === b.shift && a.key === b.key;
}

/** The parts of a `KeyboardEvent` matching needs (so tests can pass plain objects). */
export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/**
 * Whether a key event is this combo. Letters and digits match by physical key too (`code`), because Alt
 * changes the character on macOS (Alt+Shift+C types "Ç"); symbols match by the character typed.
 */
export function matchesCombo(event: KeyEventLike, combo: KeyCombo): boolean {
  if (event.altKey !== combo.alt || event.ctrlKey !== combo.ctrl || event.metaKey !== combo.meta) return false;
  if (isSymbol(combo.key)) return event.key === combo.key;
  if (event.shiftKey !== combo.shift) return false;
  if (/^[A-Z]$/.test(combo.key)) return event.code === `Key${combo.key}` || event.key.toUpperCase() === combo.key;
  if (/^[0-9]$/.test(combo.key)) return event.code === `Digit${combo.key}` || event.code === `Numpad${combo.key}` || event.key === combo.key;
  if (combo.key === 'Space') return event.key === ' ' || event.code === 'Space';
  return event.key === combo.key;
}

/**
 * The combo a key press stands for (for capturing a new shortcut), or undefined for a lone modifier press.
 *
 * @example comboFromEvent({ key: 'Ç', code: 'KeyC', altKey: true, shiftKey: true, … }) // Alt+Shift+C
 */
export function comboFromEvent(event: KeyEventLike): KeyCombo | undefined {
  if (['Alt', 'Control', 'Meta', 'Shift', 'AltGraph', 'CapsLock', 'OS', 'Dead', 'Unidentified'].includes(event.key)) return undefined;
  let key: string;
  if (/^Key[A-Z]$/.test(event.code) && (event.altKey || event.ctrlKey || event.metaKey || /^[a-z]$/i.test(event.key))) key = event.code.slice(3);
  else if (/^Digit[0-9]$/.test(event.code) && !event.shiftKey) key = event.code.slice(5);
  else if (event.key === ' ') key = 'Space';
  else if (event.key.length === 1) key = /^[a-z]$/i.test(event.key) ? event.key.toUpperCase() : event.key;
  else if (NAMED_KEYS.has(event.key)) key = event.key;
  else return undefined;
  const combo = { alt: event.altKey, ctrl: event.ctrlKey, meta: event.metaKey, shift: event.shiftKey, key };
  if (isSymbol(key)) combo.shift = false;
  return combo;
}

/** Which shortcut a key event is, among those of the given scopes (first in table order wins). */
export function shortcutFor(event: KeyEventLike, bindings: ShortcutBindings, scopes: readonly ShortcutScope[]): ShortcutId | undefined {
  for (const def of SHORTCUTS) {
    if (!scopes.includes(def.scope)) continue;
    if (bindings[def.id].some((combo) => matchesCombo(event, combo))) return def.id;
  }
  return undefined;
}

/** The default bindings. */
export function defaultBindings(): ShortcutBindings {
  return Object.fromEntries(SHORTCUTS.map((d) => [d.id, d.defaults.map(parseCombo)])) as ShortcutBindings;
}

/** A combo bound to more than one action that can fire at the same time. */
export interface ShortcutConflict {
  combo: string;
  ids: ShortcutId[];
}

/**
 * Combos that would do two things: page shortcuts fire everywhere on the page (the sidebar included), so
 * they clash with every page and sidebar key; sidebar keys clash among themselves. Browser commands are
 * left out (the browser takes its keys first; the page twins share them on purpose).
 */
export function findConflicts(bindings: ShortcutBindings): ShortcutConflict[] {
  const byCombo = new Map<string, Set<ShortcutId>>();
  for (const def of SHORTCUTS) {
    if (def.scope === 'browser') continue;
    for (const combo of bindings[def.id]) {
      const text = formatCombo(combo);
      byCombo.set(text, (byCombo.get(text) ?? new Set()).add(def.id));
    }
  }
  return [...byCombo].filter(([, ids]) => ids.size > 1).map(([combo, ids]) => ({ combo, ids: [...ids] }));
}

/**
 * Why a combo cannot be used for a shortcut, or undefined when it can. Page shortcuts need Alt, Ctrl or Meta,
 * or they would fire while the coder types in the EHR.
 */
export function comboProblem(id: ShortcutId, combo: KeyCombo): string | undefined {
  const def = SHORTCUTS.find((d) => d.id === id);
  if (!def) return `Unknown shortcut ${id}`;
  if (!def.remappable) return `${def.description} cannot be changed here`;
  if (def.scope === 'page' && !combo.alt && !combo.ctrl && !combo.meta) return 'Page shortcuts need Alt, Ctrl or Meta, so they do not fire while you type in the EHR';
  if (combo.key === 'Tab' && !combo.alt && !combo.ctrl && !combo.meta) return 'Tab moves the focus; pick another key';
  return undefined;
}

/** The stored overrides: shortcut id → combos as text. */
export type ShortcutOverrides = Partial<Record<ShortcutId, string[]>>;

/** The part of `browser.storage.local` this module uses (tests pass a fake). */
export interface ShortcutStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Bindings with overrides applied, and what in the stored overrides could not be used (each said plainly). */
export function applyOverrides(overrides: unknown): { bindings: ShortcutBindings; problems: string[] } {
  const bindings = defaultBindings();
  const problems: string[] = [];
  if (overrides === undefined || overrides === null) return { bindings, problems };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) return { bindings, problems: ['Saved shortcuts are not in the expected form; the defaults are used'] };
  for (const [id, value] of Object.entries(overrides as Record<string, unknown>)) {
    const def = SHORTCUTS.find((d) => d.id === id);
    if (!def) {
      problems.push(`Saved shortcut “${id}” is unknown and was ignored`);
      continue;
    }
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
      problems.push(`Saved keys for “${def.description}” are not a list of keys; the default is used`);
      continue;
    }
    try {
      const combos = value.map((v) => parseCombo(v as string));
      const bad = combos.map((c) => comboProblem(def.id, c)).find(Boolean);
      if (bad) throw new Error(bad);
      bindings[def.id] = combos;
    } catch (error) {
      problems.push(`Saved keys for “${def.description}”: ${(error as Error).message}; the default is used`);
    }
  }
  return { bindings, problems };
}

/** Reads the coder's bindings from storage (defaults where nothing usable is stored). */
export async function loadShortcuts(storage: ShortcutStorage): Promise<{ bindings: ShortcutBindings; overrides: ShortcutOverrides; problems: string[] }> {
  const stored = (await storage.get(SHORTCUTS_STORAGE_KEY))[SHORTCUTS_STORAGE_KEY];
  const { bindings, problems } = applyOverrides(stored);
  const overrides = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as ShortcutOverrides) : {};
  return { bindings, overrides, problems };
}

/**
 * Saves new keys for one shortcut (undefined resets it to the default). Throws, saving nothing, when a combo
 * is unreadable or not allowed for that shortcut.
 */
export async function saveShortcut(storage: ShortcutStorage, id: ShortcutId, combos: string[] | undefined): Promise<ShortcutOverrides> {
  const def = SHORTCUTS.find((d) => d.id === id);
  if (!def) throw new Error(`Unknown shortcut ${id}`);
  if (combos) {
    if (combos.length === 0) throw new Error(`${def.description} needs at least one key`);
    for (const text of combos) {
      const problem = comboProblem(id, parseCombo(text));
      if (problem) throw new Error(problem);
    }
  }
  const { overrides } = await loadShortcuts(storage);
  const next: ShortcutOverrides = { ...overrides };
  if (combos) next[id] = combos.map((c) => formatCombo(parseCombo(c)));
  else delete next[id];
  await storage.set({ [SHORTCUTS_STORAGE_KEY]: next });
  return next;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function normalizeKey(name: string, text: string): string {
  if (name === '') throw new Error(`“${text}” has no key after the last “+”`);
  const alias = ALIASES[name.toLowerCase()];
  if (alias) return alias;
  if (name.length === 1) return /[a-z]/i.test(name) ? name.toUpperCase() : name;
  const named = [...NAMED_KEYS].find((k) => k.toLowerCase() === name.toLowerCase());
  if (named) return named;
  throw new Error(`“${text}”: “${name}” is not a key Chart Coder knows (use a letter, digit, symbol or a name such as ArrowDown, Enter, Escape)`);
}

/** A printable character other than a letter or digit ("?", "/", "+"). */
function isSymbol(key: string): boolean {
  return key.length === 1 && !/[A-Z0-9]/.test(key);
}
