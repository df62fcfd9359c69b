import type { ChartDocument, TextSpan } from '../../chart';
import type { CodeSetBundle, CodeSetCatalog } from '../../codesets';
import type { CompiledContextRules } from '../../context';
import type { ExcludedCandidate } from '../types';
import { evidenceList, makeExcluded, makeLine, releaseFor } from './lines';
import { defaultNamedProcedureRules } from './rules';
import type { CodeRange, CodeSelection, InjectionSite, NamedProcedureRules, ProcedureConcept, StatusCues } from './rules';
import { clausePairs } from './clause-pairs';
import { clockMinutes } from './clock';
import { pickPlainFilm, plainFilmIndex, plainFilmsIn } from './plain-films';
import type { PlainFilmIndex } from './plain-films';
import { mentionStatus } from './status';
import type { StatusOptions, StatusVerdict } from './status';
import { NUMBER_WORDS, PhraseTable, headingViews, nextLinesOfSection, phraseSet, phraseWords, readNumber, semicolonClause, sentenceViews, wordsOf } from './text';
import type { PhraseMatch, SentenceView, Word } from './text';
import type { Payer, ProcedureLine, StageResult } from './types';

/** Options for {@link namedProcedures}. */
export interface NamedProcedureOptions {
  /** Date of service (YYYY-MM-DD). Default: the chart header's, else today. */
  dateOfService?: string;
  /** Payer family (Medicare bundles some tests). Default: 'other'. */
  payer?: Payer;
  /** Concepts and tables. Default: named-procedures.json ({@link defaultNamedProcedureRules}). */
  rules?: NamedProcedureRules;
  /** Add catalogue-keyword matches for CPT codes no concept covers (low confidence, strict "done" cue). Default: true. */
  catalogueFallback?: boolean;
  /** Cue lists for the done/planned decision. Default: cues.json. */
  cues?: StatusCues;
  /** ConText rules. Default: shipped + procedure-context.json. */
  contextRules?: CompiledContextRules;
}

/**
 * Office procedures and point-of-care tests named in the note as done at this visit. Terms come from
 * the concepts of named-procedures.json plus the CPT catalogue's keywords for their codes; a mention
 * counts when its sentence meets the concept's evidence policy (done cue, result, Procedures section),
 * required words and in-office cue, and is not negated, planned, ordered/sent out or past. The code is
 * picked by variant words, lesion counts, injection site (joint size), laceration length and site, or
 * minutes. Optionally, CPT codes no concept covers are matched on their catalogue keywords with a strict
 * "performed" cue.
 *
 * @example namedProcedures(chartFromText('ECG performed today: NSR.'), catalog).lines[0]?.code // '93000'
 */
export function namedProcedures(document: ChartDocument, catalog: CodeSetCatalog, options: NamedProcedureOptions = {}): StageResult {
  const opts = { ...defaultNamedProcedureOptions, ...options };
  const rules = opts.rules ?? defaultNamedProcedureRules;
  const dos = opts.dateOfService ?? document.header.dateOfServiceIso ?? new Date().toISOString().slice(0, 10);
  const cpt = releaseFor(catalog, 'cpt', dos);
  const compiled = compile(rules, cpt);
  // Headings that name a test ("EKG:") are read together with their first line ("NSR, rate 72").
  const named = (v: SentenceView) => compiled.terms.test(v.words) || (opts.catalogueFallback && compiled.fallback.test(v.words));
  const views = [...sentenceViews(document), ...headingViews(document).filter(named)].sort((a, b) => a.start - b.start);
  const lines: ProcedureLine[] = [];
  const excluded: ExcludedCandidate[] = [];
  const coded = new Set<string>();
  const lineConcept = new Map<ProcedureLine, string>();
  // Lines of a count-chosen code whose sentence gave no number ("PROCEDURE NOTE: Debridement of mycotic toenails").
  const uncounted = new Set<ProcedureLine>();
  // One unit per instrument done, however many lines list them ("PHQ-9: 14" and "GAD-7: 13" on separate lines).
  const instrumentsDone = new Map<string, Set<string>>();
  const indicationViews = views.filter((v) => INDICATION_SECTIONS.has(v.section ?? ''));
  const statusOptions = { dateOfService: dos, ...(opts.cues ? { cues: opts.cues } : {}), ...(opts.contextRules ? { contextRules: opts.contextRules } : {}) };

  const sectionHeadings = headingViews(document);
  views.forEach((view, vi) => {
    const byConcept = new Map<ProcedureConcept, PhraseMatch<ConceptTerm>>();
    for (const m of compiled.terms.all(view.words)) {
      if (insideLetterRun(view.words, m)) continue;
      for (const ref of m.values) {
        const prev = byConcept.get(ref.concept);
        // A term of the rules outranks a catalogue keyword ("Spirometry, pre and post albuterol … no significant
        // bronchodilator response": the test is the spirometry, the keyword its result); then the longer.
        const weight = (x: PhraseMatch<ConceptTerm>) => (x.values.some((v) => v.concept === ref.concept && v.source === 'rules') ? 1000 : 0) + x.to - x.from;
        if (!prev || weight(m) > weight(prev)) byConcept.set(ref.concept, m);
      }
    }
    // Object and action apart ("removal of impacted cerumen"): a pair counts when no term of the concept matched.
    for (const { concept, objects, actions } of compiled.paired) {
      if (byConcept.has(concept)) continue;
      const pair = clausePairs(view, objects, actions)[0];
      if (pair) byConcept.set(concept, { ...pair, values: [{ concept, term: termText(view, pair), source: 'rules' }] });
    }
    const siteIn = injectionSiteView(view, views, vi, compiled, sectionHeadings);
    const present = new Set([...byConcept.keys()].filter((c) => passes(c, view, compiled, siteIn, byConcept)).map((c) => c.id));
    const fromIndication = present.size === 0 ? indicatedConcept(byConcept, view, indicationViews, compiled) : undefined;
    for (const [concept, match] of byConcept) {
      // "time exclusive of advance care planning": a reference to a service billed on its own, not its documentation.
      if (EXCLUDING_BEFORE.test(view.sentence.text.slice(Math.max(0, match.start - view.start - 40), match.start - view.start))) continue;
      if (concept.overrides.length === 0 && [...byConcept.keys()].some((o) => present.has(o.id) && o.overrides.includes(concept.id))) continue;
      if (concept.excludeSections.includes(view.section!)) continue;
      const indicated = concept === fromIndication?.concept ? fromIndication.spans : [];
      if (!passes(concept, view, compiled, siteIn, byConcept) && indicated.length === 0) continue;
      const cc = compiled.concepts.get(concept)!;
      const defaultCode = concept.code ?? siteCode(view, rules, compiled) ?? concept.codes[0]!;
      const said = studyStatus(view, match, cc, mentionStatus(view, match, { ...statusOptions, policy: concept.evidence }), statusOptions);
      // A procedure billed from its own report ("section" evidence) takes no done word from the sentences around it either.
      const doneThere = said.done || concept.evidence === 'section' ? undefined : doneInNextSentence(concept, said, view, views, vi, siteIn, compiled, statusOptions);
      const status = doneThere?.done ? doneThere : said;
      const evidence = evidenceList(document, [match, ...(status.cue ? [status.cue] : [])]);
      const setAside = (e: ExcludedCandidate) => excluded.push(Object.assign(e, { [CONCEPT]: concept.id }));
      if (!status.done) {
        setAside(makeExcluded(catalog, dos, defaultCode, status.reason!, `${termText(view, match)}: ${status.explanation}`, evidence));
        continue;
      }
      if (cc.inOffice && !cc.inOffice.test(view.words)) {
        setAside(makeExcluded(catalog, dos, defaultCode, 'not-billable', `${termText(view, match)}: no sign it was done in the office (point of care); a send-out test is billed by the lab`, evidence));
        continue;
      }
      if (opts.payer === 'medicare' && concept.medicare) {
        setAside(makeExcluded(catalog, dos, defaultCode, 'not-billable', concept.medicare, evidence));
        continue;
      }
      const picked = pickCodes(concept, cc, view, views, vi, match, rules, compiled, siteIn);
      if ('excluded' in picked) {
        setAside(makeExcluded(catalog, dos, picked.code ?? defaultCode, 'uncertain', `${termText(view, match)}: ${picked.excluded}`, evidence));
        continue;
      }
      coded.add(concept.id);
      for (const p of picked.lines) {
        if (p.groups) for (const g of p.groups) instrumentsDone.set(p.code, (instrumentsDone.get(p.code) ?? new Set()).add(g));
        const made = makeLine(catalog, dos, {
          code: p.code,
          kind: concept.kind,
          units: p.units,
          confidence: Math.min(status.confidence, p.confidence ?? 1) * (match.values.every((v) => v.source === 'catalogue') ? 0.9 : 1),
          rule: `${concept.id}: “${termText(view, match)}” (${match.values[0]!.source === 'catalogue' ? 'catalogue keyword' : 'term'}), ${status.explanation}${p.why ? `; ${p.why}` : ''} → ${p.code}${p.units > 1 ? ` × ${p.units}` : ''}`,
          evidence: evidenceList(document, [match, ...(status.cue ? [status.cue] : []), ...(p.spans ?? []), ...indicated]),
          warnings: [...concept.warnings, ...(p.warnings ?? [])],
          extra: {
            ...(p.site ? { site: p.site } : {}),
            ...(concept.lateral ? { lateral: true } : {}),
            ...(concept.includesInjection ? { includesInjection: true } : {}),
          },
        });
        if (made.line) {
          lines.push(made.line);
          lineConcept.set(made.line, concept.id);
          if (p.countStated === false) uncounted.add(made.line);
        }
        if (made.excluded) excluded.push(made.excluded);
      }
    }
    if (opts.catalogueFallback) fallback({ document, catalog, dos, view, compiled, taken: byConcept, lines, excluded, statusOptions });
  });

  // "Spirometry today" and, lines later, "pre/post bronchodilator": one service, the variant (94060) that includes
  // the base test (94010). A concept's base-code lines give way to its variant code billed in the same note.
  for (const c of rules.concepts) {
    const base = c.code ?? c.codes[0];
    const variantCodes = new Set(c.variants.map((v) => v.code).filter((code) => code !== base));
    if (!base || variantCodes.size === 0 || !lines.some((l) => variantCodes.has(l.code))) continue;
    for (let i = lines.length - 1; i >= 0; i--) {
      if (lines[i]!.code !== base || lineConcept.get(lines[i]!) !== c.id) continue;
      const [line] = lines.splice(i, 1);
      excluded.push(makeExcluded(catalog, dos, line!.code, 'not-billable', `the same test with its variant (${[...variantCodes].join(', ')}) documented in this note`, line!.evidence));
    }
  }

  // "Debridement of mycotic toenails" as a title and "10 nails were debrided" below: one service, counted where the
  // note gives the number.
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (!uncounted.has(line)) continue;
    const concept = lineConcept.get(line);
    if (lines.some((l) => l !== line && !uncounted.has(l) && lineConcept.get(l) === concept)) lines.splice(i, 1);
  }

  // "PVR by straight catheterization": a concept coded anywhere in the note can make another one's lines the same service.
  const replaced = new Map<string, string>();
  for (const c of rules.concepts) if (coded.has(c.id)) for (const id of c.replacesInNote) replaced.set(id, c.id);
  if (replaced.size) {
    for (let i = lines.length - 1; i >= 0; i--) {
      const by = replaced.get(lineConcept.get(lines[i]!) ?? '');
      if (!by) continue;
      const [line] = lines.splice(i, 1);
      excluded.push(makeExcluded(catalog, dos, line!.code, 'not-billable', `same service as ${by} documented in this note`, line!.evidence));
    }
  }
  // A concept coded from one mention needs no "set aside" entry for its other mentions.
  const kept = excluded.filter((e) => !lines.some((l) => l.code === e.code) && !coded.has((e as Tagged)[CONCEPT] ?? ''));
  for (const e of kept) delete (e as Tagged)[CONCEPT];
  const merged = withoutJointsOfSoftTissueSites(mergeLines(lines), rules.injectionSites);
  for (const line of merged) {
    const n = instrumentsDone.get(line.code)?.size ?? 0;
    if (n > (line.units ?? 1)) {
      line.units = n;
      line.rule = `${line.rule}; ${n} separately scored or reported in the note → × ${n}`;
    }
  }
  return { lines: merged, excluded: kept };
}

