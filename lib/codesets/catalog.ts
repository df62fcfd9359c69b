import { isCodeSetBundle, type AnyBundle } from './bundle';
import { withDot, withoutDot } from './icd-code';
import { ICD10CM_CHAPTERS } from './icd10cm-chapters';
import { inheritedNotes } from './notes';
import type { CodeRecord, CodeSetBundle, CodeSystem, EditsBundle } from './types';

/** What `lookup` answers for one system: the record, its ancestors and the release it came from. */
export interface CodeDetails {
  system: CodeSystem;
  code: string;
  title: string;
  billable: boolean;
  /** Ancestors from the top down (chapter first when known), then the code itself is not repeated. */
  hierarchy: { code: string; title: string }[];
  record: CodeRecord;
  codeSet: { id: string; version: string; effectiveFrom: string; effectiveTo?: string; inForce: boolean };
}

/**
 * Code sets held in memory (the CLI, tests, and pages that already hold the bundles). Picks the release
 * in force for a date of service the same way the IndexedDB store does.
 */
export class CodeSetCatalog {
  private readonly byId = new Map<string, Map<string, CodeRecord>>();
  readonly codeSets: CodeSetBundle[];
  readonly edits?: EditsBundle;

  constructor(bundles: AnyBundle[]) {
    this.codeSets = bundles.filter(isCodeSetBundle).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
    this.edits = bundles.find((b): b is EditsBundle => !isCodeSetBundle(b));
    for (const set of this.codeSets) this.byId.set(set.id, new Map(set.codes.map((c) => [c.code, c])));
  }

  /** The release for a system on a date of service: in force, else the newest started before it. */
  setFor(system: CodeSystem, dateOfService = new Date().toISOString().slice(0, 10)): CodeSetBundle | undefined {
    const sets = this.codeSets.filter((s) => s.system === system);
    return sets.find((s) => inForce(s, dateOfService)) ?? sets.find((s) => s.effectiveFrom <= dateOfService);
  }

  /** Looks a code up in each system (a string such as J1100 can be both HCPCS and ICD-10-CM J11.00). */
  lookup(code: string, options: { system?: CodeSystem; dateOfService?: string } = {}): CodeDetails[] {
    const date = options.dateOfService ?? new Date().toISOString().slice(0, 10);
    const systems: CodeSystem[] = options.system ? [options.system] : ['icd10cm', 'hcpcs', 'cpt'];
    const out: CodeDetails[] = [];
    for (const system of systems) {
      const set = this.setFor(system, date);
      if (!set) continue;
      const codes = this.byId.get(set.id)!;
      const stored = codes.get(system === 'icd10cm' ? withDot(code) : withoutDot(code));
      if (!stored) continue;
      const notes = inheritedNotes(stored, (c) => codes.get(c));
      const record = notes ? { ...stored, notes } : stored;
      out.push({
        system,
        code: record.code,
        title: record.title,
        billable: record.billable,
        hierarchy: hierarchyOf(record, codes, set.sections),
        record,
        codeSet: { id: set.id, version: set.version, effectiveFrom: set.effectiveFrom, effectiveTo: set.effectiveTo, inForce: inForce(set, date) },
      });
    }
    return out;
  }

  /** Direct children of a code in the release in force (for browsing a category). */
  children(code: string, system: CodeSystem = 'icd10cm', dateOfService?: string): CodeRecord[] {
    const set = this.setFor(system, dateOfService);
    const parent = system === 'icd10cm' ? withDot(code) : code;
    return set ? set.codes.filter((c) => c.parent === parent) : [];
  }

  /** Counts per system and release, with versions and source hashes (`codesets stats`). */
  stats(): CodeSetStats {
    return {
      codeSets: this.codeSets.map((s) => ({
        system: s.system,
        id: s.id,
        version: s.version,
        effectiveFrom: s.effectiveFrom,
        effectiveTo: s.effectiveTo,
        counts: s.counts,
        sources: s.sources,
      })),
      edits: this.edits
        ? {
            id: this.edits.id,
            mue: { version: this.edits.mue.version, practitionerCodes: this.edits.mue.practitioner.length },
            mce: { version: this.edits.mce.version, entries: this.edits.mce.entries.length, sexConflict: this.edits.mce.sexConflict.version },
            placeOfService: this.edits.placeOfService.length,
            sources: this.edits.sources,
          }
        : undefined,
    };
  }
}

/** The JSON `codesets stats --json` prints. */
export interface CodeSetStats {
  codeSets: Pick<CodeSetBundle, 'system' | 'id' | 'version' | 'effectiveFrom' | 'effectiveTo' | 'counts' | 'sources'>[];
  edits?: { id: string; mue: { version: string; practitionerCodes: number }; mce: { version: string; entries: number; sexConflict: string }; placeOfService: number; sources: EditsBundle['sources'] };
}

function inForce(set: CodeSetBundle, date: string): boolean {
  return set.effectiveFrom <= date && (!set.effectiveTo || date <= set.effectiveTo);
}

/** Chapter, then each ancestor code down to the parent. */
export function hierarchyOf(record: CodeRecord, codes: Map<string, CodeRecord>, sections: { id: string; title: string }[] = []): { code: string; title: string }[] {
  const chain: { code: string; title: string }[] = [];
  let parent = record.parent ? codes.get(record.parent) : undefined;
  while (parent) {
    chain.unshift({ code: parent.code, title: parent.title });
    parent = parent.parent ? codes.get(parent.parent) : undefined;
  }
  if (record.section) chain.unshift({ code: record.section, title: sections.find((s) => s.id === record.section)?.title ?? `Section ${record.section}` });
  const chapter = ICD10CM_CHAPTERS.find((c) => c.number === record.chapter);
  if (record.system === 'icd10cm' && chapter) chain.unshift({ code: `Chapter ${chapter.number}`, title: `${chapter.title} (${chapter.first}-${chapter.last})` });
  return chain;
}
