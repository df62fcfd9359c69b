import type { CoderDB } from '../db/schema';
import type { CodeSetCatalog } from '../codesets/catalog';
import { withDot, withoutDot, ICD10CM_CODE } from '../codesets/icd-code';
import { inheritedNotes } from '../codesets/notes';
import type { CodeSetStore } from '../codesets/store';
import type { CodeRecord, CodeSetBundle, CodeSystem, ModifierRecord } from '../codesets/types';
import type { CodedEncounter } from '../encounter/types';
import { isIsoDate } from './age';
import type { ClaimCheckContext, CodeCheck, CodeSetRelease, CodeSetSource, FoundCode, OtherEncounterKey } from './types';

/** Options for {@link prepareCheckContext}. */
export interface PrepareOptions {
  /** Encounters to look for duplicates in (the checked one is skipped by id). Default: none. */
  otherEncounters?: OtherEncounterKey[];
  /** Today's date (ISO); tests pin it. Default: the current date. */
  today?: string;
}

/** How codes are written as lookup keys: ICD-10-CM with the dot, CPT/HCPCS upper case without one. */
export function normalizeCode(system: CodeSystem, code: string): string {
  return system === 'icd10cm' ? withDot(code) : withoutDot(code);
}

/**
 * Looks up, once, everything the rules will ask about an encounter: each diagnosis and line code on its date of
 * service (in the release in force and in the other loaded releases), the ancestors that carry Tabular notes, the
 * 7th-character forms of codes that need one, the modifiers in force and the CMS edit tables.
 */
export async function prepareCheckContext(encounter: CodedEncounter, source: CodeSetSource, options: PrepareOptions = {}): Promise<ClaimCheckContext> {
  const releases = new Map<CodeSystem, CodeSetRelease[]>();
  for (const system of ['icd10cm', 'hcpcs', 'cpt'] as const) releases.set(system, await source.releases(system));
  const checks = new Map<string, CodeCheck>();
  // Completed 7th-character forms live apart, so a form that is also on the encounter still gets its full check.
  const forms = new Map<string, CodeCheck>();
  const encounterDate = isIsoDate(encounter.dateOfService) ? encounter.dateOfService : undefined;

  const want: { system: CodeSystem; code: string; date: string }[] = [];
  if (encounterDate) for (const d of arrayOf(encounter.diagnoses)) if (typeof d?.code === 'string') want.push({ system: 'icd10cm', code: d.code, date: encounterDate });
  for (const line of arrayOf(encounter.lines)) {
    const date = line?.dateOfService === undefined ? encounterDate : isIsoDate(line.dateOfService) ? line.dateOfService : undefined;
    if (date && (line?.system === 'cpt' || line?.system === 'hcpcs') && typeof line.code === 'string') want.push({ system: line.system, code: line.code, date });
  }

  for (const { system, code, date } of want) {
    const normal = normalizeCode(system, code);
    const key = checkKey(system, normal, date);
    if (checks.has(key)) continue;
    const all = releases.get(system)!;
    const { release, inForce } = pickRelease(all, system, date);
    const check: CodeCheck = { system, code: normal, dateOfService: date, inForce, elsewhere: [] };
    if (release) check.release = release;
    checks.set(key, check);
    if (!release || !looksLikeCode(system, normal)) continue;
    const found = await source.find(release, normal);
    if (found) check.found = found;
    for (const other of all) if (other.key !== release.key && (await source.find(other, normal))) check.elsewhere.push(other);
    if (system !== 'icd10cm') continue;
    if (!found) {
      const nearest = await nearestAncestor(source, release, normal);
      if (nearest) check.nearest = nearest;
    }
    // A header that takes a 7th character: prefetch its completed forms (with X placeholders) so the rule can name them.
    const sevenChr = (found ?? check.nearest)?.record.notes?.sevenChr;
    const stem = (found ?? check.nearest)?.record.code;
    if (sevenChr && stem && !(found?.record.billable ?? false)) {
      for (const form of seventhCharacterForms(stem, Object.keys(sevenChr))) {
        const formKey = checkKey('icd10cm', form, date);
        if (forms.has(formKey)) continue;
        const hit = await source.find(release, form);
        forms.set(formKey, { system: 'icd10cm', code: form, dateOfService: date, inForce, release, elsewhere: [], ...(hit ? { found: hit } : {}) });
      }
    }
  }

  const modifiers = new Map<string, ModifierRecord>();
  const modifierLists: ClaimCheckContext['modifierLists'] = {};
  if (encounterDate) {
    for (const system of ['cpt', 'hcpcs'] as const) {
      const { release } = pickRelease(releases.get(system)!, system, encounterDate);
      if (!release) continue;
      const list = await source.modifiers(release);
      if (list.length === 0) continue;
      if (system === 'hcpcs') modifierLists.hcpcs = `HCPCS ${release.version}`;
      else modifierLists.cpt = isLicensedCpt(release) ? 'licensed' : 'builtin';
      // HCPCS wins a clash: its list is the official one.
      for (const m of list) if (system === 'hcpcs' || !modifiers.has(m.code)) modifiers.set(m.code, m);
    }
  }

  const edits = await source.edits();
  return {
    code: (system, code, date) => {
      const key = checkKey(system, normalizeCode(system, code), date);
      return checks.get(key) ?? forms.get(key);
    },
    ...(edits ? { edits } : {}),
    modifiers,
    modifierLists,
    otherEncounters: options.otherEncounters ?? [],
    today: options.today ?? localToday(),
  };
}

