import { unzipSync } from 'fflate';
import { isCodeSetBundle, type AnyBundle } from './bundle';
import { builtinCptCodes, builtinCptModifiers, mergeLicensedCpt, parseLicensedCptFile } from './cpt';
import { sha256Hex } from './hash';
import { parseMceLists, parseMue, parsePlaceOfService, parseSexConflict } from './parse-cms-edits';
import { parseHcpcsAnweb } from './parse-hcpcs-anweb';
import { parseOrderAddenda, previousYearCodes } from './parse-icd10cm-addenda';
import { parseIcd10cmIndex } from './parse-icd10cm-index';
import { CodeSetFormatError, parseIcd10cmOrder } from './parse-icd10cm-order';
import { parseIcd10cmTabular, type TabularList } from './parse-icd10cm-tabular';
import { BUNDLE_FORMAT_VERSION, type CodeRecord, type CodeSetBundle, type EditsBundle, type SourceFile } from './types';

/** A file handed to the importer: from disk, a download, a zip member or the options page's file picker. */
export interface ReleaseFile {
  name: string;
  bytes: Uint8Array;
}

/** What kind of official file a {@link ReleaseFile} turned out to be. */
export type ReleaseFileKind =
  | 'icd10cm-order'
  | 'icd10cm-order-addenda'
  | 'icd10cm-tabular'
  | 'icd10cm-index'
  | 'hcpcs-anweb'
  | 'cpt-licensed'
  | 'mue-practitioner'
  | 'place-of-service'
  | 'mce-lists'
  | 'mce-sex-conflict'
  | 'ignored';

/** Options for {@link buildBundles}. */
export interface BuildOptions {
  /** The built-in CPT list (assets/cpt/common-cpt.json); when given, a CPT bundle is always produced. Default: none. */
  builtinCpt?: unknown;
  /** Code sets already stored, used when an import brings only part of a release (a tabular without an order file). Default: []. */
  existing?: CodeSetBundle[];
  /** Clock for `builtAt`, so tests are repeatable. Default: now. */
  now?: () => Date;
}

/** Result of reading a release: the bundles built and a line per file saying what was done with it. */
export interface BuildResult {
  bundles: AnyBundle[];
  report: string[];
}

/**
 * Turns official release files (or the zips they come in) into bundles. The same code runs for
 * `npm run codesets` in Node and for an import on the options page, so both refuse the same bad files.
 * Throws {@link CodeSetFormatError} with a plain message when a file is recognised but damaged,
 * or when nothing usable was given.
 */
