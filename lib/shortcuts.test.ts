import { describe, expect, it } from 'vitest';
import {
  SHORTCUTS,
  SHORTCUTS_STORAGE_KEY,
  applyOverrides,
  comboFromEvent,
  defaultBindings,
  findConflicts,
  formatCombo,
  loadShortcuts,
  matchesCombo,
  parseCombo,
  saveShortcut,
  shortcutFor,
  type KeyEventLike,
  type ShortcutStorage,
} from './shortcuts';

const key = (k: string, code: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, code, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });

function memoryStorage(initial: Record<string, unknown> = {}): ShortcutStorage & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (k) => (k in data ? { [k]: data[k] } : {}),
    set: async (items) => void Object.assign(data, items),
  };
}

describe('key combos', () => {
  it('parses and writes combos, letters case-insensitively, symbols without their Shift', () => {
    expect(parseCombo('Alt+Shift+C')).toEqual({ alt: true, ctrl: false, meta: false, shift: true, key: 'C' });
    expect(parseCombo('j')).toEqual(parseCombo('J'));
    expect(formatCombo(parseCombo('J'))).toBe('j');
    expect(formatCombo(parseCombo('shift+alt+c'))).toBe('Alt+Shift+C');
    expect(parseCombo('Shift+?')).toEqual(parseCombo('?'));
    expect(parseCombo('esc').key).toBe('Escape');
    expect(parseCombo('Ctrl++')).toMatchObject({ ctrl: true, key: '+' });
    expect(formatCombo(parseCombo('alt+arrowdown'))).toBe('Alt+ArrowDown');
  });

  it('says what is wrong with a bad combo', () => {
    expect(() => parseCombo('')).toThrow(/empty/);
    expect(() => parseCombo('Alt+Shift')).toThrow(/no key/);
    expect(() => parseCombo('Hyper+C')).toThrow(/“Hyper” is not a modifier/);
    expect(() => parseCombo('Alt+Banana')).toThrow(/not a key Chart Coder knows/);
  });

  it('matches Alt+letter by physical key (macOS types another character) and symbols by character', () => {
    const combo = parseCombo('Alt+Shift+C');
    expect(matchesCombo(key('Ç', 'KeyC', { altKey: true, shiftKey: true }), combo)).toBe(true);
    expect(matchesCombo(key('C', 'KeyC', { altKey: true }), combo)).toBe(false);
    expect(matchesCombo(key('?', 'Slash', { shiftKey: true }), parseCombo('?'))).toBe(true);
    expect(matchesCombo(key('j', 'KeyJ'), parseCombo('j'))).toBe(true);
    expect(matchesCombo(key('J', 'KeyJ', { shiftKey: true }), parseCombo('j'))).toBe(false);
    expect(matchesCombo(key('2', 'Digit2'), parseCombo('2'))).toBe(true);
  });

  it('captures a combo from a key press, ignoring a lone modifier', () => {
    expect(comboFromEvent(key('Shift', 'ShiftLeft', { shiftKey: true }))).toBeUndefined();
    expect(formatCombo(comboFromEvent(key('Ç', 'KeyC', { altKey: true, shiftKey: true }))!)).toBe('Alt+Shift+C');
    expect(formatCombo(comboFromEvent(key('?', 'Slash', { shiftKey: true }))!)).toBe('?');
    expect(formatCombo(comboFromEvent(key('y', 'KeyY'))!)).toBe('y');
  });
});

describe('the shortcut table', () => {
  it('finds the shortcut of a key press by scope', () => {
    const bindings = defaultBindings();
    expect(shortcutFor(key('Ç', 'KeyC', { altKey: true, shiftKey: true }), bindings, ['page'])).toBe('page.toggle');
    expect(shortcutFor(key('ArrowDown', 'ArrowDown'), bindings, ['sidebar'])).toBe('sidebar.next');
    expect(shortcutFor(key('ArrowDown', 'ArrowDown', { altKey: true }), bindings, ['sidebar'])).toBe('sidebar.moveDown');
    expect(shortcutFor(key('3', 'Digit3'), bindings, ['sidebar'])).toBe('sidebar.reorder');
    expect(shortcutFor(key('j', 'KeyJ'), bindings, ['page'])).toBeUndefined();
  });

  it('has no conflicts by default and reports one when two actions share keys', () => {
    expect(findConflicts(defaultBindings())).toEqual([]);
    const bindings = defaultBindings();
    bindings['sidebar.send'] = [parseCombo('x')];
    expect(findConflicts(bindings)).toEqual([{ combo: 'x', ids: ['sidebar.reject', 'sidebar.send'] }]);
    bindings['sidebar.dock'] = [parseCombo('2')];
    expect(findConflicts(bindings).map((c) => c.combo)).toContain('2');
  });

  it('lists every id once, with parseable defaults', () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    for (const s of SHORTCUTS) expect(s.defaults.length).toBeGreaterThan(0);
  });
});

describe('stored overrides', () => {
  it('saves, loads and resets a shortcut', async () => {
    const storage = memoryStorage();
    await saveShortcut(storage, 'sidebar.accept', ['Y']);
    expect(storage.data[SHORTCUTS_STORAGE_KEY]).toEqual({ 'sidebar.accept': ['y'] });
    const { bindings } = await loadShortcuts(storage);
    expect(shortcutFor(key('y', 'KeyY'), bindings, ['sidebar'])).toBe('sidebar.accept');
    expect(shortcutFor(key('a', 'KeyA'), bindings, ['sidebar'])).toBeUndefined();
    await saveShortcut(storage, 'sidebar.accept', undefined);
    expect(shortcutFor(key('a', 'KeyA'), (await loadShortcuts(storage)).bindings, ['sidebar'])).toBe('sidebar.accept');
  });

  it('refuses page shortcuts without a modifier and fixed shortcuts, saving nothing', async () => {
    const storage = memoryStorage();
    await expect(saveShortcut(storage, 'page.toggle', ['c'])).rejects.toThrow(/need Alt, Ctrl or Meta/);
    await expect(saveShortcut(storage, 'browser.search', ['Alt+K'])).rejects.toThrow(/cannot be changed here/);
    await expect(saveShortcut(storage, 'sidebar.accept', ['Alt+Nope'])).rejects.toThrow(/not a key/);
    expect(storage.data[SHORTCUTS_STORAGE_KEY]).toBeUndefined();
  });

  it('falls back to the default for unusable stored entries and says why', () => {
    const { bindings, problems } = applyOverrides({ 'sidebar.reject': 'x', 'page.toggle': ['k'], 'no.such': ['a'], 'sidebar.send': ['Alt+Shift+Q'] });
    expect(formatCombo(bindings['sidebar.reject'][0]!)).toBe('x');
    expect(formatCombo(bindings['page.toggle'][0]!)).toBe('Alt+Shift+C');
    expect(formatCombo(bindings['sidebar.send'][0]!)).toBe('Alt+Shift+Q');
    expect(problems).toHaveLength(3);
    expect(applyOverrides('garbage').problems).toEqual(['Saved shortcuts are not in the expected form; the defaults are used']);
  });
});
