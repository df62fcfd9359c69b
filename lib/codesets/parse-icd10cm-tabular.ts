import { SaxesParser } from 'saxes';
import { ICD10CM_CODE, withDot, withoutDot } from './icd-code';
import { CodeSetFormatError } from './parse-icd10cm-order';
import type { TabularNotes } from './types';

/** One code (or header) of the Tabular List with its own notes and the 7th characters that apply to it. */
export interface TabularCode {
  /** Full title (`<desc>`). */
  title: string;
  /** Id of the `<section>` holding the code, e.g. "E08-E13". */
  section?: string;
  /** Chapter number (1–22). */
  chapter: number;
  /** Code of the enclosing `<diag>` (with the dot); absent for categories. */
  parent?: string;
  /** Notes written at this code, plus `sevenChr`/`sevenChrNote` inherited from the nearest ancestor. */
  notes: TabularNotes;
  /** Plain `<notes>` paragraphs (e.g. "A fracture not indicated as open or closed should be coded to closed"); TabularNotes has no field for them. */
  generalNotes?: string[];
  /** True for `<diag placeholder="true">` nodes such as H21.1X (an "X" filler level, a header in the order file). */
  placeholder?: true;
}

/** A chapter of the Tabular List with its chapter-level notes. */
export interface TabularChapter {
  number: number;
  /** Title without the trailing code range, e.g. "Certain infectious and parasitic diseases". */
  title: string;
  first: string;
  last: string;
  notes: TabularNotes;
  generalNotes?: string[];
}

/** A section (block of categories) of the Tabular List with its section-level notes. */
export interface TabularSection {
  /** The `id` attribute, e.g. "A00-A09" (or "T07" for a one-category section). */
  id: string;
  /** Title without the trailing code range. */
  title: string;
  first: string;
  last: string;
  /** Chapter number the section belongs to. */
  chapter: number;
  notes: TabularNotes;
  generalNotes?: string[];
}

/** Everything read from one CDC ICD-10-CM Tabular List XML file (icd10cm_tabular_YYYY.xml). */
export interface TabularList {
  /** From `<version>`, e.g. 2021. */
  fiscalYear: number;
  chapters: TabularChapter[];
  /**
   * Sections in document order. Some are headings that hold no codes (e.g. "C00-C96", "T07-T88"),
   * sometimes with notes that apply to the sections that follow.
   */
  sections: TabularSection[];
  /** Per code WITH the dot (e.g. "E11.65"), in document order (parents before children). */
  codes: Map<string, TabularCode>;
  /** Children of chapter/section/diag this parser does not know, with counts: a newer file format shows up here instead of vanishing. */
  ignoredElements: Record<string, number>;
}

/**
 * Parses the CDC ICD-10-CM Tabular List XML (root `<ICD10CM.tabular>`), streaming with saxes so a
 * 9 MB file takes well under a second. Refuses empty files, HTML error pages, other XML files and
 * truncated or malformed XML with a CodeSetFormatError that names the line and element.
 *
 * @example parseIcd10cmTabular(xml).codes.get('S72.001')?.notes.sevenChr?.A // "initial encounter for closed fracture"
 */