/** Defaults for {@link NamedProcedureOptions}. */
export const defaultNamedProcedureOptions: Required<Pick<NamedProcedureOptions, 'payer' | 'catalogueFallback'>> & Omit<NamedProcedureOptions, 'payer' | 'catalogueFallback'> = {
  payer: 'other',
  catalogueFallback: true,
};

/** A sentence that opens with the number of its list item ("2. …", "#3 …", "1) …"). */
const LIST_NUMBER = /^\s*#?\d{1,2}\s*[.):]\s/;

/**
 * How many lesions, nails or muscles a sentence counts for the given nouns: numbers right before a
 * noun ("3 warts", "three AKs") are added up; "a total of N" wins. Undefined when none is written.
 *
 * @example countIn(view, phraseSet(['warts'])) // 3 for "Cryotherapy to 3 warts"
 */
export function countIn(view: SentenceView, nouns: PhraseTable<string>): number | undefined {
  // "a total of 5", "Total lesions destroyed: 3".
  const total = /\b(?:a )?total of (\d{1,3}|[a-z]+)\b/i.exec(view.sentence.text) ?? /\btotal\b[^.:;\d]{0,40}:\s*(\d{1,3})\b/i.exec(view.sentence.text);
  if (total) {
    const n = readNumber(total[1]!);
    if (n !== undefined && n > 0) return n;
  }
  let sum = 0;
  let found = false;
  for (const m of nouns.longest(view.words)) {
    for (let back = 1; back <= 2; back++) {
      const w = view.words[m.from - back];
      // "7 mm lesion" gives a size, not a count; nor does the number of a list item ("2. Trigger point injections").
      if (!w || SIZE_UNITS.has(w.text)) break;
      if (w === view.words[0] && LIST_NUMBER.test(view.sentence.text)) break;
      // "both calluses" are two.
      const n = /^\d{1,3}$/.test(w.text) ? Number(w.text) : w.text === 'both' ? 2 : NUMBER_WORDS[w.text] !== undefined && !['a', 'an'].includes(w.text) ? NUMBER_WORDS[w.text] : undefined;
      if (n !== undefined) {
        sum += n;
        found = true;
        break;
      }
    }
    // "AKs x 3", "warts (4)", "lesions treated: 3".
    const after = /^\s*(?:x|×|#)\s*(\d{1,3})\b|^\s*\((\d{1,3})\)|^\s*(?:treated|destroyed|removed|frozen|biopsied|debrided)?\s*:\s*(\d{1,3})\b/i.exec(view.sentence.text.slice(m.end - view.start));
    if (after) {
      sum += Number(after[1] ?? after[2] ?? after[3]);
      found = true;
    }
  }
  return found && sum > 0 ? sum : undefined;
}

/** Units of a size written before a noun: "7 mm lesion" is no count. */
const SIZE_UNITS: ReadonlySet<string> = new Set(['mm', 'cm', 'in', 'inch', 'inches', 'millimeter', 'millimeters', 'centimeter', 'centimeters']);

/**
 * A table of treated lesions, one row each ("Left temple | Actinic keratosis | Liquid nitrogen cryodestruction"): with no
 * number written, the rows of the section that name the procedure are the count. Undefined outside a table.
 */
function tableRowCount(concept: ProcedureConcept, view: SentenceView, views: readonly SentenceView[], compiled: Compiled): number | undefined {
  if (!view.sentence.text.includes('\t')) return undefined;
  const rows = views.filter((v) => v.sentence.section === view.sentence.section && v.sentence.text.includes('\t') && compiled.terms.longest(v.words).some((m) => m.values.some((t) => t.concept === concept)));
  return rows.length > 1 ? rows.length : undefined;
}

/** Minutes written in a sentence ("for 5 minutes", "> 10 min"); "more than N" counts as N + 1. */
export function minutesIn(text: string): number | undefined {
  const m = /\b(?:(more than|greater than|over|>)\s*)?(\d{1,3})\s*(?:-|to)?\s*(?:\d{1,3}\s*)?(?:minutes?|mins?)\b/i.exec(text);
  if (!m) return undefined;
  return Number(m[2]) + (m[1] ? 1 : 0);
}

/** Lines that time a session ("Session start 10:02 - end 10:57", "Psychotherapy time: 45 min", "Counseling time 8 minutes"). */
const SESSION_WORDS = /\b(?:session|psychotherapy|therapy|face[- ]to[- ]face|time in session|counsel(?:l?ing|l?ed) time|time (?:spent )?counsel(?:l?ing)?)\b/i;

/**
 * A session's minutes written on another line: first its own block ("Session length: 53 minutes",
 * "Start 10:02 / End 10:57"), else the nearest line of the note that times a session — a progress note
 * states the session time once in its header, often far from the title that names the psychotherapy.
 */
function sessionMinutes(view: SentenceView, views: SentenceView[], vi: number): number | undefined {
  const block = views.filter((v, i) => i !== vi && Math.abs(i - vi) <= 4 && v.sentence.section === view.sentence.section);
  for (const v of block) {
    const clock = clockMinutes(v.sentence.text);
    if (clock !== undefined) return clock;
  }
  for (const v of block) {
    if (!SESSION_WORDS.test(v.sentence.text)) continue;
    const m = minutesIn(v.sentence.text);
    if (m !== undefined) return m;
  }
  const byDistance = views.map((v, i) => ({ v, d: Math.abs(i - vi) })).filter((x) => x.d > 0 && SESSION_WORDS.test(x.v.sentence.text)).sort((a, b) => a.d - b.d);
  for (const { v } of byDistance) {
    if (PLANNED_SESSION.test(v.sentence.text)) continue;
    const m = clockMinutes(v.sentence.text) ?? minutesIn(v.sentence.text);
    if (m !== undefined) return m;
  }
  return undefined;
}

/** Session lines about the next or usual session, not this one ("next session in 2 weeks", "weekly 45-minute sessions"). */
const PLANNED_SESSION = /\b(?:next|weekly|biweekly|monthly|every|future|schedule[ds]?|will|plan(?:ned)?|continue)\b/i;

// ---------------------------------------------------------------------------------------------
// Helpers

/** Words that set a service apart from what the sentence measures ("total time excluding psychotherapy"). */
const EXCLUDING_BEFORE = /\b(?:excluding|exclusive of|not including|apart from|separate from|separately from|not counting|outside of|in addition to|does not include|excludes)\s+(?:the\s+|time\s+(?:for|spent\s+on|of)\s+)?$/i;

/**
 * Who completed a rating form, as the sentence says ("parent form", "teacher rating scale", "self-report"):
 * one entry per respondent named, or one unnamed respondent.
 *
 * @example respondentsIn('Vanderbilt parent and teacher forms scored') // ['parent', 'teacher']
 */
export function respondentsIn(text: string): string[] {
  const out: string[] = [];
  if (/\b(?:parents?|mother|mom|father|dad|caregivers?|guardians?)\b/i.test(text)) out.push('parent');
  if (/\bteachers?\b/i.test(text)) out.push('teacher');
  if (/\bself[- ]?(?:report|rated|completed)\b|\b(?:patient|youth|child)[- ](?:completed|report|version)\b/i.test(text)) out.push('self');
  return out.length > 0 ? out : [''];
}

/** Internal tag on excluded entries: the concept that set them aside (removed before returning). */
const CONCEPT = Symbol('concept');
type Tagged = ExcludedCandidate & { [CONCEPT]?: string };

interface ConceptTerm {
  concept: ProcedureConcept;
  term: string;
  source: 'rules' | 'catalogue';
}

interface CompiledConcept {
  requires: PhraseTable<string>[];
  pairs?: { objects: PhraseTable<string>; actions: PhraseTable<string> };
  exclude?: PhraseTable<string>;
  excludeUnless?: PhraseTable<string>;
  inOffice?: PhraseTable<string>;
  variants: { when: PhraseTable<string>; also?: PhraseTable<string>; code: string }[];
  nouns?: PhraseTable<string>;
  instruments?: PhraseTable<number>;
  depths?: PhraseTable<string>[];
}

interface Compiled {
  terms: PhraseTable<ConceptTerm>;
  concepts: Map<ProcedureConcept, CompiledConcept>;
  /** The concepts also read from an object and an action apart, listed once: every sentence asks for them. */
  paired: { concept: ProcedureConcept; objects: PhraseTable<string>; actions: PhraseTable<string> }[];
  sites: PhraseTable<{ joint: string; code?: string; size?: 'large' | 'intermediate' | 'small' }>;
  guidance: PhraseTable<string>;
  repairTypes: PhraseTable<'simple' | 'intermediate' | 'complex'>;
  areas: PhraseTable<string>;
  fallback: PhraseTable<FallbackKeyword>;
  /** Keywords of imaging codes done in the office, and the in-office phrases they need (see OfficeImaging). */
  officeImaging?: { keywords: PhraseTable<{ code: string; keyword: string }>; inOffice: PhraseTable<string> };
  /** Plain films of every body site the catalogue has that no concept covers (see plain-films.ts). */
  plainFilms: PlainFilmIndex;
}

/**
 * A term of single letters ("I&D" read as "i d") inside a longer run of them: a dictated "b i d" or "t i d" is a
 * dosing frequency, not an incision and drainage. A side letter after it ("I&D, L axillary abscess") is the site's side.
 */
function insideLetterRun(words: readonly Word[], m: PhraseMatch<unknown>): boolean {
  const single = (w: Word | undefined) => !!w && w.text.length === 1 && /[a-z]/.test(w.text);
  for (let i = m.from; i < m.to; i++) if (!single(words[i])) return false;
  const after = words[m.to];
  return single(words[m.from - 1]) || (single(after) && !(SIDE_LETTER.test(after!.text) && !single(words[m.to + 1])));
}

/** "L", "R": a side written before a site. */
const SIDE_LETTER = /^[lr]$/;

/** "without ultrasound guidance", "no US guidance": the guidance named as not used. */
const NOT_BEFORE_GUIDANCE = new Set(['without', 'no', 'not', 'non']);

/** Ultrasound guidance the words say was used (a guidance phrase not right after "without", "no" or "not"). */
function saysGuided(guidance: PhraseTable<string>, words: readonly Word[]): boolean {
  return guidance.all(words).some((m) => !NOT_BEFORE_GUIDANCE.has(words[m.from - 1]?.text ?? ''));
}

/** A keyword names an imaging study only with one of these words ("thyroid ultrasound", not "uterus"). */
const IMAGING_WORDS = new Set(['ultrasound', 'sonogram', 'sonography', 'doppler', 'duplex', 'scan']);

const compileCache = new WeakMap<NamedProcedureRules, Map<CodeSetBundle | undefined, Compiled>>();

function compile(rules: NamedProcedureRules, cpt: CodeSetBundle | undefined): Compiled {
  let byBundle = compileCache.get(rules);
  if (!byBundle) {
    byBundle = new Map();
    compileCache.set(rules, byBundle);
  }
  const cached = byBundle.get(cpt);
  if (cached) return cached;
  const ignore = new Set(rules.ignoreKeywords.map((k) => phraseWords(k).join(' ')));
  // Which CPT codes carry each keyword, so a keyword shared with a code outside the concept is skipped.
  const keywordCodes = new Map<string, Set<string>>();
  for (const r of cpt?.codes ?? []) {
    for (const k of r.synonyms ?? []) {
      const key = phraseWords(k).join(' ');
      if (!key) continue;
      const set = keywordCodes.get(key) ?? new Set<string>();
      set.add(r.code);
      keywordCodes.set(key, set);
    }
  }
  const terms = new PhraseTable<ConceptTerm>();
  const concepts = new Map<ProcedureConcept, CompiledConcept>();
  const claimed = new Set<string>();
  for (const concept of rules.concepts) {
    for (const term of concept.terms) terms.add(term, { concept, term, source: 'rules' });
    concept.codes.forEach((c) => claimed.add(c));
    if (concept.keywords && cpt) {
      const own = new Set(concept.codes);
      for (const code of concept.codes) {
        const record = cpt.codes.find((r) => r.code === code);
        for (const k of record?.synonyms ?? []) {
          const key = phraseWords(k).join(' ');
          if (!key || ignore.has(key)) continue;
          if ([...(keywordCodes.get(key) ?? [])].some((c) => !own.has(c))) continue;
          terms.add(key.split(' '), { concept, term: k, source: 'catalogue' });
        }
      }
    }
    const cc: CompiledConcept = {
      requires: concept.requires.map((g) => phraseSet(g)),
      variants: concept.variants.map((v) => ({ when: phraseSet(v.when), ...(v.also ? { also: phraseSet(v.also) } : {}), code: v.code })),
      ...(concept.exclude.length ? { exclude: phraseSet(concept.exclude) } : {}),
      ...(concept.excludeUnless.length ? { excludeUnless: phraseSet(concept.excludeUnless) } : {}),
      ...(concept.inOffice.length ? { inOffice: phraseSet(concept.inOffice) } : {}),
      ...(concept.pairs ? { pairs: { objects: phraseSet(concept.pairs.objects), actions: phraseSet(concept.pairs.actions) } } : {}),
    };
    if (concept.select?.by === 'count') cc.nouns = phraseSet(concept.select.nouns);
    if (concept.select?.by === 'wound-area') cc.depths = concept.select.depths.map((d) => phraseSet(d.when));
    if (concept.select?.by === 'instruments') {
      const t = new PhraseTable<number>();
      concept.select.groups.forEach((g, i) => g.forEach((p) => t.add(p, i)));
      cc.instruments = t;
    }
    concepts.set(concept, cc);
  }
  const sites = new PhraseTable<{ joint: string; code?: string; size?: 'large' | 'intermediate' | 'small' }>();
  for (const s of rules.injectionSites) for (const term of s.terms) sites.add(term, { joint: s.joint, ...(s.code ? { code: s.code } : {}), ...(s.size ? { size: s.size } : {}) });
  const repairTypes = new PhraseTable<'simple' | 'intermediate' | 'complex'>();
  for (const r of rules.laceration.repairTypes) for (const term of r.terms) repairTypes.add(term, r.type);
  const areas = new PhraseTable<string>();
  for (const a of rules.laceration.areas) for (const term of a.terms) areas.add(term, a.area);
  for (const s of rules.injectionSizes ? Object.values(rules.injectionSizes) : []) claimed.add(s.code).add(s.guided);
  const procedureWords = new Set(rules.fallback.procedureWords.map((w) => w.toLowerCase()));
  const suffixes = rules.fallback.singleWordSuffixes.map((w) => w.toLowerCase());
  // Fallback: a keyword that only one CPT code carries, for procedures (not visits, labs, imaging or vaccines) no concept covers.
  const fallbackTable = new PhraseTable<FallbackKeyword>();
  for (const [key, codes] of keywordCodes) {
    if (ignore.has(key)) continue;
    // A keyword two codes share when they differ only by imaging guidance ("paracentesis"): the sentence decides.
    const pair = codes.size === 2 && cpt ? imagingPair([...codes], cpt) : undefined;
    if (codes.size !== 1 && !pair) continue;
    const code = pair ? pair.unguided : [...codes][0]!;
    if (claimed.has(code) || (pair && claimed.has(pair.guided)) || !/^\d{5}$/.test(code)) continue;
    const n = Number(code);
    if (n >= 70000 && n < 90000) continue; // imaging and labs: too often done elsewhere
    if (n >= 90460 && n < 90760) continue; // vaccines: vaccines.ts
    if (n >= 99000) continue; // visits and care management
    if (n >= 96360 && n < 96550) continue; // injections and infusions: administration.ts
    if (code === '36416') continue; // capillary stick: bundled with the test it is drawn for
    const words = key.split(' ');
    const last = words[words.length - 1]!;
    const named = words.length > 1 ? procedureWords.has(last) || suffixes.some((x) => last.endsWith(x)) : /^[a-z]{5,}$/.test(last) && suffixes.some((x) => last.endsWith(x));
    if (!named) continue;
    fallbackTable.add(words, { code, keyword: key, ...(pair ? { guided: pair.guided } : {}) });
  }
  const paired = [...concepts].flatMap(([concept, cc]) => (cc.pairs ? [{ concept, ...cc.pairs }] : []));
  const compiled: Compiled = { terms, concepts, paired, sites, guidance: phraseSet(rules.ultrasoundGuidance), repairTypes, areas, fallback: fallbackTable, plainFilms: plainFilmIndex(cpt, claimed) };
  const oi = rules.fallback.officeImaging;
  if (oi) {
    const keywords = new PhraseTable<{ code: string; keyword: string }>();
    for (const [key, codes] of keywordCodes) {
      const code = [...codes][0]!;
      if (codes.size !== 1 || ignore.has(key) || claimed.has(code) || code < oi.from || code > oi.to || !/^\d{5}$/.test(code)) continue;
      const words = key.split(' ');
      if (words.length > 1 && words.some((w) => IMAGING_WORDS.has(w))) keywords.add(words, { code, keyword: key });
    }
    compiled.officeImaging = { keywords, inOffice: phraseSet(oi.inOffice) };
  }
  byBundle.set(cpt, compiled);
  return compiled;
}

/** Words after a site that make it a modifier of a device, study or exercise ("thumb spica", "knee brace", "wrist x-ray", "wrist extensor program"). */
const SITE_AS_MODIFIER = /^\s*(?:spica|splints?|braces?|sling|immobili[sz]er|sleeve|wrap|support|strap|x-?rays?|xr|films?|radiographs?|mri|ct|extensors?|flexors?|exercises?|program|stretch\w*|strengthening)\b/i;

/** Verdicts of a required word's own context that set a done mention aside (not "uncertain": the term's cue still stands). */
const REQUIRED_WORD_VETO: ReadonlySet<string> = new Set(['negated', 'historical', 'hypothetical', 'family', 'other-person']);

/**
 * A done term whose required word has context of its own ("R wrist: sprained last week (XR that day negative)"):
 * the study word, nearest the term, is checked too, and a past, negated or planned study sets the term aside.
 */
function studyStatus(view: SentenceView, match: TextSpan, cc: CompiledConcept, status: StatusVerdict, options: StatusOptions): StatusVerdict {
  if (!status.done || cc.requires.length === 0) return status;
  for (const group of cc.requires) {
    const words = group.longest(view.words).filter((m) => m.end <= match.start || m.start >= match.end);
    const nearest = words.sort((a, b) => Math.abs(a.start - match.start) - Math.abs(b.start - match.start))[0];
    if (!nearest) continue;
    const own = mentionStatus(view, nearest, { ...options, policy: 'none' });
    if (!own.done && REQUIRED_WORD_VETO.has(own.reason!)) return own;
  }
  return status;
}

/**
 * "Repeat injection today. Consent obtained … 40 mg triamcinolone … into the left knee.": the joint of an injection
 * sentence that names none is in the next sentence of the same section, when that one names a joint.
 */
function injectionSiteView(view: SentenceView, views: readonly SentenceView[], vi: number, compiled: Compiled, headings: readonly SentenceView[] = []): SentenceView {
  if (compiled.sites.test(view.words)) return view;
  const next = views[vi + 1];
  if (next && next.sentence.section === view.sentence.section && compiled.sites.test(next.words)) return next;
  // "Procedure, right knee: … 40 mg triamcinolone … was injected into the joint.": the heading names the joint.
  const found = view.section === 'procedures' ? headings.find((h) => h.sentence.section === view.sentence.section && h.start < view.start) : undefined;
  if (!found) return view;
  // The heading's own words (a heading view also carries the section's first line).
  const title = found.sentence.text.split('\n')[0]!;
  const heading = { ...found, words: found.words.filter((w) => w.end <= found.start + title.length) };
  return compiled.sites.test(heading.words) ? heading : view;
}

/**
 * The verdict of the sentence after a procedure named without a done word, when that sentence carries the doing:
 * "Repeat injection today." then "Consent obtained … into the left knee." (the sentence naming the joint), or
 * "Removal of skin tags, neck: 8 acrochordons" then "Removed with sterile scissors." (the next one or two sentences of
 * its section, as long as they name no other procedure). Undefined when no such sentence is there.
 */
function doneInNextSentence(
  concept: ProcedureConcept,
  said: StatusVerdict,
  view: SentenceView,
  views: readonly SentenceView[],
  vi: number,
  siteIn: SentenceView,
  compiled: Compiled,
  statusOptions: StatusOptions,
): StatusVerdict | undefined {
  const cueOnly = { ...statusOptions, policy: 'cue' as const };
  const siteHit = siteIn !== view && (said.reason === 'hypothetical' || said.reason === 'uncertain') ? compiled.sites.longest(siteIn.words)[0] : undefined;
  if (siteHit) return mentionStatus(siteIn, siteHit, cueOnly);
  // "Spirometry, before and after bronchodilator" over a table of its values ("FEV1 2.61 L (82%) 2.86 L"): the result
  // recorded on the next lines of its section is the test done.
  const onlyThis = (v: SentenceView) => compiled.terms.all(v.words).every((m) => m.values.every((ref) => ref.concept === concept));
  if (said.reason === 'uncertain' && concept.kind === 'test') {
    const next = views.slice(vi + 1, vi + 4).filter((v) => v.sentence.section === view.sentence.section && v.start >= view.sentence.end);
    const result = next.find((v) => MEASURED_VALUE.test(v.sentence.text) && onlyThis(v));
    return result ? { done: true, confidence: 0.75, explanation: 'its results follow on the next lines', cue: { start: result.start, end: result.sentence.end, text: result.sentence.text } } : undefined;
  }
  if (said.reason !== 'uncertain' || (concept.kind !== 'minor-procedure' && concept.kind !== 'injection-procedure')) return undefined;
  for (const next of views.slice(vi + 1, vi + 3)) {
    if (next.sentence.section !== view.sentence.section || next.start < view.sentence.end) continue;
    if (!onlyThis(next)) return undefined;
    const verdict = mentionStatus(next, { start: next.start, end: next.sentence.end }, cueOnly);
    if (verdict.done) return verdict;
  }
  return undefined;
}

/** A measured value with its unit: "2.61 L", "82%", "96 mg/dL", "142 bpm". */
const MEASURED_VALUE = /\b\d+(?:\.\d+)?\s*(?:L|mL|%|mg\/dL|mmol\/L|bpm|mmHg|cm|mm)(?![a-z])/i;

/** Sections that say what a procedure note's procedure is for: its indication and its diagnoses. */
const INDICATION_SECTIONS: ReadonlySet<string> = new Set(['reason_for_visit', 'chief_complaint', 'assessment', 'assessment_and_plan', 'diagnoses']);

/**
 * "Liquid nitrogen applied to each of the 5 lesions" under a Procedure heading names the method, while the
 * lesions' kind is in the note's indication or assessment ("Actinic keratoses"). When the sentence itself
 * supports none of the concepts its words name, and it sits in a procedure section, the one concept whose
 * required words the indication and assessment sentences carry is the procedure; with two (warts and AKs both
 * named) the sentence stays undecided.
 */
function indicatedConcept(
  byConcept: ReadonlyMap<ProcedureConcept, PhraseMatch<ConceptTerm>>,
  view: SentenceView,
  indication: readonly SentenceView[],
  compiled: Compiled,
): { concept: ProcedureConcept; spans: TextSpan[] } | undefined {
  if (view.section !== 'procedures' || indication.length === 0) return undefined;
  const supported: { concept: ProcedureConcept; spans: TextSpan[] }[] = [];
  for (const concept of byConcept.keys()) {
    const cc = compiled.concepts.get(concept)!;
    // Only what a procedure treats comes from the indication; a test's required words name its method ("films").
    if (cc.requires.length === 0 || concept.kind === 'test') continue;
    const spans = cc.requires.map((g) => indication.flatMap((v) => g.longest(v.words).filter((m) => mentionStatus(v, m, { policy: 'none' }).done))[0]);
    if (spans.every((m) => m !== undefined)) supported.push({ concept, spans: spans as TextSpan[] });
  }
  return supported.length === 1 ? supported[0] : undefined;
}

/** Words that make the excluding word after them absent. */
const NEGATED_BEFORE: ReadonlySet<string> = new Set(['no', 'without', 'not', 'non', 'nor']);

/** Required words present and no excluded word. */
function passes(concept: ProcedureConcept, view: SentenceView, compiled: Compiled, siteIn: SentenceView = view, found?: ReadonlyMap<ProcedureConcept, TextSpan>): boolean {
  const cc = compiled.concepts.get(concept)!;
  // "rapid flu A neg; rapid flu B neg; rapid COVID-19 Ag neg": in a list of tests, a veto word in another test's clause
  // is that test's ("sent to reference lab" in a clause of its own still speaks for the labs before it).
  const match = found?.get(concept);
  const clause = match ? semicolonClause(view, match) : undefined;
  const otherTestClauses = [...(found ?? [])].filter(([c]) => c !== concept).map(([, m]) => semicolonClause(view, m)).filter((k) => k.start !== clause?.start);
  const inClause = (m: TextSpan) => !clause || (m.start >= clause.start && m.end <= clause.end) || !otherTestClauses.some((k) => m.start >= k.start && m.end <= k.end);
  // "No ulcer beneath either lesion" says the excluding thing is absent: it does not veto the procedure.
  // "HbA1c today 7.3% (her goal < 7.5%)": a veto word in a parenthetical aside that leaves the term out speaks of the aside.
  if (!cc.excludeUnless?.test(view.words) && cc.exclude?.longest(view.words).some((m) => inClause(m) && !(match && inAsideWithout(view, m, match)) && !NEGATED_BEFORE.has(view.words[m.from - 1]?.text ?? '') && !NEGATED_BEFORE.has(view.words[m.from - 2]?.text ?? ''))) return false;
  // An injection of a joint, bursa or tendon needs one named ("pharynx injected" is an exam finding).
  if (concept.select?.by === 'injection-site' && !compiled.sites.test(siteIn.words)) return false;
  // A test's method word belongs to its site: "knee pain … after sitting through films" names no knee film.
  // A count of views names a film only right beside its site ("L ankle 3 views", "3 views of the right foot").
  if (concept.kind === 'test' && match) return cc.requires.every((g) => g.longest(view.words).some((h) => wordsApart(view, match, h) <= (VIEW_WORDS.has(h.values[0]!) ? VIEW_WINDOW : TEST_METHOD_WINDOW)));
  return cc.requires.every((g) => g.test(view.words));
}

/** True when `m` sits inside parentheses that do not also hold `term`. */
function inAsideWithout(view: SentenceView, m: TextSpan, term: TextSpan): boolean {
  const text = view.sentence.text;
  const open = text.lastIndexOf('(', m.start - view.start);
  if (open < 0 || text.lastIndexOf(')', m.start - view.start) > open) return false;
  const close = text.indexOf(')', m.end - view.start);
  if (close < 0) return false;
  const [from, to] = [view.start + open, view.start + close];
  if (term.start >= from && term.end <= to) return false;
  // "A1c (reference lab)": an aside right after the term is about the term.
  return !(term.end <= from && /^[\s,]*$/.test(text.slice(term.end - view.start, open)));
}

/** How far (in words) a test's method word ("x-ray", "films") may stand from its site or name. */
const TEST_METHOD_WINDOW = 8;
/** Words that name a film by its views, and how near its site they must stand. */
const VIEW_WORDS: ReadonlySet<string> = new Set(['views', 'projections']);
const VIEW_WINDOW = 4;

/** Words of the sentence strictly between two spans. */
function wordsApart(view: SentenceView, a: TextSpan, b: TextSpan): number {
  const [from, to] = a.end <= b.start ? [a.end, b.start] : [b.end, a.start];
  return view.words.filter((w) => w.start >= from && w.end <= to).length;
}

interface Picked {
  code: string;
  units: number;
  why?: string;
  warnings?: string[];
  confidence?: number;
  site?: { term: string; start: number; end: number };
  spans?: TextSpan[];
  /** Instrument forms the sentence names ("1:parent", select by 'instruments'): units are counted over the whole note. */
  groups?: string[];
  /** For a code chosen by count: false when the sentence gave no number (counted as 1). */
  countStated?: boolean;
}

// "non" is the prefix of "non-automated" (hyphens split words): it denies the method word it is joined to.
const VARIANT_NEGATORS = new Set(['no', 'not', 'without', 'wo', 'non']);

/** Words right after a method that say it was not done ("endocervical curettage not performed", "ECC deferred"). */
const VARIANT_NOT_DONE = new Set(['not', 'deferred', 'omitted']);

/** A phrase of the table in the words that no "no"/"without"/"non-" just before denies ("dipstick, no microscopy" is
 * not microscopy, "non-automated" is not automated) and no "not performed" / "deferred" right after. */
function affirmed(table: PhraseTable<string>, words: readonly Word[]): boolean {
  const denied = (i: number) => VARIANT_NEGATORS.has(words[i]?.text ?? '') || (words[i]?.text === 'o' && words[i - 1]?.text === 'w');
  const notDone = (i: number) => VARIANT_NOT_DONE.has(words[i]?.text ?? '') || (VARIANT_NOT_DONE.has(words[i + 1]?.text ?? '') && /^(?:was|were|is)$/.test(words[i]?.text ?? ''));
  return table.all(words).some((m) => !denied(m.from - 1) && !denied(m.from - 2) && !notDone(m.to));
}

/**
 * The sentences of a view's section. A title ("Procedure Note: Colposcopy", outside every clinical section) names the
 * procedure that the note's procedure and findings sections after it describe, so those are the title's too.
 */
function sectionOf(view: SentenceView, views: readonly SentenceView[]): SentenceView[] {
  const title = view.section === undefined || view.section === 'other';
  return views.filter((v) => v.sentence.section === view.sentence.section || (title && v.start > view.start && (v.section === 'procedures' || v.section === 'results')));
}

/** The mention's section and the procedure or findings sections right after it: one procedure report. */
function reportViews(view: SentenceView, views: readonly SentenceView[]): SentenceView[] {
  const out = views.filter((v) => v.sentence.section === view.sentence.section);
  for (const v of views) {
    if (v.sentence.section <= view.sentence.section) continue;
    if (v.section !== 'procedures' && v.section !== 'results') break;
    out.push(v);
  }
  return out;
}

function pickCodes(
  concept: ProcedureConcept,
  cc: CompiledConcept,
  view: SentenceView,
  views: SentenceView[],
  vi: number,
  match: PhraseMatch<ConceptTerm>,
  rules: NamedProcedureRules,
  compiled: Compiled,
  siteIn: SentenceView = view,
): { lines: Picked[] } | { excluded: string; code?: string } {
  // A procedure written over several sentences names its method anywhere in its section.
  // A procedure report tells what was done in its procedure section and its findings ("polyp removed with a cold snare").
  const scope = concept.variantScope === 'section' ? sectionOf(view, views).map((v) => v.words) : concept.variantScope === 'report' ? reportViews(view, views).map((v) => v.words) : [view.words];
  const inScope = (table: PhraseTable<string>) => scope.some((words) => affirmed(table, words));
  const variant = cc.variants.find((v) => inScope(v.when) && (!v.also || inScope(v.also)));
  if (concept.variantRequired && !variant) return { excluded: 'the method is not documented, so the code cannot be chosen' };
  let base: Picked = { code: variant?.code ?? concept.code ?? concept.codes[0]!, units: 1, ...(variant ? { why: `variant words in the ${concept.variantScope ?? 'sentence'}` } : {}) };
  if (concept.units === 'repeat') {
    const n = repeatCount(view);
    if (n > 1) base = { ...base, units: n, why: [base.why, `${n} treatments`].filter(Boolean).join('; ') };
  }
  const select = concept.select;
  if (!select) return { lines: [base] };
  switch (select.by) {
    case 'count': {
      // Named in the assessment or plan ("Trigger point injections today (see procedure)"), counted in the write-up.
      const n = countIn(view, cc.nouns!) ?? tableRowCount(concept, view, views, compiled) ?? (view.section === 'procedures' ? undefined : views.filter((v) => v.section === 'procedures').map((v) => countIn(v, cc.nouns!)).find((c) => c !== undefined));
      const count = n ?? 1;
      const picked = fromRanges(select.ranges, count, 'count');
      if (!picked) return { excluded: `no code for a count of ${count}` };
      return { lines: picked.map((p, i) => ({ ...p, countStated: n !== undefined, ...(i === 0 ? { warnings: n === undefined ? ['Number of lesions/items not stated: counted as 1.'] : [], ...(n === undefined ? { confidence: 0.7 } : {}) } : {}), why: `${count} counted` })) };
    }
    case 'minutes': {
      const minutes = minutesIn(view.sentence.text) ?? clockMinutes(view.sentence.text) ?? sessionMinutes(view, views, vi);
      if (minutes === undefined) return { excluded: 'time not documented (this code is by minutes)' };
      const picked = fromRanges(select.ranges, minutes, 'minutes');
      if (!picked) return { excluded: `${minutes} minutes is below the code’s minimum time` };
      return { lines: picked.map((p) => ({ ...p, why: `${minutes} min documented` })) };
    }
    case 'instruments': {
      const groups = new Set(cc.instruments!.longest(view.words).flatMap((m) => m.values));
      // One unit per form scored: the parent and the teacher form of one instrument are two.
      const forms = [...groups].flatMap((g) => respondentsIn(view.sentence.text).map((r) => `${g}:${r}`));
      const units = Math.max(1, forms.length);
      return { lines: [{ ...base, units, why: `${units} separately scored or reported (instruments, forms or analytes)`, groups: forms }] };
    }
    case 'injection-site': {
      const guided = saysGuided(compiled.guidance, view.words) || saysGuided(compiled.guidance, siteIn.words);
      const hits = compiled.sites.longest(siteIn.words);
      if (hits.length === 0) return { excluded: 'injection site not documented (joint or bursa needed for the code)' };
      const out: Picked[] = [];
      // One line per joint; when a joint is named twice ("right knee pain; the left knee was injected"), the mention nearest the injection words.
      const distance = (h: TextSpan) => (h.start >= match.end ? h.start - match.end : Math.max(0, match.start - h.end));
      const nearest = new Map<string, (typeof hits)[number]>();
      // "Right ring finger A1 flexor tendon sheath injection": a joint named just before a soft-tissue site (tendon
      // sheath, first dorsal compartment) places that site; it is not a second injection.
      const text = siteIn.sentence.text;
      const places = (h: (typeof hits)[number]) =>
        !h.values[0]!.code && hits.some((o) => o.values[0]!.code && o.start >= h.end && o.start - h.end <= 24 && !/[,;]|\band\b/i.test(text.slice(h.end - siteIn.start, o.start - siteIn.start)));
      // "thumb spica splint", "knee brace", "wrist x-ray": a site that names a device or study is not injected.
      const namesAThing = (h: (typeof hits)[number]) => SITE_AS_MODIFIER.test(text.slice(h.end - siteIn.start, h.end - siteIn.start + 20));
      for (const h of hits) {
        if (places(h) || namesAThing(h)) continue;
        const joint = h.values[0]!.joint;
        const prev = nearest.get(joint);
        if (!prev || distance(h) < distance(prev)) nearest.set(joint, h);
      }
      for (const h of [...nearest.values()].sort((a, b) => a.start - b.start)) {
        const site = h.values[0]!;
        const code = site.code ?? (guided ? rules.injectionSizes[site.size!].guided : rules.injectionSizes[site.size!].code);
        const term = siteIn.sentence.text.slice(h.start - siteIn.start, h.end - siteIn.start);
        out.push({
          code,
          units: 1,
          why: site.code ? `site “${term}”` : `${site.size} joint/bursa (“${term}”)${guided ? ', ultrasound guided' : ''}`,
          site: { term: site.joint, start: h.start, end: h.end },
          spans: [h],
          ...(site.code && guided ? { warnings: ['Ultrasound guidance documented: add 76942 if separately reportable.'] } : {}),
        });
      }
      return { lines: out };
    }
    case 'laceration':
      return laceration(view, views, vi, rules, compiled);
    case 'wound-area':
      return woundArea(select, cc, view, views, vi);
    case 'excision-size':
      return excisionBySize(select, view, views, vi, compiled);
  }
}

function fromRanges(ranges: CodeRange[], n: number, what: 'count' | 'minutes'): Picked[] | undefined {
  const r = ranges.find((x) => n >= x.min && (x.max === undefined || n <= x.max));
  if (!r) return undefined;
  const out: Picked[] = [{ code: r.code, units: r.perItem && what === 'count' ? n : 1 }];
  if (r.addOn) {
    const units = what === 'minutes' ? (n >= (r.addOn.from ?? Infinity) ? Math.floor((n - r.addOn.from!) / r.addOn.per) + 1 : 0) : Math.ceil((n - (r.addOn.after ?? 0)) / r.addOn.per);
    if (units > 0) out.push({ code: r.addOn.code, units });
  }
  return out;
}

/** "x2", "times 2", "2 treatments", "two nebs". */
function repeatCount(view: SentenceView): number {
  const m = /\b(?:x|×|times)\s*(\d)\b|\b(\d|two|three|four)\s+(?:treatments|nebs|nebulizers|nebulizer treatments|doses)\b/i.exec(view.sentence.text);
  if (!m) return 1;
  const n = readNumber(m[1] ?? m[2]!);
  return n && n > 0 && n < 10 ? n : 1;
}

/** Laceration repair: type, body area and total length from the sentence or its neighbours in the section. */
function laceration(named: SentenceView, views: SentenceView[], namedAt: number, rules: NamedProcedureRules, compiled: Compiled): { lines: Picked[] } | { excluded: string } {
  // A title outside every section ("PROCEDURE NOTE - LACERATION REPAIR") names the repair; its type, site and length
  // are written in the note's procedure section.
  const described = named.section === undefined ? views.findIndex((v) => v.section === 'procedures' && REPAIR_WORDS.test(v.sentence.text)) : -1;
  const vi = described >= 0 ? described : namedAt;
  const view = views[vi]!;
  const near = nearInSection(view, views, vi, 1);
  // The type is said once for the repair, often in its heading ("Procedure: layered (intermediate) repair"), several
  // sentences before the layer closed ("Deep layer: subcutaneous tissue closed with 4-0 Vicryl"). A layered repair
  // closes its skin with simple sutures too ("Skin: 6 simple interrupted sutures"): the fullest type said is the repair's.
  const block = views.filter((_, i) => sameProcedureBlock(views, vi, i));
  const said = [...near, ...block].flatMap((v) => compiled.repairTypes.longest(v.words));
  const type = said.reduce<(typeof said)[number] | undefined>((best, m) => (!best || REPAIR_RANK[m.values[0]!] > REPAIR_RANK[best.values[0]!] ? m : best), undefined);
  const repair = type?.values[0] ?? 'simple';
  const rowOf = (area: string) => rules.laceration.grid.find((g) => g.type === repair && g.areas.includes(area));
  const areaHit = near.map((v) => compiled.areas.longest(v.words)[0]).find(Boolean) ?? lacerationSite(views, compiled, rowOf);
  const length = repairLength(view, views, vi, near);
  if (!areaHit) return { excluded: 'body site of the repair not documented' };
  if (!length) return { excluded: 'repair length (cm) not documented' };
  const area = areaHit.values[0]!;
  const row = rowOf(area);
  if (!row) return { excluded: `no ${repair} repair code for the ${area}` };
  const range = row.ranges.find((r) => (r.minCm === undefined || length!.cm >= r.minCm) && (r.maxCm === undefined || length!.cm <= r.maxCm));
  if (!range) return { excluded: `${length.cm} cm is outside the ${repair} repair ranges for the ${area}` };
  return {
    lines: [{
      code: range.code,
      units: 1,
      why: `${repair} repair${type ? '' : ' (type not stated: simple assumed)'}, ${area}, ${length.cm} cm`,
      spans: [areaHit, length.span],
      warnings: [...(type ? [] : ['Repair type not stated: simple assumed.']), 'Add up the lengths of all repairs of the same type in the same site group.'],
      ...(type ? {} : { confidence: 0.7 }),
    }],
  };
}

/** Repair types from the least to the most work. */
const REPAIR_RANK: Record<'simple' | 'intermediate' | 'complex', number> = { simple: 0, intermediate: 1, complex: 2 };

/**
 * A sentence and its neighbours in the same section (`before` sentences back, five ahead), where a procedure's details
 * sit: a procedure paragraph runs consent, prep and anaesthesia before the size ("… lidocaine, 5 mL. Fusiform
 * excision …; total excised diameter 2.3 cm").
 */
function nearInSection(view: SentenceView, views: readonly SentenceView[], vi: number, before: number): SentenceView[] {
  return [view, ...views.filter((v, i) => i !== vi && i >= vi - before && i <= vi + 5 && sameProcedureBlock(views, vi, i))];
}

/**
 * Whether the sentences at `a` and `b` belong to one procedure's write-up: the same section, or sections of the same
 * kind split only by sub-headings ("Procedure: Excision …" then "Anesthesia:" then the sizes), not by the heading of
 * another procedure ("Procedure 2: …").
 */
function sameProcedureBlock(views: readonly SentenceView[], a: number, b: number): boolean {
  const [from, to] = a < b ? [a, b] : [b, a];
  if (views[from]!.sentence.section === views[to]!.sentence.section) return true;
  if (views[from]!.section === undefined || views[from]!.section !== views[to]!.section) return false;
  for (let i = from + 1; i <= to; i++) {
    const v = views[i]!;
    if (v.section !== views[from]!.section) return false;
    if (v.sentence.isHeading && v.sentence.section !== views[i - 1]!.sentence.section && PROCEDURE_HEADING.test(v.sentence.text)) return false;
  }
  return true;
}

/** A heading that starts another procedure's write-up. */
const PROCEDURE_HEADING = /^\s*(?:procedures?|operations?)\b/i;

/**
 * "Procedure: simple repair" names no site; the wound it closes is described elsewhere ("2.3 cm lac volar L
 * forearm" in the exam). The sites of the note's laceration and wound sentences, when they fall in one code
 * group (scalp and hand do; cheek and hand do not).
 */
function lacerationSite(views: readonly SentenceView[], compiled: Compiled, groupOf: (area: string) => unknown): PhraseMatch<string> | undefined {
  const hits = views.filter((v) => WOUND_WORDS.test(v.sentence.text)).flatMap((v) => compiled.areas.longest(v.words));
  return hits.length > 0 && new Set(hits.map((h) => groupOf(h.values[0]!))).size === 1 ? hits[0] : undefined;
}

const WOUND_WORDS = /\b(?:lacerations?|lac|wounds?|cut)\b/i;

/**
 * Excision of a lesion: the code family by the body area (the laceration areas, from the sentence, its neighbours in
 * the section or the section heading) and the code by the excised diameter, lesion plus margins ("total excised
 * diameter 2.3 cm"), as CPT asks. Without the excised diameter the code cannot be chosen: the lesion's own size is
 * not it.
 */
function excisionBySize(select: Extract<CodeSelection, { by: 'excision-size' }>, view: SentenceView, views: SentenceView[], vi: number, compiled: Compiled): { lines: Picked[] } | { excluded: string } {
  const near = nearInSection(view, views, vi, 1);
  // "Procedure: Excision, left upper back" as the section's own title names the area too.
  const titleWords = view.sectionTitle ? wordsOf(view.sectionTitle, view.start) : [];
  const inText = near.map((v) => compiled.areas.longest(v.words)[0]).find(Boolean);
  const areaHit = inText ?? compiled.areas.longest(titleWords)[0];
  if (!areaHit) return { excluded: 'body area of the excision not documented' };
  const area = areaHit.values[0]!;
  const group = select.groups.find((g) => g.areas.includes(area));
  if (!group) return { excluded: `no excision code for the ${area}` };
  // A shave removal is coded by the lesion's own diameter; an excision by the excised diameter (lesion plus margins).
  const lesion = select.measure === 'lesion';
  const size = near.map((v) => (lesion ? LESION_DIAMETER : EXCISED_DIAMETER).exec(v.sentence.text)).find(Boolean);
  if (!size) return { excluded: lesion ? 'lesion diameter not documented' : 'excised diameter (lesion plus margins) not documented' };
  const [amount, unit] = [size[1] ?? size[3]!, size[2] ?? size[4]!];
  const cm = unit.toLowerCase() === 'mm' ? Number(amount) / 10 : Number(amount);
  const range = group.ranges.find((r) => r.maxCm === undefined || cm <= r.maxCm);
  if (!range) return { excluded: `${cm} cm is beyond the excision codes listed for the ${area}` };
  return { lines: [{ code: range.code, units: 1, why: `${area}${inText ? '' : ' (section title)'}, ${lesion ? 'lesion' : 'excised'} diameter ${cm} cm`, ...(inText ? { spans: [inText] } : {}) }] };
}

/** A lesion's size: the first length written ("0.8 cm stuck-on, waxy, tan papule"), not an area ("3 x 2 cm"). */
const LESION_DIAMETER = /(?<![x×]\s?)\b(\d+(?:\.\d+)?)\s*(cm|mm)\b(?!\s*[x×])/i;

/** "total excised diameter 2.3 cm", "excision diameter 1.8 cm", "Excised diameter (lesion + margins) 1.8 cm", "2.3 cm including margins". */
const EXCISED_DIAMETER = /\b(?:excised|excision|total)\s+(?:lesion\s+)?diameter(?:\s*\([^()]{0,40}\))?(?:\s+(?:of|was|is))?\s*:?\s*(\d+(?:\.\d+)?)\s*(cm|mm)\b|\b(?<![x×]\s?)(\d+(?:\.\d+)?)\s*(cm|mm)\s+(?:including|with|incl\.?)\s+(?:the\s+)?margins?\b/i;

/**
 * Debridement: the deepest tissue named in the sentence or its neighbours in the section picks the code
 * ("excised down to subcutaneous fat" is often the sentence before "Debrided area 6 sq cm"); the area
 * beyond the first `per` sq cm adds the depth's add-on code.
 */
function woundArea(select: Extract<CodeSelection, { by: 'wound-area' }>, cc: CompiledConcept, view: SentenceView, views: SentenceView[], vi: number): { lines: Picked[] } | { excluded: string } {
  // A procedure note says the deepest tissue removed anywhere in its procedure section ("… devitalized subcutaneous
  // tissue were removed … Area debrided: 9.8 sq cm. Post-debridement base red"); elsewhere the sentences nearby.
  const near = view.section === 'procedures' ? views.filter((v) => v.sentence.section === view.sentence.section) : nearInSection(view, views, vi, 2);
  const k = cc.depths!.findIndex((t) => near.some((v) => affirmed(t, v.words)));
  if (k < 0) return { excluded: 'depth of the debridement not documented' };
  const depth = select.depths[k]!;
  const area = near.map(areaIn).find((a) => a !== undefined);
  const out: Picked[] = [{ code: depth.code, units: 1, why: `depth words “${depth.when[0]}”${area !== undefined ? `, ${area} sq cm` : ''}`, ...(area === undefined ? { warnings: ['Wound area (sq cm) not documented: first 20 sq cm assumed.'] } : {}) }];
  if (area !== undefined && depth.addOn && area > select.per) out.push({ code: depth.addOn, units: Math.ceil((area - select.per) / select.per), why: `${area} sq cm: each further ${select.per} sq cm` });
  return { lines: out };
}

/** Wound area in sq cm: written areas ("6 sq cm", "6 cm2") added up, else length × width ("3 x 2 cm"). */
export function areaIn(view: SentenceView): number | undefined {
  const text = view.sentence.text;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:sq\.?\s*cm|square\s+(?:cm|centimeters?)|cm(?:2|²|\^2)(?!\d))/gi)) total += Number(m[1]);
  if (total === 0) {
    for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:cm\s*)?[x×]\s*(\d+(?:\.\d+)?)\s*(?:[x×]\s*\d+(?:\.\d+)?\s*)?cm\b/gi)) total += Number(m[1]) * Number(m[2]);
  }
  return total > 0 ? Math.round(total * 10) / 10 : undefined;
}