/** Whether a CPT release is an organisation's licensed file (unknown codes are then errors, not warnings). */
export function isLicensedCpt(release: CodeSetRelease): boolean {
  return release.id.startsWith('cpt@licensed');
}

/** The release for a date: in force, else the newest started before it; CPT/HCPCS fall back to the oldest (their codes carry their own dates). */
export function pickRelease(releases: CodeSetRelease[], system: CodeSystem, date: string): { release?: CodeSetRelease; inForce: boolean } {
  const inForce = releases.find((r) => r.effectiveFrom <= date && (!r.effectiveTo || date <= r.effectiveTo));
  if (inForce) return { release: inForce, inForce: true };
  const before = releases.find((r) => r.effectiveFrom <= date);
  if (before) return { release: before, inForce: false };
  const oldest = releases.at(-1);
  return system !== 'icd10cm' && oldest ? { release: oldest, inForce: false } : { inForce: false };
}

/** The completed forms of a code that needs a 7th character: S72.001 → S72.001A…, S02.5 → S02.5XXA… */
export function seventhCharacterForms(code: string, characters: string[]): string[] {
  const bare = withoutDot(code);
  if (bare.length >= 7) return [];
  const stem = bare.padEnd(6, 'X');
  return characters.map((c) => withDot(stem + c));
}

/** A code set held in memory (CLI, tests). */
export function contextFromCatalog(catalog: CodeSetCatalog): CodeSetSource {
  const maps = new WeakMap<CodeSetBundle, Map<string, CodeRecord>>();
  const bundleOf = (release: CodeSetRelease) => catalog.codeSets.find((s) => s.id === release.key);
  const codesOf = (bundle: CodeSetBundle) => {
    let map = maps.get(bundle);
    if (!map) maps.set(bundle, (map = new Map(bundle.codes.map((c) => [c.code, c]))));
    return map;
  };
  return {
    releases: async (system) => catalog.codeSets.filter((s) => s.system === system).map((s) => releaseOf(s, s.id)),
    find: async (release, code) => {
      const bundle = bundleOf(release);
      if (!bundle) return undefined;
      const codes = codesOf(bundle);
      const stored = codes.get(code);
      return stored ? foundCode(stored, release, (c) => codes.get(c)) : undefined;
    },
    edits: async () => catalog.edits,
    modifiers: async (release) => bundleOf(release)?.modifiers ?? [],
  };
}

/**
 * The code sets in IndexedDB (the extension). The store has no modifier reader yet, so the modifier lists are
 * read from the database the store uses.
 */
export function contextFromStore(store: CodeSetStore, db: CoderDB): CodeSetSource {
  return {
    releases: async (system) => (await store.readySets(system)).map((s) => releaseOf(s, s.storeId)),
    find: async (release, code) => {
      const stored = await store.getCode(release.key, code);
      if (!stored) return undefined;
      const ancestors = await store.ancestorsOf(release.key, stored);
      return foundCode(stored, release, (c) => ancestors.get(c));
    },
    edits: async () => store.edits(),
    modifiers: async (release) => (await db.modifiers.get(release.key))?.modifiers ?? [],
  };
}

function releaseOf(set: Pick<CodeSetBundle, 'id' | 'system' | 'version' | 'fiscalYear' | 'effectiveFrom' | 'effectiveTo'>, key: string): CodeSetRelease {
  const release: CodeSetRelease = { id: set.id, system: set.system, version: set.version, effectiveFrom: set.effectiveFrom, key };
  if (set.fiscalYear !== undefined) release.fiscalYear = set.fiscalYear;
  if (set.effectiveTo) release.effectiveTo = set.effectiveTo;
  return release;
}

function foundCode(stored: CodeRecord, release: CodeSetRelease, get: (code: string) => CodeRecord | undefined): FoundCode {
  const notes = inheritedNotes(stored, get);
  const ancestors: CodeRecord[] = [];
  for (let parent = stored.parent ? get(stored.parent) : undefined; parent; parent = parent.parent ? get(parent.parent) : undefined) ancestors.push(parent);
  return { record: notes ? { ...stored, notes } : stored, ancestors, release };
}

async function nearestAncestor(source: CodeSetSource, release: CodeSetRelease, code: string): Promise<FoundCode | undefined> {
  const bare = withoutDot(code);
  for (let n = bare.length - 1; n >= 3; n--) {
    const hit = await source.find(release, withDot(bare.slice(0, n)));
    if (hit) return hit;
  }
  return undefined;
}

function looksLikeCode(system: CodeSystem, code: string): boolean {
  return system === 'icd10cm' ? ICD10CM_CODE.test(code) : /^[0-9A-Z]{5}$/.test(code);
}

/** Today's date where the coder is (a claim dated today in Tokyo is not "in the future" because UTC is still yesterday). */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function checkKey(system: CodeSystem, code: string, date: string): string {
  return `${system}|${code}|${date}`;
}

function arrayOf<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}
