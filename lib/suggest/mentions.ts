import { isKnownAbbreviation } from './expansions';
import type { DiagnosisLexicon, LexiconTerm } from './lexicon';
import { wordKey, type TextWord } from './text-words';

/** A code a sentence supports: the term that matched and the words it matched on. */
export interface DiagnosisMatch {
  /** Index of the code in the lexicon. */
  code: number;
  term: LexiconTerm;
  /** Higher is more specific: required words count double, optional and soft words add, missing soft words cost. */
  score: number;
  /** The chart words that matched (required, optional and soft), in text order. */
  words: TextWord[];
  start: number;
  end: number;
  /** The code's next-best reading elsewhere in the sentence (no shared word), if any. */
  alternate?: DiagnosisMatch;
}

/**
 * Whether a match sits in a status phrase ("s/p LAD stent", "status post CABG"): see {@link TextWord.status}. The
 * coding step may then keep a Z95–Z99 presence/status code that ConText marked historical.
 */
export function isStatusMatch(match: DiagnosisMatch): boolean {
  return match.words.some((w) => w.status === true);
}

/** Options for {@link matchSentence}. */
export interface MatchOptions {
  /** Extra word positions a term may spread over beyond twice its length (lists, commas). Default: 3. */
  slack?: number;
  /** The sentence's text and where it starts in the document, for punctuation the words do not carry. */
  sentence?: { text: string; start: number };
}

/**
 * Every code whose title or inclusion term the sentence's words satisfy (all required words present
 * close together, no word the title says is absent), best match per code.
 */
export function matchSentence(words: readonly TextWord[], lexicon: DiagnosisLexicon, options: MatchOptions = {}): DiagnosisMatch[] {
  const slack = options.slack ?? 3;
  const byKey = new Map<string, TextWord[]>();
  // Words the chart says are absent ("without aura"): a title that names them as absent ("… without aura") says more.
  const saidAbsent = new Set<string>();
  for (const w of words) {
    // Words under "without"/"no" say what is absent: they cannot satisfy a title, nor contradict one.
    if (w.negated) {
      saidAbsent.add(w.key);
      continue;
    }
    const list = byKey.get(w.key);
    if (list) list.push(w);
    else byKey.set(w.key, [w]);
  }
  const best = new Map<number, DiagnosisMatch>();
  const [low, high] = lexicon.signature(byKey.keys());
  for (const key of byKey.keys()) {
    const anchored = lexicon.byAnchor.get(key);
    if (!anchored) continue;
    for (let i = 0; i < anchored.length; i += 3) {
      // A required word the sentence cannot have: most terms end here, before their object is read.
      if ((anchored[i + 1]! & ~low) !== 0 || (anchored[i + 2]! & ~high) !== 0) continue;
      const term = lexicon.terms[anchored[i]!]!;
      if (!term.required.every((k) => byKey.has(k))) continue;
      // "…, no foreign body" satisfies "without foreign body": a word a mid-sentence "no" denies is no contradiction.
      // "Elevated BP reading without a diagnosis of hypertension; possible hypertension" (or "…; not diagnosing
      // hypertension today"): a hedged or denied word is not the diagnosis the title says is absent.
      if (term.absent.some((k) => byKey.get(k)?.some((w) => !w.denied && !hedged(w, words)))) continue;
      const keyed = term.acronyms ? acronymsSaid(term.acronyms, byKey) : byKey;
      if (!keyed) continue;
      // The first placement, drawn tighter when another copy of the anchor lies inside it: "Bilateral SNHL - hearing
      // aid" reads hearing loss from the expansion of SNHL, not with the "hearing" of "hearing aid".
      let match: DiagnosisMatch | undefined;
      for (const anchor of keyed.get(key) ?? []) {
        if (term.needsFiller && !anchor.beforeFiller) continue;
        if (term.gerund && (!(anchor.raw ?? '').endsWith('ing') || takesAnObject(anchor, words))) continue;
        // Only a copy inside the first placement can draw it tighter.
        if (match && (anchor === match.words.find((w) => w.key === key) || !match.words.some((x) => x.position === anchor.position))) continue;
        const placed = placeTerm(term, anchor, keyed, slack);
        if (!placed || mixesDenied(placed) || spansANegation(placed, options.sentence) || namesAnObject(placed, words, options.sentence) || inVaccineList(placed, words, options.sentence) || borrowsGenericWord(placed, words) || borrowsOneWordOfPhrase(placed, words)) continue;
        if (!match) match = placed;
        else if (tighter(placed, match)) match = placed;
      }
      if (match) {
        const absentSaid = term.absent.filter((k) => saidAbsent.has(k)).length;
        const scored = absentSaid > 0 ? { ...match, score: match.score + absentSaid } : match;
        const previous = best.get(term.code);
        if (!previous || scored.score > previous.score) {
          if (previous) scored.alternate = apart(previous, scored) ? previous : previous.alternate;
          best.set(term.code, scored);
        } else if (!previous.alternate || scored.score > previous.alternate.score) previous.alternate = scored;
      }
    }
  }
  const out = [...best.values()];
  for (const m of out) if (m.alternate && !apart(m, m.alternate)) delete m.alternate;
  return out;
}