/**
 * The length to code a repair by, as CPT asks (the lengths of the wounds repaired added up): a written
 * total ("Total repaired length 4.0 cm") anywhere in the repair's section; else wounds listed one per
 * line ("Wound 1: 2.0 cm", "#2 1.5 cm") added up; else the lengths of the nearest sentence; else a
 * laceration or wound length written elsewhere in the note ("4.0 cm linear laceration" in the HPI).
 */
export function repairLength(view: SentenceView, views: SentenceView[], vi: number, near: SentenceView[]): { cm: number; span: TextSpan } | undefined {
  const section = views.filter((_, i) => sameProcedureBlock(views, vi, i));
  for (const v of [...near, ...section]) {
    const total = /\btotal(?:\s+(?:repaired|repair|wound|laceration|closure|length|repaired length|length repaired))*\s*(?:of|was|is|=|:)?\s*(\d+(?:\.\d+)?)\s*(cm|mm)\b/i.exec(v.sentence.text);
    if (total) {
      const cm = total[2]!.toLowerCase() === 'mm' ? Number(total[1]) / 10 : Number(total[1]);
      const start = v.start + total.index + total[0].length - (total[1]!.length + total[2]!.length + 1);
      return { cm, span: { start: Math.max(v.start + total.index, start), end: v.start + total.index + total[0].length } };
    }
  }
  const listed = section.filter((v) => /^\s*(?:(?:wound|laceration|lac)\s*#?\s*\d|#\s*\d|\d\s*[).])/i.test(v.sentence.text)).map(lengthsIn).filter((x): x is NonNullable<typeof x> => !!x);
  if (listed.length > 1) return { cm: Math.round(listed.reduce((a, b) => a + b.cm, 0) * 10) / 10, span: listed[0]!.span };
  // "Repair: layered closure, 3.0 cm": a length said of the closure beats the lesion and margin sizes nearby.
  for (const v of [...near, ...section]) {
    if (!REPAIR_WORDS.test(v.sentence.text)) continue;
    const cm = lengthsIn(v);
    if (cm) return cm;
  }
  for (const v of near) {
    const cm = lengthsIn(v);
    if (cm) return cm;
  }
  for (const v of views) if (/\b(?:lacerations?|wounds?|lac)\b/i.test(v.sentence.text)) {
    const cm = lengthsIn(v);
    if (cm) return cm;
  }
  return undefined;
}

const REPAIR_WORDS = /\b(?:repair(?:ed)?|closure|closed|sutured|layered)\b/i;
/** Words before a length that make it a size of the excision, not of the repair ("excised diameter", "undermining"). */
const EXCISION_SIZE_BEFORE = /\b(?:diameter|margins?|undermin\w*)\b[^,;()]{0,12}$/i;

/** Total wound length in cm in a sentence: lengths added up, widths ("x 0.5 cm") and depths skipped. */
function lengthsIn(view: SentenceView): { cm: number; span: TextSpan } | undefined {
  const re = /(\d+(?:\.\d+)?)\s*-?\s*(cm|centimeters?|mm)\b/gi;
  let total = 0;
  let span: TextSpan | undefined;
  const text = view.sentence.text;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (/[x×]\s*$/i.test(before) || /^\s*(?:deep|depth)/i.test(after)) continue;
    // "excised diameter 2.4 cm, with intermediate (layered) repair 5.5 cm", "2 mm margins", "undermining 1 cm": the
    // sizes of the excision are not the length repaired.
    if (EXCISION_SIZE_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)) || /^\s*(?:margins?|diameter|undermin)/i.test(after)) continue;
    total += m[2]!.toLowerCase() === 'mm' ? Number(m[1]) / 10 : Number(m[1]);
    span ??= { start: view.start + m.index, end: view.start + m.index + m[0].length };
  }
  return span && total > 0 ? { cm: Math.round(total * 10) / 10, span } : undefined;
}