export async function buildBundles(files: ReleaseFile[], options: BuildOptions = {}): Promise<BuildResult> {
  const opts = { ...defaultBuildOptions, ...options };
  const builtAt = opts.now().toISOString();
  const report: string[] = [];
  const found = new Map<ReleaseFileKind, { file: ReleaseFile; text: string; source: SourceFile }[]>();

  for (const file of expandZips(files)) {
    const text = decodeText(file);
    const kind = classify(file.name, text);
    if (kind === 'ignored') {
      report.push(`${file.name}: not a code-set file Chart Coder reads; skipped`);
      continue;
    }
    const source = { name: baseName(file.name), sha256: await sha256Hex(file.bytes), bytes: file.bytes.length };
    found.set(kind, [...(found.get(kind) ?? []), { file, text, source }]);
  }

  const bundles: AnyBundle[] = [];
  const tabulars = (found.get('icd10cm-tabular') ?? []).map((f) => ({ ...f, list: parseIcd10cmTabular(f.text, f.file.name) }));
  const newestTabular = tabulars.sort((a, b) => b.list.fiscalYear - a.list.fiscalYear)[0];
  const indexes = (found.get('icd10cm-index') ?? []).map((f) => ({ ...f, index: parseIcd10cmIndex(f.text, f.file.name) }));

  for (const order of found.get('icd10cm-order') ?? []) {
    const fiscalYear = fiscalYearFromName(order.file.name);
    const parsed = parseIcd10cmOrder(order.text, order.file.name);
    const codes = newestTabular ? withTabularNotes(parsed.codes, newestTabular.list) : parsed.codes;
    const index = indexes.find((i) => i.index.fiscalYear === fiscalYear);
    const bundle = icd10cmBundle(fiscalYear, codes, [order.source, ...(newestTabular ? [newestTabular.source] : []), ...(index ? [index.source] : [])], builtAt);
    if (index) bundle.index = index.index;
    if (newestTabular) bundle.sections = sectionsOf(newestTabular.list);
    bundle.counts = { billable: parsed.billable, headers: parsed.headers, ...tabularCounts(codes) };
    bundles.push(bundle);
    report.push(`${order.file.name}: ICD-10-CM FY${fiscalYear}, ${parsed.billable} billable codes and ${parsed.headers} headers`);

    // The addenda list what changed since last year, which is enough to rebuild last year's list.
    const addendaFile = (found.get('icd10cm-order-addenda') ?? []).find((a) => fiscalYearFromName(a.file.name) === fiscalYear);
    if (addendaFile) {
      const addenda = parseOrderAddenda(addendaFile.text, addendaFile.file.name);
      const previousCodes = previousYearCodes(parsed.codes, addenda);
      const previous = icd10cmBundle(fiscalYear - 1, newestTabular ? withTabularNotes(previousCodes, newestTabular.list) : previousCodes, [order.source, addendaFile.source], builtAt);
      if (newestTabular) previous.sections = sectionsOf(newestTabular.list);
      previous.version = `FY${fiscalYear - 1} (rebuilt from the FY${fiscalYear} order file and its addenda)`;
      const previousBillable = previousCodes.filter((c) => c.billable).length;
      previous.counts = { billable: previousBillable, headers: previousCodes.length - previousBillable, ...tabularCounts(previous.codes) };
      bundle.changes = { fromVersion: `FY${fiscalYear - 1}`, added: addenda.added.map((r) => r.code), deleted: addenda.deleted.map((r) => r.code), revised: addenda.revised.map((r) => r.to.code) };
      bundles.push(previous);
      report.push(`${addendaFile.file.name}: FY${fiscalYear - 1} rebuilt: ${previousBillable} billable codes (${addenda.added.length} additions, ${addenda.deleted.length} deletions, ${addenda.revised.length} revisions undone)`);
    }
  }

  // A tabular or index imported on its own refreshes the notes of the code sets already stored.
  if ((newestTabular || indexes.length) && !found.has('icd10cm-order')) {
    const targets = opts.existing.filter((b) => b.system === 'icd10cm');
    if (targets.length === 0) throw new CodeSetFormatError(newestTabular?.file.name ?? 'index', 'import the ICD-10-CM order file first: a Tabular List or Index adds notes to codes that must already be loaded');
    for (const target of targets) {
      const codes = newestTabular ? withTabularNotes(target.codes.map(stripNotes), newestTabular.list) : target.codes;
      const index = indexes.find((i) => i.index.fiscalYear === target.fiscalYear) ?? indexes[0];
      const sources = [...target.sources.filter((s) => !/tabular|index/i.test(s.name)), ...(newestTabular ? [newestTabular.source] : []), ...(index ? [index.source] : [])];
      const bundle = icd10cmBundle(target.fiscalYear ?? 0, codes, sources, builtAt);
      bundle.counts = { ...target.counts, ...tabularCounts(codes) };
      if (index) bundle.index = index.index;
      else if (target.index) bundle.index = target.index;
      if (newestTabular) bundle.sections = sectionsOf(newestTabular.list);
      else if (target.sections) bundle.sections = target.sections;
      bundles.push(bundle);
    }
  }
  for (const t of tabulars) report.push(`${t.file.name}: Tabular List FY${t.list.fiscalYear}, notes for ${t.list.codes.size} codes${t === newestTabular ? '' : ' (a newer tabular was used instead)'}`);
  for (const i of indexes) report.push(`${i.file.name}: Alphabetic Index FY${i.index.fiscalYear}, ${i.index.entries.length} entries`);

  for (const anweb of found.get('hcpcs-anweb') ?? []) {
    const { year, month } = hcpcsQuarterFromName(anweb.file.name);
    const parsed = parseHcpcsAnweb(anweb.text, anweb.file.name);
    const effectiveFrom = `${year}-${month}-01`;
    const active = parsed.codes.filter((c) => !c.terminatedOn || c.terminatedOn >= effectiveFrom).length;
    bundles.push({
      formatVersion: BUNDLE_FORMAT_VERSION,
      id: `hcpcs@${year}-${month}`,
      system: 'hcpcs',
      version: `${year} ${MONTH_NAMES[month]}`,
      effectiveFrom,
      sources: [anweb.source],
      builtAt,
      codes: parsed.codes,
      modifiers: parsed.modifiers,
      counts: { codes: parsed.codes.length, activeOnEffectiveDate: active, modifiers: parsed.modifiers.length },
    });
    report.push(`${anweb.file.name}: HCPCS ${year}-${month}, ${parsed.codes.length} codes (${active} active on ${effectiveFrom}), ${parsed.modifiers.length} modifiers`);
  }

  const licensed = found.get('cpt-licensed') ?? [];
  if (opts.builtinCpt || licensed.length) {
    const builtin = opts.builtinCpt ? builtinCptCodes(opts.builtinCpt) : [];
    let codes = builtin;
    const sources: SourceFile[] = [];
    for (const file of licensed) {
      codes = mergeLicensedCpt(codes, parseLicensedCptFile(file.text, file.file.name));
      sources.push(file.source);
      report.push(`${file.file.name}: licensed CPT file, descriptors for ${codes.filter((c) => c.descriptorSource === 'licensed').length} codes`);
    }
    bundles.push({
      formatVersion: BUNDLE_FORMAT_VERSION,
      id: licensed.length ? `cpt@licensed-${builtAt.slice(0, 10)}` : 'cpt@builtin',
      system: 'cpt',
      version: licensed.length ? `licensed file imported ${builtAt.slice(0, 10)}` : 'built-in list',
      effectiveFrom: '2000-01-01',
      sources,
      builtAt,
      codes,
      modifiers: opts.builtinCpt ? builtinCptModifiers(opts.builtinCpt) : [],
      counts: { codes: codes.length, licensed: codes.filter((c) => c.descriptorSource === 'licensed').length },
    });
  }

  const edits = editsBundle(found, builtAt);
  if (edits) bundles.push(edits);
  else if (['mue-practitioner', 'place-of-service', 'mce-lists'].some((k) => found.has(k as ReleaseFileKind))) {
    report.push('CMS edit files: practitioner MUE, place of service and Medicare Code Editor lists are needed together; edits not rebuilt');
  }

  if (bundles.length === 0) {
    throw new CodeSetFormatError(files.map((f) => f.name).join(', ') || 'import', 'none of these files is an official code-set release Chart Coder can read (ICD-10-CM order file or Tabular/Index XML, HCPCS ANWEB text file, a licensed CPT file, or their zips)');
  }
  return { bundles, report };
}