/** Words that leave the condition after them open ("possible hypertension", "r/o HTN", "borderline diabetes"). */
const HEDGES = new Set(['possible', 'possibly', 'probable', 'probably', 'suspected', 'suspect', 'suspicious', 'questionable', 'query', 'borderline', 'rule', 'o'].map(wordKey));

/** Words that deny the condition a few words after them ("not diagnosing hypertension today"). */
const DENIALS = new Set(['not', 'no', 'never', 'nor', 'denies', 'denied'].map(wordKey));

/** Whether one of the two words before `w` hedges it, or one of the three before denies it. */
function hedged(w: TextWord, words: readonly TextWord[]): boolean {
  return words.some((x) => !x.expanded && x.position < w.position && ((x.position >= w.position - 2 && HEDGES.has(x.key)) || (x.position >= w.position - 3 && DENIALS.has(x.key))));
}

function distinctPositions(match: DiagnosisMatch): number {
  return new Set(match.words.map((w) => w.position)).size;
}

/**
 * Whether `placed` reads the same words as `first` in fewer places, leaving out only words written outside its own
 * ("hearing" of "hearing aid" beside the expansion of "SNHL"), not a word its expansion was read from ("throat" of
 * "sore throat").
 */
function tighter(placed: DiagnosisMatch, first: DiagnosisMatch): boolean {
  if (distinctPositions(placed) >= distinctPositions(first)) return false;
  if (!placed.words.every((w) => first.words.some((x) => x.position === w.position))) return false;
  const dropped = first.words.filter((w) => !placed.words.includes(w));
  return dropped.every((w) => placed.words.every((p) => w.end <= p.start || w.start >= p.end));
}

/** Whether two readings of a code lie apart in the text (an expansion shares the span of the words it expands). */
function apart(a: DiagnosisMatch, b: DiagnosisMatch): boolean {
  return a.end <= b.start || b.end <= a.start;
}

/**
 * The words a term with acronyms may use: each acronym key only where it is written as an acronym (a standalone
 * word in capitals, "PRES", or in lower case when the abbreviation table knows it, "rsv") or read from an abbreviation; never the "pre" of "pre-visit" or "Pres." of a title.
 * Undefined when an acronym is not said at all.
 */
function acronymsSaid(acronyms: readonly string[], byKey: Map<string, TextWord[]>): Map<string, TextWord[]> | undefined {
  const out = new Map(byKey);
  for (const key of acronyms) {
    const said = (byKey.get(key) ?? []).filter((w) => w.expanded || (!w.part && !w.joined && (w.upper || isKnownAbbreviation(w.raw ?? ''))));
    if (said.length === 0) return undefined;
    out.set(key, said);
  }
  return out;
}

/** "COPD, stable, no exacerbation": a title may not take a qualifier from a phrase that says it is absent. */
function mixesDenied(match: DiagnosisMatch): boolean {
  return match.words.some((w) => w.denied) && match.words.some((w) => !w.denied);
}

