import { ICD10CM_CODE, withDot } from './icd-code';
import { CodeSetFormatError } from './parse-icd10cm-order';
import { readCdcXml } from './parse-icd10cm-tabular';

/** One line of the Alphabetic Index that leads somewhere: a code, a cross-reference, or both. */
export interface IndexEntry {
  /** Main term then subterms, e.g. ['Diabetes, diabetic', 'type 2', 'with', 'hyperglycemia']. */
  path: string[];
  /** Nonessential modifiers of the last term, e.g. "(mellitus) (sugar)"; they do not change the code. */
  nemod?: string;
  /** Code with the dot, without the index's trailing "-" (see `incomplete`). */
  code?: string;
  /** True when the index wrote the code with a trailing "-": more characters are needed from the Tabular List. */
  incomplete?: true;
  /** "see" cross-reference: code from that other term instead. */
  see?: string;
  /** "see also" cross-reference: that other term may hold more detail. */
  seeAlso?: string;
  /** Manifestation code printed in brackets after `code` (etiology first, then this), with the dot. */
  manifestation?: string;
}

/** Everything read from one CDC ICD-10-CM Alphabetic Index XML file (icd10cm_index_YYYY.xml). */
export interface Icd10cmIndex {
  /** From `<version>`, e.g. 2026. */
  fiscalYear: number;
  /** The index's `<title>`, e.g. "ICD-10-CM INDEX TO DISEASES and INJURIES". */
  title?: string;
  /** In document order: a term comes before its subterms. */
  entries: IndexEntry[];
  /** Children of mainTerm/term this parser does not know, with counts: a newer file format shows up here instead of vanishing. */
  ignoredElements: Record<string, number>;
}

/**
 * Parses the CDC ICD-10-CM Alphabetic Index XML (root `<ICD10CM.index>`): one entry per main term or
 * subterm that has a code, manifestation code, "see" or "see also". The External Cause Index has
 * the same shape; the Neoplasm and Drug tables (columns of `<cell>`s) are refused.
 *
 * @example parseIcd10cmIndex(xml).entries.find(e => e.path.join(' > ') === 'Diabetes, diabetic > type 2')?.code // "E11.9"
 */