/** The code of the first injection site named in a sentence (for set-aside entries). */
function siteCode(view: SentenceView, rules: NamedProcedureRules, compiled: Compiled): string | undefined {
  const site = compiled.sites.longest(view.words)[0]?.values[0];
  if (!site) return undefined;
  return site.code ?? rules.injectionSizes[site.size!].code;
}

function termText(view: SentenceView, m: TextSpan): string {
  return view.sentence.text.slice(m.start - view.start, m.end - view.start);
}

/** A catalogue keyword of one code, or of an unguided code whose twin with imaging guidance (`guided`) is taken when the sentence says so. */
interface FallbackKeyword {
  code: string;
  keyword: string;
  guided?: string;
}

/** Two codes whose summaries differ only by ", without imaging" and ", with imaging" (paracentesis 49082/49083). */
function imagingPair(codes: readonly string[], cpt: CodeSetBundle): { unguided: string; guided: string } | undefined {
  const titles = codes.map((c) => cpt.codes.find((r) => r.code === c)?.title ?? '');
  const split = titles.map((t) => /^(.*?),?\s+(with|without) imaging$/i.exec(t.trim()));
  if (!split[0] || !split[1] || split[0][1] !== split[1][1] || split[0][2]!.toLowerCase() === split[1][2]!.toLowerCase()) return undefined;
  const guidedAt = split[0][2]!.toLowerCase() === 'with' ? 0 : 1;
  return { guided: codes[guidedAt]!, unguided: codes[1 - guidedAt]! };
}