export function parseIcd10cmTabular(xml: string, sourceName = 'ICD-10-CM Tabular List XML'): TabularList {
  let fiscalYear: number | undefined;
  const frames: Frame[] = [];
  const open: Frame[] = [];
  const sectionRefs = new Map<string, { first: string; last: string }>();
  const seen = new Set<string>();
  const path: string[] = [];
  let text: string[] | undefined;
  let extensionChar: string | undefined;
  const ignoredElements: Record<string, number> = {};

  readCdcXml(xml, sourceName, { root: 'ICD10CM.tabular', what: 'ICD-10-CM Tabular List' }, (fail) => ({
    open(name, attributes, line) {
      path.push(name);
      const parentName = path.at(-2);
      if ((parentName === 'chapter' || parentName === 'section' || parentName === 'diag') && !KNOWN_CHILDREN.has(name)) {
        ignoredElements[`${parentName} > ${name}`] = (ignoredElements[`${parentName} > ${name}`] ?? 0) + 1;
      }
      if (name === 'chapter' || name === 'section' || name === 'diag') {
        const parent = open.at(-1);
        if (name !== 'chapter' && !parent) fail(`<${name}> outside any <chapter>`);
        const frame: Frame = { kind: name, parent, line, lists: {}, general: [] };
        if (name === 'section') frame.name = attributes.id;
        if (name === 'diag' && attributes.placeholder === 'true') frame.placeholder = true;
        frames.push(frame);
        open.push(frame);
      } else if (TEXT_ELEMENTS.has(name)) {
        text = [];
        if (name === 'extension') extensionChar = attributes.char;
        if (name === 'sectionRef' && attributes.id && attributes.first && attributes.last) {
          sectionRefs.set(attributes.id, { first: attributes.first, last: attributes.last });
        }
      }
    },
    text(chunk) {
      text?.push(chunk);
    },
    close(name) {
      const parentName = path.at(-2);
      const owner = open.at(-1);
      const value = text ? clean(text.join('')) : '';
      if (TEXT_ELEMENTS.has(name)) text = undefined;

      if (name === 'chapter' || name === 'section' || name === 'diag') {
        const frame = open.pop()!;
        if (!frame.name) fail(`the <${name}> opened at line ${frame.line} has no ${name === 'section' ? 'id' : '<name>'}`);
        if (frame.desc === undefined) fail(`the <${name}> ${frame.name} opened at line ${frame.line} has no <desc>`);
      } else if (name === 'version' && parentName === 'ICD10CM.tabular') {
        const year = /\b(20\d\d)\b/.exec(value);
        if (!year) return fail(`<version> is "${value}", expected a fiscal year such as 2026`);
        fiscalYear = Number(year[1]);
      } else if (name === 'name' && owner && parentName === owner.kind) {
        if (owner.kind === 'chapter') {
          if (!/^\d{1,2}$/.test(value)) fail(`chapter <name> is "${value}", expected a chapter number`);
          owner.name = value;
        } else if (owner.kind === 'diag') {
          if (!ICD10CM_CODE.test(value)) fail(`<diag> <name> "${value}" is not an ICD-10-CM code`);
          const code = withDot(value);
          if (seen.has(code)) fail(`code ${code} appears twice`);
          seen.add(code);
          owner.name = code;
        }
      } else if (name === 'desc' && owner && parentName === owner.kind) {
        owner.desc = value;
      } else if (name === 'note' && owner && parentName && path.at(-3) === owner.kind) {
        addNote(owner, parentName, value);
      } else if (name === 'extension' && owner && parentName === 'sevenChrDef') {
        if (!extensionChar || !/^[0-9A-Z]$/.test(extensionChar)) {
          return fail(`<extension> without a valid char attribute (got "${extensionChar ?? ''}")`);
        }
        (owner.sevenChr ??= {})[extensionChar] = value;
      }
      path.pop();
    },
    where() {
      const owner = open.at(-1);
      const element = path.at(-1) ?? '';
      if (!owner) return `<${element}>`;
      const label = owner.name ? `${owner.kind} ${owner.name}` : `<${owner.kind}> opened at line ${owner.line}`;
      return element !== owner.kind ? `<${element}> of ${label}` : label;
    },
  }));

  if (fiscalYear === undefined) throw new CodeSetFormatError(sourceName, 'the file has no <version> (fiscal year)');
  return { ...assemble(fiscalYear, frames, sectionRefs, sourceName), ignoredElements };
}

/**
 * The 7th-character definitions that apply to a code, which may itself carry a 7th character
 * (S72.001A) or placeholder X's (T07.XXXA): the nearest listed code decides.
 *
 * @example applicableSevenChr(list, 'S72.001A')?.A // "initial encounter for closed fracture"
 */
export function applicableSevenChr(list: TabularList, code: string): Record<string, string> | undefined {
  const bare = withoutDot(code);
  for (let len = bare.length; len >= 3; len--) {
    const entry = list.codes.get(withDot(bare.slice(0, len)));
    // Inheritance is already resolved, so the first listed ancestor has the answer.
    if (entry) return entry.notes.sevenChr;
  }
  return undefined;
}

/** What a CDC XML reader hears as the file streams past. */
export interface CdcXmlHandlers {
  /** An element opened at `line` (1-based). */
  open(name: string, attributes: Record<string, string>, line: number): void;
  close(name: string): void;
  text(text: string): void;
  /** Where the reader is, for error messages, e.g. "<note> of diag E11.65". */
  where(): string;
}

/**
 * Streams one CDC XML file (Tabular List, Alphabetic Index …) through saxes after checking that it
 * is XML with the expected root; every failure becomes a CodeSetFormatError naming the line.
 * `handlers` receives `fail`, which refuses the file at the current line.
 */