/** Recognises an official file by its content first and its name second; refuses web pages and empty files. */
export function classify(name: string, text: string): ReleaseFileKind {
  const lower = baseName(name).toLowerCase();
  const head = text.slice(0, 4096);
  if (SKIPPED_DOCUMENTS.test(lower)) return 'ignored';
  if (text.trim().length === 0) throw new CodeSetFormatError(name, 'the file is empty (0 bytes or only blank lines)');
  if (/^\s*(<!doctype html|<html|<head|<body)/i.test(head)) {
    throw new CodeSetFormatError(name, 'this is a web page (perhaps a download error page), not a code-set file');
  }
  if (head.includes('<ICD10CM.tabular')) return 'icd10cm-tabular';
  if (head.includes('<ICD10CM.index')) return 'icd10cm-index';
  if (/^\d{5} [A-Z][0-9A-Z]{2,6} +[01] /.test(head)) return lower.includes('addenda') ? 'ignored' : 'icd10cm-order';
  if (/^(Add|Delete|Revise from):\s+[01] [A-Z]/m.test(head) && /order[-_]addenda/.test(lower)) return 'icd10cm-order-addenda';
  if (/^.{10}[3478]/.test(head) && /^[^\r\n]{293,}/.test(head) && /anweb|hcpc/i.test(lower)) return 'hcpcs-anweb';
  if (head.includes('MUE Adjudication Indic')) return /practitioner/i.test(head + lower) ? 'mue-practitioner' : 'ignored';
  if (/^code,status,name,description/.test(head)) return 'place-of-service';
  if (/^edit_number,edit_name,/.test(head)) return 'mce-lists';
  if (/^mce_version,mce_subsection,sex,/.test(head)) return 'mce-sex-conflict';
  if (/(^|\n)"?\d{4}[0-9FTU]"?[\t,]/.test(head) && /cpt|\.(csv|tsv|txt)$/.test(lower)) return 'cpt-licensed';
  if (/^\s*<\?xml|^\s*</.test(head)) throw new CodeSetFormatError(name, 'this XML is neither an ICD-10-CM Tabular List nor an Alphabetic Index');
  return 'ignored';
}