/** One sentence's view for the catalogue fallbacks, with the matches concepts took and the lists they add to. */
interface FallbackScope {
  document: ChartDocument;
  catalog: CodeSetCatalog;
  dos: string;
  view: SentenceView;
  compiled: Compiled;
  taken: Map<ProcedureConcept, PhraseMatch<ConceptTerm>>;
  lines: ProcedureLine[];
  excluded: ExcludedCandidate[];
  statusOptions: { dateOfService: string };
}

/** Whether one of the next three sentences of the section (the findings, then "Tolerated well.") says the patient tolerated it. */
function toleratedNext(document: ChartDocument, view: SentenceView): boolean {
  return nextLinesOfSection(document, view, 3).some((s) => /\btolerated\b/i.test(s.text));
}

/** Catalogue-keyword matches for CPT codes no concept covers: only with a strict "performed" cue. */
function fallback(scope: FallbackScope): void {
  const { document, catalog, dos, view, compiled, taken, lines, excluded, statusOptions } = scope;
  for (const m of compiled.fallback.longest(view.words)) {
    if ([...taken.values()].some((t) => t.start < m.end && m.start < t.end)) continue;
    const { keyword, guided } = m.values[0]!;
    const withGuidance = guided !== undefined && compiled.guidance.test(view.words);
    const code = withGuidance ? guided : m.values[0]!.code;
    // In a procedure section ("Procedure - diagnostic nasal endoscopy:") the heading says it was done.
    const said = mentionStatus(view, m, { ...statusOptions, policy: view.section === 'procedures' ? 'cue-or-section' : 'cue' });
    // "Nasal endoscopy, both sides, after topical …: findings … Tolerated well." in the exam: the procedure was done.
    const tolerated = !said.done && said.reason === 'uncertain' && view.section === 'physical_exam' && toleratedNext(document, view);
    const status = tolerated ? { ...said, done: true, explanation: 'done in the exam (“tolerated” follows)' } : said;
    const strong = tolerated || (status.cue && /perform|done|complet|placed|removed|inserted|repaired|drained|excised|proceeded/i.test(status.cue.text));
    const evidence = evidenceList(document, [m, ...(status.cue ? [status.cue] : [])]);
    if (!status.done || !(strong || view.section === 'procedures')) {
      if (!status.done && (status.reason === 'hypothetical' || status.reason === 'not-billable' || status.reason === 'negated')) excluded.push(makeExcluded(catalog, dos, code, status.reason!, `${termText(view, m)}: ${status.explanation}`, evidence));
      continue;
    }
    const made = makeLine(catalog, dos, {
      code,
      kind: 'minor-procedure',
      confidence: 0.5,
      rule: `catalogue keyword “${keyword}” of ${code} only (no procedure rule covers it), ${status.explanation}${guided ? (withGuidance ? '; imaging guidance named' : '; no imaging guidance named') : ''}`,
      evidence,
      warnings: ['Matched on a catalogue keyword only: check the code and its details (size, site, extent).'],
    });
    if (made.line) lines.push(made.line);
  }
  officeImaging(scope);
  plainFilms(scope);
}