export function readCdcXml(
  xml: string,
  sourceName: string,
  expect: { root: string; what: string },
  handlers: (fail: (message: string) => never) => CdcXmlHandlers,
): void {
  const refuse = (message: string): never => {
    throw new CodeSetFormatError(sourceName, message);
  };
  const body = xml.replace(/^\uFEFF/, '');
  if (body.trim() === '') refuse(`the file is empty; expected the ${expect.what} XML`);
  const start = body.slice(0, 2000);
  // A failed download often saves the server's HTML error page under the expected file name.
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(start)) {
    refuse(`this is an HTML page (a download error page?), not the ${expect.what} XML`);
  }
  if (body.startsWith('PK\u0003\u0004')) refuse(`this is a ZIP archive; extract the ${expect.what} XML from it first`);
  if (!start.trimStart().startsWith('<')) {
    const shown = start.trimStart().slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
    refuse(`this is not XML (it starts with "${shown}"); expected the ${expect.what} XML`);
  }

  const parser = new SaxesParser({ position: true });
  let depth = 0;
  let sawRoot = false;
  let closing = false;
  const where = () => (depth > 0 ? `in ${reader.where()}` : sawRoot ? `after </${expect.root}>` : 'before the root element');
  const fail = (message: string): never => refuse(`line ${parser.line}, ${where()}: ${message}`);
  const reader = handlers(fail);

  parser.on('opentag', (tag) => {
    if (depth === 0) {
      if (tag.name.toLowerCase() === 'html') refuse(`this is an HTML page (a download error page?), not the ${expect.what} XML`);
      if (tag.name !== expect.root) {
        refuse(`the root element is <${tag.name}>, expected <${expect.root}>: this is not the ${expect.what}`);
      }
      sawRoot = true;
    }
    depth++;
    reader.open(tag.name, tag.attributes as Record<string, string>, parser.line);
  });
  parser.on('closetag', (tag) => {
    depth--;
    reader.close(tag.name);
  });
  parser.on('text', (chunk) => reader.text(chunk));
  parser.on('cdata', (chunk) => reader.text(chunk));
  parser.on('error', (err) => {
    const reason = err.message.replace(/^\d+:\d+: /, '');
    if (closing && depth > 0) {
      refuse(`the file stops at line ${parser.line} in the middle of ${reader.where()} (truncated download?)`);
    }
    refuse(`the XML is malformed at line ${parser.line}, column ${parser.column}, ${where()}: ${reason}`);
  });

  parser.write(body);
  closing = true;
  parser.close();
  if (!sawRoot) refuse(`no <${expect.root}> element found; this is not the ${expect.what}`);
}

// ---------------------------------------------------------------------------------------------

/** A chapter, section or diag while it is being read. */
interface Frame {
  kind: 'chapter' | 'section' | 'diag';
  parent?: Frame;
  line: number;
  /** Chapter number, section id, or code with the dot. */
  name?: string;
  desc?: string;
  placeholder?: true;
  lists: Partial<Record<NoteList, string[]>>;
  general: string[];
  sevenChr?: Record<string, string>;
  sevenChrNote?: string;
  /** The 7th-character definition in force here (own or inherited), filled in by `assemble`. */
  applies?: { sevenChr: Record<string, string>; sevenChrNote?: string };
}

// Note lists whose <note> children map one-to-one onto TabularNotes keys.
type NoteList = 'inclusionTerms' | 'includes' | 'excludes1' | 'excludes2' | 'codeFirst' | 'useAdditionalCode' | 'codeAlso';
const NOTE_LISTS: Record<string, NoteList> = {
  inclusionTerm: 'inclusionTerms',
  includes: 'includes',
  excludes1: 'excludes1',
  excludes2: 'excludes2',
  codeFirst: 'codeFirst',
  useAdditionalCode: 'useAdditionalCode',
  codeAlso: 'codeAlso',
};

// Children of chapter/section/diag that are read (visualImpairment, the H54 table, is skipped on purpose).
const KNOWN_CHILDREN = new Set([
  'name', 'desc', 'notes', 'sevenChrNote', 'sevenChrDef', 'sectionIndex', 'section', 'diag', 'visualImpairment',
  ...Object.keys(NOTE_LISTS),
]);

// Elements whose text we keep; text anywhere else (introduction, visual-impairment table) is skipped.
const TEXT_ELEMENTS = new Set(['version', 'name', 'desc', 'note', 'extension', 'sectionRef']);