/** ICD-10-CM fiscal year N covers dates of service from 1 October N-1 to 30 September N. */
export function fiscalYearDates(fiscalYear: number): { effectiveFrom: string; effectiveTo: string } {
  return { effectiveFrom: `${fiscalYear - 1}-10-01`, effectiveTo: `${fiscalYear}-09-30` };
}

const defaultBuildOptions: Required<Omit<BuildOptions, 'builtinCpt'>> & Pick<BuildOptions, 'builtinCpt'> = {
  builtinCpt: undefined,
  existing: [],
  now: () => new Date(),
};

// Release zips also carry PDFs and spreadsheets (xlsx is itself a zip): documentation, not data we read.
const SKIPPED_DOCUMENTS = /\.(pdf|xlsx|xls|docx|doc|md|png|jpe?g|xsd|xsl)$/i;

const MONTH_NAMES: Record<string, string> = { '01': 'January', '04': 'April', '07': 'July', '10': 'October' };
const QUARTER_MONTH: Record<string, string> = { JAN: '01', APR: '04', JUL: '07', OCT: '10' };

function icd10cmBundle(fiscalYear: number, codes: CodeRecord[], sources: SourceFile[], builtAt: string): CodeSetBundle {
  return {
    formatVersion: BUNDLE_FORMAT_VERSION,
    id: `icd10cm@FY${fiscalYear}`,
    system: 'icd10cm',
    version: `FY${fiscalYear}`,
    fiscalYear,
    ...fiscalYearDates(fiscalYear),
    sources,
    builtAt,
    codes,
    counts: {},
  };
}

/**
 * Adds Tabular List notes (tagged with their own fiscal year) to codes that still exist, and makes
 * inclusion terms searchable. Chapters and sections come from the tabular's ranges.
 */
function withTabularNotes(codes: CodeRecord[], tabular: TabularList): CodeRecord[] {
  const sections = [...tabular.sections].sort((a, b) => a.first.localeCompare(b.first));
  return codes.map((record) => {
    const entry = tabular.codes.get(record.code);
    const category = record.code.slice(0, 3);
    const section = entry?.section ?? sections.find((s) => category >= s.first && category <= s.last)?.id;
    const next: CodeRecord = { ...record };
    if (section) next.section = section;
    if (entry) {
      const notes = { ...entry.notes, ...(entry.generalNotes && { general: entry.generalNotes }) };
      // 7th characters are stored where the tabular defines them; lookups inherit them down the hierarchy
      // (see inheritedNotes), which keeps ~60k 7th-character rows from each carrying a copy.
      const parentNotes = entry.parent ? tabular.codes.get(entry.parent)?.notes : undefined;
      if (parentNotes?.sevenChr && parentNotes.sevenChr === notes.sevenChr) {
        delete notes.sevenChr;
        if (notes.sevenChrNote === parentNotes.sevenChrNote) delete notes.sevenChrNote;
      }
      if (Object.keys(notes).length > 1) next.notes = notes;
    }
    if (entry?.notes.inclusionTerms?.length) next.synonyms = [...(record.synonyms ?? []), ...entry.notes.inclusionTerms];
    return next;
  });
}

function sectionsOf(tabular: TabularList): { id: string; title: string }[] {
  return tabular.sections.map((s) => ({ id: s.id, title: s.title }));
}

function stripNotes(record: CodeRecord): CodeRecord {
  const { notes: _notes, synonyms: _synonyms, section: _section, ...rest } = record;
  return rest;
}

function tabularCounts(codes: CodeRecord[]): Record<string, number> {
  return {
    withNotes: codes.filter((c) => c.notes).length,
    withInclusionTerms: codes.filter((c) => c.notes?.inclusionTerms?.length).length,
  };
}

