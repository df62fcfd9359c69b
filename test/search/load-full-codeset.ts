/**
 * Builds the full record list the search engine is tested, evaluated and benchmarked on, from the
 * official files in shared/codesets: ICD-10-CM FY2026 (order file, with FY2021 Tabular inclusion terms
 * as synonyms of codes that still exist), HCPCS 2026 January, and the built-in CPT list.
 * Pieces that are missing are skipped and reported in `sources`, so callers can say what they ran on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeRecord } from '../../lib/codesets/types';

/** Where the official files are: $CODESETS_DIR, else shared/codesets beside the repository. */
export const CODESETS_DIR = process.env.CODESETS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/codesets');

const ORDER_FILE = 'icd10cm/icd10cm-order-2026.txt';
const TABULAR_FILE = 'icd10cm/fy2021-tabular/icd10cm_tabular_2021.xml';
const HCPCS_FILE = 'hcpcs/HCPC2026_JAN_ANWEB_01122026.txt';
const CPT_ASSET = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets/cpt/common-cpt.json');

/** The full record list and what it was made from. */
export interface FullCodeset {
  records: CodeRecord[];
  counts: { icd10cm: number; hcpcs: number; cpt: number; withSynonyms: number };
  /** One line per source: used, or why it was skipped. */
  sources: string[];
  /** Milliseconds spent reading and parsing. */
  loadMs: number;
}

/** Whether the official files are present (tests over the full set skip otherwise). */
export function fullCodesetAvailable(): boolean {
  return existsSync(join(CODESETS_DIR, ORDER_FILE)) && existsSync(join(CODESETS_DIR, HCPCS_FILE));
}

let cached: Promise<FullCodeset> | undefined;

/** Reads and parses everything once per process (eval and bench share it). */
export function loadFullCodeset(): Promise<FullCodeset> {
  cached ??= load();
  return cached;
}

async function load(): Promise<FullCodeset> {
  const started = performance.now();
  const sources: string[] = [];
  const { parseIcd10cmOrder } = await import('../../lib/codesets/parse-icd10cm-order');
  const { parseHcpcsAnweb } = await import('../../lib/codesets/parse-hcpcs-anweb');
  let icd = parseIcd10cmOrder(readFileSync(join(CODESETS_DIR, ORDER_FILE), 'latin1')).codes;
  sources.push(`${ORDER_FILE}: ${icd.length} ICD-10-CM codes`);

  const tabularPath = join(CODESETS_DIR, TABULAR_FILE);
  const tabular = await optionalModule<typeof import('../../lib/codesets/parse-icd10cm-tabular')>('../../lib/codesets/parse-icd10cm-tabular');
  if (!existsSync(tabularPath)) sources.push(`${TABULAR_FILE}: absent, no inclusion terms`);
  else if (!tabular) sources.push('lib/codesets/parse-icd10cm-tabular.ts: absent, no inclusion terms');
  else {
    const list = tabular.parseIcd10cmTabular(readFileSync(tabularPath, 'utf8'));
    let withTerms = 0;
    // As the bundle pipeline does: inclusion terms become synonyms, notes (Includes…) stay as notes.
    icd = icd.map((record) => {
      const entry = list.codes.get(record.code);
      if (!entry) return record;
      const next: CodeRecord = { ...record, notes: entry.notes };
      if (entry.notes.inclusionTerms?.length) {
        next.synonyms = [...(record.synonyms ?? []), ...entry.notes.inclusionTerms];
        withTerms++;
      }
      return next;
    });
    sources.push(`${TABULAR_FILE}: FY${list.fiscalYear} notes, inclusion terms on ${withTerms} FY2026 codes`);
  }

  const hcpcs = parseHcpcsAnweb(new TextDecoder('windows-1252').decode(readFileSync(join(CODESETS_DIR, HCPCS_FILE)))).codes;
  sources.push(`${HCPCS_FILE}: ${hcpcs.length} HCPCS codes (${hcpcs.filter((c) => c.terminatedOn).length} terminated)`);

  let cpt: CodeRecord[] = [];
  if (existsSync(CPT_ASSET)) {
    const json: unknown = JSON.parse(readFileSync(CPT_ASSET, 'utf8'));
    const module = await optionalModule<typeof import('../../lib/codesets/cpt')>('../../lib/codesets/cpt');
    cpt = module ? module.builtinCptCodes(json) : cptFallback(json);
    sources.push(`assets/cpt/common-cpt.json: ${cpt.length} CPT codes${module ? '' : ' (read directly; lib/codesets/cpt.ts absent)'}`);
  } else sources.push('assets/cpt/common-cpt.json: absent, no CPT');

  const records = [...icd, ...hcpcs, ...cpt];
  return {
    records,
    counts: { icd10cm: icd.length, hcpcs: hcpcs.length, cpt: cpt.length, withSynonyms: records.filter((r) => r.synonyms?.length).length },
    sources,
    loadMs: performance.now() - started,
  };
}

/** A colleague's module that may not exist yet in this tree. */
async function optionalModule<T>(path: string): Promise<T | undefined> {
  try {
    return (await import(/* @vite-ignore */ path)) as T;
  } catch {
    return undefined;
  }
}

function cptFallback(json: unknown): CodeRecord[] {
  const codes = (json as { codes?: { code: string; summary: string; keywords?: string[] }[] }).codes ?? [];
  return codes.map((c) => ({ system: 'cpt', code: c.code, title: c.summary, billable: true, descriptorSource: 'builtin', ...(c.keywords?.length ? { synonyms: [...c.keywords] } : {}) }));
}