/** Files one `<note>` under the note list (`<includes>`, `<notes>` …) it sits in. */
function addNote(owner: Frame, list: string, value: string): void {
  if (value === '') return;
  const key = NOTE_LISTS[list];
  if (key) (owner.lists[key] ??= []).push(value);
  else if (list === 'notes') owner.general.push(value);
  else if (list === 'sevenChrNote') owner.sevenChrNote = owner.sevenChrNote ? `${owner.sevenChrNote} ${value}` : value;
  // A <note> inside <sevenChrDef> is an alternative wording of the extension above it
  // ("initial encounter for open fracture NOS" under B); the Record<char, text> shape has no room for it.
}

/** Turns the frames into the public shape, resolving 7th-character inheritance top-down. */
function assemble(
  fiscalYear: number,
  frames: Frame[],
  sectionRefs: Map<string, { first: string; last: string }>,
  sourceName: string,
): Omit<TabularList, 'ignoredElements'> {
  const list: Omit<TabularList, 'ignoredElements'> = { fiscalYear, chapters: [], sections: [], codes: new Map() };
  // Frames are in document order, so a parent's definition is resolved before its children's.
  for (const frame of frames) {
    frame.applies = frame.sevenChr
      ? { sevenChr: Object.freeze(frame.sevenChr), sevenChrNote: frame.sevenChrNote }
      : frame.parent?.applies && { ...frame.parent.applies, sevenChrNote: frame.sevenChrNote ?? frame.parent.applies.sevenChrNote };
    const notes = notesOf(frame, fiscalYear);
    const generalNotes = frame.general.length > 0 ? { generalNotes: frame.general } : {};
    const chapter = Number(ancestor(frame, 'chapter')?.name);
    if (frame.kind === 'chapter') {
      const { title, range } = splitRange(frame.desc!);
      list.chapters.push({ number: chapter, title, first: range?.[0] ?? '', last: range?.[1] ?? '', notes, ...generalNotes });
    } else if (frame.kind === 'section') {
      const id = frame.name!;
      const { title, range } = splitRange(frame.desc!);
      const [first, last] = sectionRefs.has(id) ? [sectionRefs.get(id)!.first, sectionRefs.get(id)!.last] : (range ?? rangeOfId(id));
      list.sections.push({ id, title, first, last, chapter, notes, ...generalNotes });
    } else {
      const section = ancestor(frame, 'section')?.name;
      const parent = frame.parent?.kind === 'diag' ? frame.parent.name : undefined;
      list.codes.set(frame.name!, {
        title: frame.desc!,
        ...(section && { section }),
        chapter,
        ...(parent && { parent }),
        notes,
        ...generalNotes,
        ...(frame.placeholder && { placeholder: true as const }),
      });
    }
  }
  // Chapter descs carry their range ("(A00-B99)"); fall back on the sections if one ever does not.
  for (const chapter of list.chapters) {
    const own = list.sections.filter((s) => s.chapter === chapter.number);
    if (!chapter.first && own.length > 0) chapter.first = own[0]!.first;
    if (!chapter.last && own.length > 0) chapter.last = own.at(-1)!.last;
  }
  if (list.codes.size === 0) throw new CodeSetFormatError(sourceName, 'the file holds no <diag> codes');
  return list;
}

/** TabularNotes with only the keys that have content. */
function notesOf(frame: Frame, fiscalYear: number): TabularNotes {
  const notes: TabularNotes = { fiscalYear, ...frame.lists };
  if (frame.applies) {
    notes.sevenChr = frame.applies.sevenChr;
    if (frame.applies.sevenChrNote) notes.sevenChrNote = frame.applies.sevenChrNote;
  } else if (frame.sevenChrNote) {
    notes.sevenChrNote = frame.sevenChrNote;
  }
  return notes;
}

function ancestor(frame: Frame, kind: Frame['kind']): Frame | undefined {
  for (let f: Frame | undefined = frame; f; f = f.parent) if (f.kind === kind) return f;
  return undefined;
}

/** "Intestinal infectious diseases (A00-A09)" → title + ["A00", "A09"]. */
function splitRange(desc: string): { title: string; range?: [string, string] } {
  const match = /^(.*?)\s*\(([A-Z][0-9A-Z]{2})(?:-([A-Z][0-9A-Z]{2}))?\)$/.exec(desc);
  if (!match) return { title: desc };
  return { title: match[1]!, range: [match[2]!, match[3] ?? match[2]!] };
}

/** Section ids are ranges ("A00-A09") or single categories ("T07"). */
function rangeOfId(id: string): [string, string] {
  const [first = id, last = first] = id.split('-');
  return [first, last];
}

/** Collapses the indentation and tabs the CDC files carry inside text. */
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