/** Words after a disease name that make it the object of a test, vaccine or teaching ("influenza vaccine", "preeclampsia precautions"). */
const OBJECT_AFTER = new Set(['action', 'diary', 'log', 'calendar', 'vaccine', 'vaccines', 'vaccination', 'immunization', 'shot', 'screening', 'test', 'testing', 'swab', 'panel', 'titer', 'titers', 'serology', 'serologies', 'series', 'booster', 'antigen', 'pcr', 'culture', 'education', 'prevention', 'precautions', 'precaution', 'risk', 'prophylaxis', 'pep', 'warning', 'trivalent', 'quadrivalent', 'inactivated', 'conjugate', 'recombinant', 'toxoid', 'iiv', 'iiv3', 'iiv4', 'laiv', 'riv4', 'cciiv4'].map(wordKey));
/** The object words that name a test (a vaccine word after a comma still names the vaccine: "Influenza, high-dose trivalent"). */
const TEST_OBJECT = new Set(['test', 'testing', 'swab', 'panel', 'titer', 'titers', 'serology', 'serologies', 'culture', 'antigen', 'pcr', 'screening'].map(wordKey));
/** A result said of the test that follows it ("reactive serology", "positive culture", "PCR: positive"). */
const RESULT_BEFORE_TEST = /\b(?:reactive|nonreactive|non-reactive|positive|negative|confirmatory|confirmed|abnormal|elevated|pending)\s*$/i;
/** Words before a disease name that make it something to watch for, teach about, protect or vaccinate against ("signs of hypoglycemia", "sunscreen over scar", "Immunizations: influenza"). */
const OBJECT_BEFORE = new Set(['signs', 'sign', 'symptoms', 'risk', 'risks', 'precautions', 'prevention', 'prevent', 'avoid', 'watch', 'monitor', 'screening', 'screen', 'education', 'reduce', 'limit', 'decrease', 'minimize', 'vaccine', 'vaccines', 'vaccinated', 'vaccination', 'vaccinations', 'immunization', 'immunizations', 'immunized', 'sunscreen'].map(wordKey));

/**
 * "x-rays of the left hip and pelvis were negative for fracture": a denial written between the words of a match
 * ("pelvis … fracture") splits it; the condition after the denial is read, and denied, on its own. A title's own
 * "without" (laceration without foreign body) is part of the term.
 */
const NEGATION_INSIDE = /\b(?:negative for|neg for|no|not|without|w\/o|denies|denied|free of|ruled out|excluded)\b/i;

function spansANegation(match: DiagnosisMatch, sentence: MatchOptions['sentence']): boolean {
  if (!sentence) return false;
  const inside = sentence.text.slice(match.start - sentence.start, match.end - sentence.start);
  const gaps = match.words.slice(1).map((w, i) => inside.slice(match.words[i]!.end - match.start, w.start - match.start)).join(' ');
  const hit = NEGATION_INSIDE.exec(gaps);
  return hit !== null && !(match.term.absent.length > 0 && /^(?:without|w\/o|no)$/i.test(hit[0]));
}

/**
 * "after hanging curtains", "falling asleep": a gerund with an object or particle after it is an activity, not the
 * condition a one-word gerund term names ("Hanging" at T71.16-, "Falling" at R29.6).
 */
function takesAnObject(gerund: TextWord, words: readonly TextWord[]): boolean {
  const next = words.find((w) => w.position === gerund.position + 1);
  if (!next || next.expanded) return false;
  const raw = (next.raw ?? '').toLowerCase();
  return /^(?:a|an|the|his|her|their|some|up|out|down|asleep|off|on|over)$/.test(raw) || (/^[a-z]{4,}s$/.test(raw) && !/(?:ss|is|us)$/.test(raw));
}