/**
 * Plain X-rays taken and read in the office, for every body site of the catalogue no concept covers
 * ("CXR PA/lateral in clinic, my read: clear" → 71046): the site's code for the views written, a done
 * cue or result, and a sign it was done here. Ordered, outside, past or planned films are set aside.
 */
function plainFilms(scope: FallbackScope): void {
  const { document, catalog, dos, view, compiled, taken, lines, excluded, statusOptions } = scope;
  const pf = compiled.plainFilms;
  for (const film of plainFilmsIn(view, pf)) {
    const m = film.match;
    if ([...taken.values()].some((t) => t.start < m.end && m.start < t.end)) continue;
    const picked = pickPlainFilm(film.site, film.views);
    const status = mentionStatus(view, m, { ...statusOptions, policy: 'cue-or-result' });
    const evidence = evidenceList(document, [m, ...(status.cue ? [status.cue] : [])]);
    if (!status.done) {
      if (status.reason !== 'uncertain') excluded.push(makeExcluded(catalog, dos, picked.code, status.reason!, `${termText(view, m)}: ${status.explanation}`, evidence));
      continue;
    }
    if (status.explanation.startsWith('ordered') && !pf.ownRead.test(view.words)) {
      excluded.push(makeExcluded(catalog, dos, picked.code, 'not-billable', `${termText(view, m)}: ordered; the film is billed by whoever takes it`, evidence));
      continue;
    }
    const here = pf.inOffice.longest(view.words)[0];
    if (!here && view.section !== 'results' && view.section !== 'procedures') {
      excluded.push(makeExcluded(catalog, dos, picked.code, 'not-billable', `${termText(view, m)}: no sign the film was taken and read in the office`, evidence));
      continue;
    }
    const viewsText = film.views === undefined ? 'views not stated' : `${film.views} view${film.views > 1 ? 's' : ''}`;
    const made = makeLine(catalog, dos, {
      code: picked.code,
      kind: 'test',
      confidence: Math.min(status.confidence, picked.exact ? 0.85 : 0.6),
      rule: `plain film: “${termText(view, m)}” (${film.site.name}), ${viewsText}, ${status.explanation} → ${picked.code}`,
      evidence: evidenceList(document, [m, ...(here ? [here] : []), ...(status.cue ? [status.cue] : [])]),
      warnings: picked.exact ? [] : [`Number of views ${film.views === undefined ? 'not documented' : `(${film.views}) fits no code exactly`}: check the views taken.`],
      extra: { site: { term: film.site.name.toLowerCase(), start: m.start, end: m.end }, ...(film.site.lateral ? { lateral: true } : {}) },
    });
    if (made.line) lines.push(made.line);
  }
}