export function parseIcd10cmIndex(xml: string, sourceName = 'ICD-10-CM Alphabetic Index XML'): Icd10cmIndex {
  let fiscalYear: number | undefined;
  let title: string | undefined;
  const entries: IndexEntry[] = [];
  const open: Term[] = [];
  const path: string[] = [];
  // Text of the element being read; a term title also keeps its <nemod> part apart.
  let text: string[] | undefined;
  let nemod: string[] | undefined;
  const ignoredElements: Record<string, number> = {};

  readCdcXml(xml, sourceName, { root: 'ICD10CM.index', what: 'ICD-10-CM Alphabetic Index' }, (fail) => ({
    open(name, _attributes, line) {
      path.push(name);
      const parentName = path.at(-2);
      if ((parentName === 'mainTerm' || parentName === 'term') && !TERM_CHILDREN.has(name)) {
        ignoredElements[`${parentName} > ${name}`] = (ignoredElements[`${parentName} > ${name}`] ?? 0) + 1;
      }
      if (name === 'mainTerm' || name === 'term') {
        // The parent's own code/see come before its subterms, so emit it now to keep document order.
        const parent = open.at(-1);
        if (parent) emit(parent);
        if (name === 'term' && !parent) fail('<term> outside any <mainTerm>');
        open.push({ line, codes: [], emitted: false });
      } else if (name === 'indexHeading' || name === 'cell') {
        fail('this is a table with columns (Neoplasm or Drug table), not the Alphabetic Index');
      } else if (name === 'nemod' && text) {
        nemod = [];
      } else if (TEXT_ELEMENTS.has(name)) {
        text = [];
      }
    },
    text(chunk) {
      (nemod ?? text)?.push(chunk);
    },
    close(name) {
      const parentName = path.at(-2);
      const term = open.at(-1);
      if (name === 'nemod' && nemod) {
        if (term && parentName === 'title') term.nemod = clean(nemod.join(''));
        nemod = undefined;
        path.pop();
        return;
      }
      const value = text && TEXT_ELEMENTS.has(name) ? clean(text.join('')) : '';
      if (TEXT_ELEMENTS.has(name)) text = undefined;

      if (name === 'mainTerm' || name === 'term') {
        const done = open.pop()!;
        if (done.title === undefined) fail(`the <${name}> opened at line ${done.line} has no <title>`);
        emit(done);
      } else if (name === 'version' && parentName === 'ICD10CM.index') {
        const year = /\b(20\d\d)\b/.exec(value);
        if (!year) return fail(`<version> is "${value}", expected a fiscal year such as 2026`);
        fiscalYear = Number(year[1]);
      } else if (name === 'title' && parentName === 'ICD10CM.index') {
        title = value;
      } else if (term && (parentName === 'mainTerm' || parentName === 'term')) {
        if (name === 'title') {
          if (value === '') fail('empty term <title>');
          term.title = value;
        } else if (name === 'code' || name === 'manif') {
          if (name === 'code') term.codes.push(value);
          else term.manif = value;
        } else if (name === 'see') {
          term.see = term.see ? `${term.see}; ${value}` : value;
        } else if (name === 'seeAlso') {
          term.seeAlso = term.seeAlso ? `${term.seeAlso}; ${value}` : value;
        }
      }
      path.pop();
    },
    where() {
      const titles = open.map((t) => t.title ?? '…');
      const element = `<${path.at(-1) ?? ''}>`;
      return titles.length > 0 ? `${element} of "${titles.join(' > ')}"` : element;
    },
  }));

  if (fiscalYear === undefined) throw new CodeSetFormatError(sourceName, 'the file has no <version> (fiscal year)');
  if (entries.length === 0) throw new CodeSetFormatError(sourceName, 'the file holds no index terms with a code or cross-reference');
  return { fiscalYear, ...(title && { title }), entries, ignoredElements };

  /** Adds the entries of one term (once), one per code it lists. */
  function emit(term: Term): void {
    if (term.emitted || term.title === undefined) return;
    // Not marked as emitted while empty, so a code written after the subterms is still picked up at close.
    if (term.codes.length === 0 && !term.see && !term.seeAlso && !term.manif) return;
    term.emitted = true;
    const path = [...open.filter((t) => t !== term).map((t) => t.title!), term.title];
    // Rare, but a term may list two codes; keep both rather than drop one.
    const codes = term.codes.length > 0 ? term.codes.map(normaliseCode) : [{}];
    for (const code of codes) {
      entries.push({
        path,
        ...(term.nemod && { nemod: term.nemod }),
        ...code,
        ...(term.see && { see: term.see }),
        ...(term.seeAlso && { seeAlso: term.seeAlso }),
        ...(term.manif && { manifestation: normaliseCode(term.manif).code }),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** A main term or subterm while it is being read. */
interface Term {
  line: number;
  title?: string;
  nemod?: string;
  codes: string[];
  manif?: string;
  see?: string;
  seeAlso?: string;
  emitted: boolean;
}

const TEXT_ELEMENTS = new Set(['version', 'title', 'code', 'manif', 'see', 'seeAlso']);
const TERM_CHILDREN = new Set(['title', 'code', 'manif', 'see', 'seeAlso', 'term']);

/**
 * "S72.9-" → { code: "S72.9", incomplete: true }. Codes get the dot and upper case; anything that is
 * not a single code (a range such as "A00-A09") is kept as written.
 */
function normaliseCode(raw: string): { code: string; incomplete?: true } {
  const incomplete = raw.endsWith('-') && ICD10CM_CODE.test(raw.replace(/\.?-$/, ''));
  const bare = incomplete ? raw.replace(/\.?-$/, '') : raw;
  const code = ICD10CM_CODE.test(bare) ? withDot(bare) : raw;
  return incomplete ? { code, incomplete: true } : { code };
}

/** Collapses the indentation the CDC files carry inside text. */
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