/** Whether words next to the match make it the object of a test, vaccine or teaching rather than a diagnosis. */
function namesAnObject(match: DiagnosisMatch, words: readonly TextWord[], sentence: MatchOptions['sentence']): boolean {
  const first = Math.min(...match.words.map((w) => w.position));
  const last = Math.max(...match.words.map((w) => w.position));
  // "Preterm labor and preeclampsia warning signs": a dropped conjunction right after the match joins it to the next
  // condition, and the object word after that one covers both. Not another dropped word ("refractory to multiple
  // preventives" is no prevention of the migraine).
  const next = words.find((w) => w.position === last + 2);
  const lastWord = match.words.find((w) => w.position === last);
  const gap = sentence && next && lastWord ? sentence.text.slice(lastWord.end - sentence.start, next.start - sentence.start) : undefined;
  const joined = !words.some((w) => w.position === last + 1) && next !== undefined && (gap === undefined || /^[\s,]*(?:and|or|&|\/)[\s,]*$/i.test(gap));
  const reach = joined ? 4 : 2;
  // "Influenza: has not had this season's vaccine", "influenza due in the fall": an immunization row or a vaccine due.
  if (sentence && lastWord) {
    const after = sentence.text.slice(lastWord.end - sentence.start);
    // "3. Tetanus - Tdap 0.5 mL IM given today": an immunization item, dash or colon.
    if (/^\s*(?::|[-–—]+\s)/.test(after) && VACCINE_ROW.test(after.slice(0, 60))) return true;
    // "Tetanus up to date", "tetanus status current", "tetanus booster given": the immunization, not the disease.
    if (IMMUNITY_AFTER.test(after)) return true;
    // "Last tetanus: unknown, > 10 years ago": the last booster of a disease met only as a vaccine.
    const firstWord = match.words.find((w) => w.position === first);
    if (firstWord && VACCINE_ONLY_DISEASE.test(sentence.text.slice(firstWord.start - sentence.start, lastWord.end - sentence.start)) && LAST_DOSE_BEFORE.test(sentence.text.slice(0, firstWord.start - sentence.start))) return true;
    if (/^\s+due\b(?!\s+to\b)/i.test(after)) return true;
  }
  // "due to tree pollen (skin testing positive to oak)": an aside opened after the match names its own things.
  // "Early latent syphilis - reactive serology": after a spaced dash, colon or semicolon, a test with its result is
  // the evidence for the diagnosis, not what the diagnosis names ("Alcohol use - low risk" still is the risk).
  const aside = (w: TextWord) => {
    if (sentence === undefined || lastWord === undefined) return false;
    const between = sentence.text.slice(lastWord.end - sentence.start, w.start - sentence.start);
    // "UTI, pregnancy test negative": after a comma, another noun before the object word owns it.
    if (TEST_OBJECT.has(w.key) && /,/.test(between) && w.position > last + 1 && /,\s*[a-z]/i.test(between) && !/^[,\s]*(?:rapid|quick|poc|point[- ]of[- ]care)\b/i.test(between)) return true;
    return between.includes('(') || (/[;:]|\s[-–—]\s/.test(between) && RESULT_BEFORE_TEST.test(between));
  };
  return words.some((w) => !w.expanded && ((w.position > last && w.position <= last + reach && OBJECT_AFTER.has(w.key) && !aside(w)) || (w.position < first && w.position >= first - 2 && OBJECT_BEFORE.has(w.key) && !(LISTS_WHAT_FOLLOWS.has(w.key) && (w.position === first - 1 || words.some((x) => x.position === first - 1 && NAMING_WORDS.has(x.key)))))));
}

/** The rest of an immunization row after "<disease>:". */
const VACCINE_ROW = /\b(?:vaccin\w*|shot|immuniz\w*|booster|series|up to date|utd|tdap|td|dtap|tig|toxoid)\b/i;
/** Words right after a disease name that make it an immunization status ("Tetanus up to date", "tetanus status: …"). */
const IMMUNITY_AFTER = /^\s+(?:(?:is|was)\s+)?(?:up[- ]to[- ]date|utd|status|booster|shot|immuni[sz]\w*|vaccin\w*|prophylaxis|toxoid)\b/i;