/**
 * Imaging done and read in the office ("in-office thyroid ultrasound performed and interpreted by me"):
 * a catalogue keyword of one imaging code, an in-office phrase and a done cue or result in the sentence.
 * Ordered, planned, outside or past studies are set aside by the status check.
 */
function officeImaging(scope: FallbackScope): void {
  const { document, catalog, dos, view, compiled, taken, lines, excluded, statusOptions } = scope;
  const oi = compiled.officeImaging;
  if (!oi) return;
  for (const m of oi.keywords.longest(view.words)) {
    if ([...taken.values()].some((t) => t.start < m.end && m.start < t.end)) continue;
    const { code, keyword } = m.values[0]!;
    const status = mentionStatus(view, m, { ...statusOptions, policy: 'cue-or-result' });
    const evidence = evidenceList(document, [m, ...(status.cue ? [status.cue] : [])]);
    if (!status.done) {
      if (status.reason !== 'uncertain') excluded.push(makeExcluded(catalog, dos, code, status.reason!, `${termText(view, m)}: ${status.explanation}`, evidence));
      continue;
    }
    const where = oi.inOffice.longest(view.words)[0];
    if (!where) {
      excluded.push(makeExcluded(catalog, dos, code, 'not-billable', `${termText(view, m)}: no sign it was done and read in the office; imaging done elsewhere is billed by whoever performs it`, evidence));
      continue;
    }
    const made = makeLine(catalog, dos, {
      code,
      kind: 'test',
      confidence: Math.min(status.confidence, 0.75),
      rule: `in-office imaging: catalogue keyword “${keyword}” of ${code}, done in the office (“${termText(view, where)}”), ${status.explanation}`,
      evidence: evidenceList(document, [m, where, ...(status.cue ? [status.cue] : [])]),
      warnings: ['Matched on a catalogue keyword: check the study (complete or limited, side) and that a written report is in the chart.'],
    });
    if (made.line) lines.push(made.line);
  }
}