function editsBundle(found: Map<ReleaseFileKind, { file: ReleaseFile; text: string; source: SourceFile }[]>, builtAt: string): EditsBundle | undefined {
  const mue = found.get('mue-practitioner')?.[0];
  const pos = found.get('place-of-service')?.[0];
  const mce = found.get('mce-lists')?.[0];
  const sex = found.get('mce-sex-conflict')?.[0];
  if (!mue || !pos || !mce) return undefined;
  const mueDates = /Eff_(\d{2})-(\d{2})-(\d{4})/.exec(mue.file.name);
  const mueFrom = mueDates ? `${mueDates[3]}-${mueDates[1]}-${mueDates[2]}` : builtAt.slice(0, 10);
  const mceVersion = /v_?(\d+)_(\d+)/.exec(mce.file.name);
  return {
    formatVersion: BUNDLE_FORMAT_VERSION,
    id: `cms-edits@${mueFrom}`,
    builtAt,
    sources: [mue.source, pos.source, mce.source, ...(sex ? [sex.source] : [])],
    placeOfService: parsePlaceOfService(pos.text, pos.file.name),
    mue: { version: `MUE effective ${mueFrom}`, effectiveFrom: mueFrom, effectiveTo: quarterEnd(mueFrom), practitioner: parseMue(mue.text, mue.file.name) },
    mce: {
      version: mceVersion ? `MCE v${mceVersion[1]}.${mceVersion[2]}` : 'MCE',
      effectiveFrom: '2026-04-01',
      effectiveTo: '2026-09-30',
      entries: parseMceLists(mce.text, mce.file.name),
      sexConflict: sex
        ? { version: 'MCE v37 (FY2020), historical', note: 'CMS stopped the sex-conflict edit on 2024-10-01; these FY2020 lists are advisory only.', entries: parseSexConflict(sex.text, sex.file.name) }
        : { version: 'none', note: 'No sex-conflict list loaded.', entries: [] },
    },
  };
}

function quarterEnd(isoStart: string): string {
  const [y, m] = isoStart.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m - 1 + 3, 0));
  return end.toISOString().slice(0, 10);
}

function fiscalYearFromName(name: string): number {
  const match = /(?:order|codes|addenda)[-_ ]?(\d{4})/i.exec(baseName(name)) ?? /(20\d{2})/.exec(baseName(name));
  if (!match) throw new CodeSetFormatError(name, 'cannot tell the fiscal year from the file name; keep the official name (icd10cm-order-YYYY.txt)');
  return Number(match[1]);
}

function hcpcsQuarterFromName(name: string): { year: string; month: string } {
  const match = /HCPC(\d{4})_(JAN|APR|JUL|OCT)/i.exec(baseName(name));
  if (!match) throw new CodeSetFormatError(name, 'cannot tell the HCPCS quarter from the file name; keep the official name (HCPCYYYY_MMM_ANWEB…)');
  return { year: match[1]!, month: QUARTER_MONTH[match[2]!.toUpperCase()]! };
}

/** Unzips any zips (CDC and CMS ship releases as zips, sometimes nested) into their member files. */
function expandZips(files: ReleaseFile[], depth = 0): ReleaseFile[] {
  const out: ReleaseFile[] = [];
  for (const file of files) {
    if (!isZip(file.bytes) || SKIPPED_DOCUMENTS.test(file.name)) {
      out.push(file);
      continue;
    }
    if (depth > 2) throw new CodeSetFormatError(file.name, 'zips nested more than three deep');
    let members: Record<string, Uint8Array>;
    try {
      members = unzipSync(file.bytes);
    } catch {
      throw new CodeSetFormatError(file.name, 'the zip is damaged or incomplete (truncated download?)');
    }
    const inner = Object.entries(members)
      .filter(([memberName, bytes]) => !memberName.endsWith('/') && !memberName.startsWith('__MACOSX') && bytes.length > 0)
      .map(([memberName, bytes]) => ({ name: memberName, bytes }));
    out.push(...expandZips(inner, depth + 1));
  }
  return out;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Official text files are ASCII or Windows-1252; XML and our CSVs are UTF-8. */
function decodeText(file: ReleaseFile): string {
  if (SKIPPED_DOCUMENTS.test(file.name)) return '';
  if (file.bytes.length === 0) throw new CodeSetFormatError(file.name, 'the file is empty (0 bytes)');
  if (looksBinary(file.bytes)) {
    if (SKIPPED_DOCUMENTS.test(file.name)) return '';
    throw new CodeSetFormatError(file.name, 'this is a binary file, not a code-set text, XML or zip file');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(file.bytes);
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of sample) if (b === 0 || (b < 9 && b !== 0)) controls++;
  return controls > 0;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export { isCodeSetBundle };