/** Diseases a chart meets as vaccines ("last tetanus", "last Td"), not as illnesses of the patient. */
const VACCINE_ONLY_DISEASE = /^(?:tetanus|diphtheria)$/i;
/** "Last", "most recent" or "previous" right before such a disease: the last dose of its vaccine. */
const LAST_DOSE_BEFORE = /\b(?:last|latest|most recent|previous|prior)\s+$/i;

/** Head nouns that say nothing on their own: "disease" of "COPD" is not a disease of its own. */
const GENERIC_HEADS = new Set(['disease', 'diseases', 'disorder', 'disorders', 'syndrome', 'infection', 'condition'].map(wordKey));

/**
 * "COPD w/ acute exacerbation - viral": "viral" and the "disease" read out of COPD would make "Other viral diseases".
 * A match may not borrow only a generic head noun from an abbreviation's expansion while leaving the expansion's
 * own words (chronic obstructive pulmonary) unused.
 */
function borrowsGenericWord(match: DiagnosisMatch, words: readonly TextWord[]): boolean {
  const used = new Set(match.words);
  return match.words.some((w) => {
    if (!w.expanded || !GENERIC_HEADS.has(w.key)) return false;
    const siblings = words.filter((o) => o.expanded && o.position === w.position && o !== w && !GENERIC_HEADS.has(o.key));
    return siblings.length > 0 && siblings.every((o) => !used.has(o)) && match.words.some((o) => o.position !== w.position);
  });
}

/**
 * "LSIL with high-risk HPV": "low" read out of the expansion of LSIL (low grade squamous intraepithelial lesion) with
 * "risk HPV" elsewhere makes no "low risk HPV"; "end stage" of ESRD with "heart failure" makes no end-stage heart
 * failure, and "chronic" of COPD with "kidney disease" no chronic kidney disease. A match that takes the leading
 * modifier of a phrase an abbreviation or synonym stands for (three words or more), with words from elsewhere, must
 * read the rest of that phrase but for one word ("type 2 diabetes" of "type 2 diabetes mellitus"); a later word
 * ("coronary" of "left anterior descending coronary artery") names what the phrase is about and may stand alone.
 */
function borrowsOneWordOfPhrase(match: DiagnosisMatch, words: readonly TextWord[]): boolean {
  return match.words.some((w) => {
    if (!w.expanded || (w.leadsPhraseOf ?? 0) < 3 || !match.words.some((o) => o.position !== w.position)) return false;
    // The rest of the phrase, whether the match reads it from the expansion or from the words as written.
    const used = match.words.map((o) => o.key);
    // A hyphenated word of the phrase counts once: "anti-inflammatory" read as "anti" and "inflammatory" is read.
    const read = (key: string) => used.some((u) => u === key || (u.length >= 3 && key.length >= 3 && (u.includes(key) || key.includes(u))));
    // The lead's own phrase: the words after it at its position, up to the next meaning's lead ("TKA" stands for
    // several phrases at once).
    const unread = new Set<string>();
    for (let i = words.indexOf(w) + 1; i < words.length; i++) {
      const o = words[i]!;
      if (!o.expanded || o.position !== w.position || o.leadsPhraseOf !== undefined) break;
      if (!read(o.key)) unread.add(o.key);
    }
    return unread.size >= 2;
  });
}

const VACCINE_WORDS = new Set(['vaccine', 'vaccines', 'vaccinated', 'vaccination', 'vaccinations', 'immunization', 'immunizations', 'immunized', 'shots'].map(wordKey));

/**
 * A disease named in the list a vaccine word opens ("Immunizations updated (Tdap, influenza)", "Vaccines today:
 * Tdap, hepatitis A") is what the vaccine protects against, not a diagnosis. Only a colon or an open bracket
 * after the vaccine word makes a list; "vaccinated in October, now has influenza" names the patient's illness.
 */