/** One line per code (and site): the same procedure is often named in the plan and in the procedure note. */
function mergeLines(lines: ProcedureLine[]): ProcedureLine[] {
  const out: ProcedureLine[] = [];
  for (const l of lines) {
    const same = out.find((o) => o.code === l.code && (o.site?.term ?? '') === (l.site?.term ?? '') && sameSide(o, l));
    if (!same) {
      out.push(l);
      continue;
    }
    same.evidence = [...same.evidence, ...l.evidence.filter((e) => !same.evidence.some((x) => x.start === e.start && x.end === e.end))].sort((a, b) => a.start - b.start);
    same.units = Math.max(same.units ?? 1, l.units ?? 1);
    if (l.confidence > same.confidence) {
      same.confidence = l.confidence;
      same.rule = l.rule;
    }
    for (const w of l.warnings) if (!same.warnings.includes(w)) same.warnings.push(w);
  }
  return out;
}

/**
 * A soft-tissue site injected at a joint ("Right carpal tunnel injection", 20526) is what the write-up means when it
 * names that joint ("right volar wrist prepped … injected methylprednisolone"): no second line for the joint (20605).
 */
function withoutJointsOfSoftTissueSites(lines: ProcedureLine[], sites: readonly InjectionSite[]): ProcedureLine[] {
  const atOf = new Map(sites.flatMap((s) => (s.at ? [[s.joint, s.at] as const] : [])));
  const softTissue = lines.filter((l) => l.site && atOf.has(l.site.term));
  return lines.filter((l) => !(l.site && !atOf.has(l.site.term) && softTissue.some((o) => atOf.get(o.site!.term)!.includes(l.site!.term) && sameSide(o, l))));
}

/** Two lateral lines are the same procedure only when written on the same side (or no side). */
function sameSide(a: ProcedureLine, b: ProcedureLine): boolean {
  if (!a.lateral) return true;
  const side = (l: ProcedureLine) => {
    const s = (l.evidence[0]?.sentence ?? '').toLowerCase();
    const left = /\b(?:left|lt|l)\b/.test(s);
    const right = /\b(?:right|rt|r)\b/.test(s);
    return left && !right ? 'L' : right && !left ? 'R' : '';
  };
  return side(a) === side(b) || side(a) === '' || side(b) === '';
}
