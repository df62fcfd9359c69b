/**
 * A code-set source that remembers its answers. The queue checks thousands of encounters that share a few
 * hundred codes; without this each one would read the same IndexedDB rows again.
 */
import type { CodeSetSource } from '../claims/types';

export function cachedSource(source: CodeSetSource): CodeSetSource {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      memo.set(key, hit);
      // A failed read is not remembered, so the next check tries again.
      hit.catch(() => memo.delete(key));
    }
    return hit;
  };
  return {
    releases: (system) => once(`r:${system}`, () => source.releases(system)),
    find: (release, code) => once(`f:${release.key}:${code}`, () => source.find(release, code)),
    edits: () => once('e', () => source.edits()),
    modifiers: (release) => once(`m:${release.key}`, () => source.modifiers(release)),
  };
}