function inVaccineList(match: DiagnosisMatch, words: readonly TextWord[], sentence: MatchOptions['sentence']): boolean {
  if (!sentence) return false;
  const first = Math.min(...match.words.map((w) => w.start));
  const last = Math.max(...match.words.map((w) => w.end));
  const textBetween = (from: number, to: number) => sentence.text.slice(from - sentence.start, to - sentence.start);
  if (inBracketOfVaccines(sentence, first, last)) return true;
  return words.some((w) => {
    if (w.expanded) return false;
    if (VACCINE_WORDS.has(w.key) && w.start < first) {
      const between = textBetween(w.end, first);
      return between.length <= 60 && /^[^.;()]*[:(][^.;():]*$/.test(between);
    }
    // "DTaP, IPV, MMR and varicella", "varicella/MMR": listed beside a vaccine's own name, the disease is a vaccine too.
    if (!VACCINE_PRODUCTS.has(w.raw ?? w.key)) return false;
    // The match reads a piece of the product's own name ("Heplisav-B (hepatitis B …)"): a vaccine, not a disease.
    if (w.start < last && first < w.end) return true;
    const between = w.end <= first ? textBetween(w.end, first) : w.start >= last ? textBetween(last, w.start) : '';
    // A table row ("Influenza<TAB>Fluzone High-Dose given today") names the disease as the vaccine's label too.
    // "Heplisav-B (hepatitis B, adjuvanted)": the disease in brackets after a product describes the vaccine.
    return /^\s*(?:,|\/|&|\(|\band\b|\bor\b|\s)+$/i.test(between) && (/[,/&(]|\b(?:and|or)\b/i.test(between) || between.includes('\t'));
  });
}

/**
 * "(MenACWY booster at 16, MenB series start by shared decision, seasonal flu)": an item of a bracketed list whose
 * other items open with a vaccine's own name is a vaccine too.
 */
function inBracketOfVaccines(sentence: NonNullable<MatchOptions['sentence']>, first: number, last: number): boolean {
  const text = sentence.text;
  const open = text.lastIndexOf('(', first - sentence.start);
  if (open < 0 || text.lastIndexOf(')', first - sentence.start) > open) return false;
  const close = text.indexOf(')', last - sentence.start);
  if (close < 0 || text.lastIndexOf('(', close) !== open) return false;
  // Items split at commas and semicolons (one character each, so the offsets below stay true); "Tdap and flu" is
  // read by the product-beside rule.
  const items = text.slice(open + 1, close).split(/[,;]/);
  const own = first - sentence.start - open - 1;
  let at = 0;
  return items.some((item) => {
    const mine = at <= own && own < at + item.length;
    at += item.length + 1;
    const lead = /^\s*([A-Za-z0-9-]+)/.exec(item)?.[1]?.toLowerCase().replace(/-/g, '');
    return !mine && lead !== undefined && VACCINE_PRODUCTS.has(lead);
  });
}

/** Names that only ever mean a vaccine (abbreviations and brands), never a diagnosis. */
const VACCINE_PRODUCTS = new Set(['dtap', 'tdap', 'td', 'ipv', 'mmr', 'mmrv', 'hib', 'pcv', 'pcv13', 'pcv15', 'pcv20', 'pcv21', 'ppsv23', 'hepb', 'hepa', 'mcv4', 'menacwy', 'menb', 'rzv', 'shingrix', 'gardasil', 'prevnar', 'vaxneuvance', 'capvaxive', 'pneumovax', 'boostrix', 'adacel', 'pentacel', 'kinrix', 'quadracel', 'proquad', 'vaxelis', 'pediarix', 'menveo', 'menquadfi', 'bexsero', 'trumenba', 'twinrix', 'havrix', 'vaqta', 'engerix', 'heplisav', 'rotateq', 'rotarix', 'varivax', 'fluzone', 'flucelvax', 'fluad', 'flublok', 'afluria', 'fluarix', 'flulaval', 'flumist', 'arexvy', 'abrysvo', 'mresvia', 'beyfortus', 'comirnaty', 'spikevax', 'novavax']);

/**
 * "Signs of hypoglycemia" watches for a condition; "urinary symptoms (nocturia)" or "symptoms: nocturia" lists the
 * patient's own: a sign or symptom word is an object word only with a word between ("of", "for").
 */
const LISTS_WHAT_FOLLOWS = new Set(['signs', 'sign', 'symptoms'].map(wordKey));
/** "symptoms namely nocturia", "symptoms including wheeze": the symptoms are then named, not watched for. */
const NAMING_WORDS = new Set(['namely', 'including', 'specifically', 'particularly', 'especially', 'mainly', 'mostly', 'chiefly'].map(wordKey));

/** Picks, for each word of the term, the occurrence nearest the anchor; refuses a spread-out match. */
function placeTerm(term: LexiconTerm, anchor: TextWord, byKey: Map<string, TextWord[]>, slack: number): DiagnosisMatch | undefined {
  // The lead word of a long expansion ("chronic" of COPD) gives way to a written copy close by ("Chronic respiratory
  // failure with hypoxia due to COPD"); with none near, it stands ("Elevated PSA" is the prostate antigen).
  // A copy on the anchor's side of a mid-sentence "no" comes first: "alcohol use disorder, in early remission, no
  // alcohol since January" reads remission with the first "alcohol", not the denied one beside it.
  const nearest = (key: string) => {
    const written = byKey.get(key);
    if (!written) return undefined;
    const sameSide = written.length > 1 ? written.filter((w) => !w.denied === !anchor.denied) : written;
    const list = sameSide.length > 0 ? sameSide : written;
    // A piece of a hyphenated word ("high" of "high-risk HPV") is no written copy of an expansion's lead ("HSIL").
    const close = list.filter((w) => !w.expanded && !w.part && Math.abs(w.position - anchor.position) <= term.required.length * 2 + slack);
    const pool = close.length > 0 ? list.filter((w) => !(w.expanded && (w.leadsPhraseOf ?? 0) >= 3)) : list;
    return pool.reduce((a, b) => (Math.abs(b.position - anchor.position) < Math.abs(a.position - anchor.position) ? b : a));
  };
  const termKeys = new Set([...term.required, ...term.soft, ...term.optional]);
  // A number is placed where it stands beside another word of the term ("type 2", "stage 3a").
  const placeNumber = (key: string) => byKey.get(key)!.find((w) => byKey.size && [...termKeys].some((k) => k !== key && (byKey.get(k) ?? []).some((o) => Math.abs(o.position - w.position) === 1)));
  const chosen: TextWord[] = [];
  for (const key of term.required) chosen.push(key === anchor.key ? anchor : (/\d/.test(key) ? placeNumber(key) : undefined) ?? nearest(key)!);
  const positions = chosen.map((w) => w.position);
  const spread = Math.max(...positions) - Math.min(...positions);
  if (spread > term.required.length * 2 + slack) return undefined;
  const lo = Math.min(...positions) - 3;
  const hi = Math.max(...positions) + 3;
  const within = (w: TextWord | undefined): w is TextWord => w !== undefined && w.position >= lo && w.position <= hi;
  const optional = term.optional.map(nearest).filter(within);
  const soft = term.soft.map(nearest).filter(within);
  const all = [...chosen, ...optional, ...soft].sort((a, b) => a.start - b.start);
  // A number only qualifies the words beside it: the "2" of "type 2 diabetes" is not a CKD stage. So does a single
  // letter: the article of "a sustained response, and his HCV" is no hepatitis A.
  for (const w of chosen) {
    if ((/^\d+[a-z]?$/.test(w.key) || w.key.length === 1) && !all.some((o) => o !== w && o.position !== w.position && Math.abs(o.position - w.position) <= 1)) return undefined;
    // A piece of a hyphenated word ("high" of "high-risk HPV") stands for it only beside the rest of what the match
    // reads: "high" from "high-risk" and "grade" from "low-grade" make no "high grade lesion".
    if (w.part && !all.some((o) => o !== w && Math.abs(o.position - w.position) <= 1)) return undefined;
  }
  const score = term.required.length * 2 + optional.length * 0.5 + soft.length * 0.5 - (term.soft.length - soft.length) * 0.75 + (term.fromTitle ? 0.1 : 0);
  return { code: term.code, term, score, words: all, start: all[0]!.start, end: Math.max(...all.map((w) => w.end)) };
}

/**
 * "HTN and ESRD": the words an abbreviation stands for share its position, so "hypertensive … renal disease" (I12.9)
 * holds every position "end stage renal disease" (N18.6) does. A match that reads more of the abbreviation's words
 * than the other is a richer reading of it, not one inside the other.
 */
function readsMoreOfAnAbbreviation(match: DiagnosisMatch, other: DiagnosisMatch): boolean {
  const count = (m: DiagnosisMatch, position: number) => m.words.filter((w) => (w.sourcePosition ?? w.position) === position).length;
  // Only with a word the other reads nowhere ("chronic kidney disease" of CKD is inside "chronic kidney disease, CKD
  // 3b"), and of a phrase of three words or more: "malignant neoplasm" for "carcinoma" is a synonym, not a richer reading.
  return match.words.some((w) => {
    if (!w.expanded || other.words.some((o) => o.key === w.key)) return false;
    const mine = count(match, w.sourcePosition ?? w.position);
    return mine >= 3 && mine > count(other, w.sourcePosition ?? w.position);
  });
}

/**
 * Keeps the most specific matches: a match whose required words are all inside a richer match of the same
 * sentence is dropped (E11.9 inside E11.65, hyperglycemia inside "type 2 diabetes with hyperglycemia").
 * Returns the kept matches and, for each dropped one, the match that covers it.
 */
export function mostSpecific(matches: readonly DiagnosisMatch[]): { kept: DiagnosisMatch[]; covered: { match: DiagnosisMatch; by: DiagnosisMatch }[] } {
  // Compare the chart word positions each match used: expansions share their abbreviation's position,
  // so "renal disease" read from "kidney disease" is still inside "chronic kidney disease, stage 3a".
  // A condition word repeated over a list counts where it was written: "allergic rhinitis due to … pollen" still
  // covers "allergic rhinitis" though it matched the copy before "pollen".
  const positions = new Map(matches.map((m) => [m, new Set(m.words.map((w) => w.sourcePosition ?? w.position))] as const));
  const sorted = [...matches].sort((a, b) => positions.get(b)!.size - positions.get(a)!.size || b.score - a.score);
  const kept: DiagnosisMatch[] = [];
  const covered: { match: DiagnosisMatch; by: DiagnosisMatch }[] = [];
  for (const m of sorted) {
    const mine = positions.get(m)!;
    const by = kept.find((k) => {
      const theirs = positions.get(k)!;
      return theirs.size >= mine.size && [...mine].every((p) => theirs.has(p)) && !readsMoreOfAnAbbreviation(m, k);
    });
    if (by) covered.push({ match: m, by });
    else kept.push(m);
  }
  // A reading whose every word is used by richer readings ("kidney failure" out of "heart failure, CKD")
  // adds nothing of its own.
  for (const m of [...kept].reverse()) {
    const mine = positions.get(m)!;
    const richer = kept.filter((k) => k !== m && positions.get(k)!.size > mine.size);
    if (richer.length >= 1 && [...mine].every((p) => richer.some((k) => positions.get(k)!.has(p) && !readsMoreOfAnAbbreviation(m, k)))) {
      kept.splice(kept.indexOf(m), 1);
      covered.push({ match: m, by: richer[0]! });
    }
  }
  // "Sore throat - likely viral pharyngitis": a code whose best reading lies inside a richer reading of another
  // code ("pain in throat") keeps its other reading in the sentence, when nothing covers that one.
  for (const { match, by } of covered) {
    const other = match.alternate;
    if (!other || positions.get(by)!.size <= positions.get(match)!.size || kept.some((k) => k.code === match.code)) continue;
    const at = new Set(other.words.map((w) => w.sourcePosition ?? w.position));
    if (kept.some((k) => [...at].every((p) => positions.get(k)!.has(p)))) continue;
    kept.push(other);
  }
  return { kept, covered };
}
