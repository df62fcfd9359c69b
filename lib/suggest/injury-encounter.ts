import type { ChartDocument, ChartSentence } from '../chart';
import type { DiagnosisLexicon } from './lexicon';
import { textWordKeys, textWords, wordKey } from './text-words';

/**
 * The 7th character of an injury, poisoning or fracture code says which encounter this is (Guideline I.C.19.a):
 * A while the injury is actively treated (first seen today, new injury), D after active treatment while it heals
 * (recheck, follow-up, healing, improving since it was seen), S for a late effect. Fracture categories add the
 * healing course: G delayed healing, K nonunion, P malunion, and B/E-style letters for open fractures.
 */
export type EncounterKind = 'initial' | 'subsequent' | 'sequela';

const SEQUELA = /\b(sequela|sequelae|late effects?|residual (?:of|from))\b/i;
/** Words that say the injury was treated before and is being followed while it heals. */
const SUBSEQUENT =
  /\b(follow[- ]?ups?|f\/u|subsequent|healing|recheck\w*|re-?check\w*|re-?evaluat\w*|returns? (?:for|today for)|cast (?:check|change)|splint check|suture removal|removal of (?:the )?sutures|staple removal|improving|improved|resolving|recovery phase|rehab(?:ilitation)? phase|in recovery|recovering|evaluated here|diagnosed here|(?:was|were|been) (?:seen|evaluated|treated|splinted|casted|repaired)|seen (?:on|in|at)\b|previously (?:seen|treated|evaluated)|(?:post-?procedure|post-?op(?:erative)?|global) period|treatment to date|(?:\d+|one|two|three|four|five|six|eight) (?:weeks?|wks?|months?) (?:ago|since|out|post)|weeks? (?:since|out from))\b/i;
/** Words that say the injury happened or is first treated now. */
const INITIAL = /\b(initial encounter|new injury|newly injured|sustained today|injured today|occurred today|happened today|this morning|last night|yesterday|just prior|presents? (?:with|after)|acute injury)\b/i;

/**
 * Follow-up words that plan a later visit ("staple removal in 7-10 days", "recheck in 2 weeks", "will follow up"), and
 * improvement seen during today's own treatment ("observed 1 hour - swelling slightly improved"): neither says the
 * injury was treated before, so neither makes today's visit a subsequent encounter.
 */
const PLANNED_LATER =
  /\b(?:(?:will|to|plan(?:ned)?(?: to)?|schedul\w*(?: for| to)?|return(?: to clinic)?(?: for)?|rtc(?: for)?)\s+(?:\w+\s+){0,2}?)?(?:follow[- ]?ups?|f\/u|recheck\w*|re-?check\w*|re-?evaluat\w*|suture removal|staple removal|removal of (?:the )?(?:sutures|staples)|wound check|cast check|splint check)(?=\s+(?:(?:visit|appointment|appt)\s+)?(?:in|within|after|at|next|by|around|prn|as needed|if)\b|\s+(?:\d|one|two|three|four|five|six|seven|ten|fourteen)\b)/gi;
const PLANNED_AFTER_WORD = /\b(?:will|plan(?:ned)? to|schedul\w*(?: for| to)?|return (?:for|to clinic for)|rtc for)\s+(?:\w+\s+){0,2}?(?:follow[- ]?ups?|f\/u|recheck\w*|re-?check\w*|re-?evaluat\w*|suture removal|staple removal|removal of (?:the )?(?:sutures|staples)|wound check)\b/gi;
const IMPROVED_UNDER_TREATMENT = /\b(?:observ\w*|monitored|after (?:the )?(?:[\w-]+\s+){0,3}?(?:dose|doses|injection|shot|treatment|neb\w*|medication|irrigation|reduction)|post-?(?:treatment|dose|injection|neb\w*))\b[^.;]{0,60}?\bimprov\w*/gi;

function withoutLaterPlans(text: string): string {
  return text.replace(PLANNED_LATER, ' ').replace(PLANNED_AFTER_WORD, ' ').replace(IMPROVED_UNDER_TREATMENT, ' ');
}

/** The encounter a stretch of chart text describes for the injury in it, when it says. */
export function encounterKind(chartText: string): EncounterKind | undefined {
  if (SEQUELA.test(chartText)) return 'sequela';
  const text = withoutLaterPlans(chartText);
  const subsequent = SUBSEQUENT.exec(text);
  const initial = INITIAL.exec(text);
  if (subsequent && !initial) return 'subsequent';
  if (initial && !subsequent) return 'initial';
  // Both: the nearer to the injury's own words decides; the caller gives the clause, so the first one said wins.
  if (initial && subsequent) return initial.index < subsequent.index ? 'initial' : 'subsequent';
  return undefined;
}

/** Fracture healing words, each with the 7th characters that say it (closed fracture first, then open ones). */
const HEALING: { words: RegExp; chars: string }[] = [
  { words: /\bnon-?union\b/i, chars: 'KMN' },
  { words: /\bmal-?union\b/i, chars: 'PQR' },
  { words: /\bdelayed (?:healing|union)\b/i, chars: 'GHJ' },
];
const OPEN_FRACTURE = /\bopen fracture\b|\bcompound fracture\b|\bfracture[^.;,]{0,30}\bopen\b/i;

/**
 * The 7th character for a code whose children differ only by it: from the encounter kind and, for fractures, the
 * healing course and open/closed, read from the 7th-character titles themselves ("subsequent encounter for open
 * fracture type I or II with routine healing"). Undefined when the code has no such children.
 */
export function seventhCharacterFor(lexicon: DiagnosisLexicon, index: number, text: string, kindOf: () => EncounterKind | undefined): number | undefined {
  const record = lexicon.codes[index]!;
  // An encounter character is a letter (A, D, S, G …): a 7th digit is a side or another axis (E11.3291 right eye).
  const kids = (lexicon.children.get(index) ?? []).filter((k) => lexicon.codes[k]!.code.length === 8 && lexicon.codes[k]!.code.startsWith(record.code) && /[A-Z]$/.test(lexicon.codes[k]!.code));
  if (kids.length === 0 || kids.length !== (lexicon.children.get(index) ?? []).length) return undefined;
  const byChar = new Map(kids.map((k) => [lexicon.codes[k]!.code.at(-1)!, k]));
  // Read the encounter only for codes that carry one: it looks through the chart.
  const kind = kindOf();
  const open = OPEN_FRACTURE.test(text);
  if (kind !== 'initial') {
    for (const h of HEALING) {
      if (!h.words.test(text)) continue;
      const char = [...h.chars].find((c) => byChar.has(c));
      if (char) return byChar.get(open && h.chars.length > 1 ? (byChar.has(h.chars[1]!) ? h.chars[1]! : char) : char);
    }
  }
  const char = kind === 'sequela' ? 'S' : kind === 'subsequent' ? (open && byChar.has('E') && /open/i.test(lexicon.codes[byChar.get('E')!]!.title) ? 'E' : 'D') : open && byChar.has('B') && /open/i.test(lexicon.codes[byChar.get('B')!]!.title) ? 'B' : 'A';
  return byChar.get(char) ?? byChar.get('A') ?? kids[0];
}

/** Words that are not the injury itself: sides, joining words. */
const NOT_INJURY = new Set(['right', 'left', 'bilateral', 'both'].map(wordKey));

/** Where a sentence splits into clauses: semicolons, periods, commas before "and"/"also". */
const CLAUSE_SPLIT = /[;.]|,\s*(?:and|also|plus)\b|\s\+\s|\band also\b/i;

/** A clause of chart text with its word keys, and the encounter it says (read once, when first asked). */
interface Clause {
  text: string;
  keys: ReadonlySet<string>;
  kind?: EncounterKind | null;
}

function clausesOf(text: string): Clause[] {
  return text.split(CLAUSE_SPLIT).map((clause) => ({ text: clause, keys: new Set(textWords(clause).map((w) => w.key)) }));
}

/** The first clause that holds all the given words. */
function clauseWith(clauses: readonly Clause[], keys: string[]): Clause | undefined {
  return clauses.find((clause) => keys.every((k) => clause.keys.has(k)));
}

function kindOf(clause: Clause): EncounterKind | undefined {
  if (clause.kind === undefined) clause.kind = encounterKind(clause.text) ?? null;
  return clause.kind ?? undefined;
}

/**
 * What the encounter search learns of a sentence, kept once per chart: every injury in a long chart looks through all
 * its sentences, so reading them again per injury made that search the costliest part of a 3,000-word chart.
 */
interface SentenceFacts {
  /** Whether it has an encounter word anywhere (what {@link encounterKind} looks for): most do not, and need no tokens. */
  saysEncounter?: boolean;
  clauses?: Clause[];
}

const chartSentenceFacts = new WeakMap<ChartDocument, Map<ChartSentence, SentenceFacts>>();

function factsOf(document: ChartDocument, sentence: ChartSentence): SentenceFacts {
  let bySentence = chartSentenceFacts.get(document);
  if (!bySentence) chartSentenceFacts.set(document, (bySentence = new Map()));
  let facts = bySentence.get(sentence);
  if (!facts) bySentence.set(sentence, (facts = {}));
  return facts;
}

function sentenceClauses(document: ChartDocument, sentence: ChartSentence): Clause[] {
  const facts = factsOf(document, sentence);
  return (facts.clauses ??= clausesOf(sentence.text));
}

function saysAnEncounter(document: ChartDocument, sentence: ChartSentence): boolean {
  const facts = factsOf(document, sentence);
  return (facts.saysEncounter ??= SEQUELA.test(sentence.text) || SUBSEQUENT.test(sentence.text) || INITIAL.test(sentence.text));
}

/**
 * The encounter for an injury mention: the item it is written in first ("Right wrist sprain, recheck, improving"),
 * then any other sentence of the chart that names the same injury ("CC: recheck of right wrist sprain seen 2 weeks
 * ago"), clause by clause so a new laceration and an old sprain in one complaint each keep their own.
 */
export function injuryEncounter(document: ChartDocument, sentence: ChartSentence, item: string, injuryWords: string): EncounterKind | undefined {
  const keys = [...new Set(textWords(injuryWords).map((w) => w.key))].filter((k) => !NOT_INJURY.has(k));
  const own = keys.length ? (clauseWith(clausesOf(item), keys)?.text ?? item) : item;
  // The injury's own clause first, then the rest of its item ("Sprain of right ATFL, follow-up visit, healing").
  const said = encounterKind(own) ?? (own !== item ? encounterKind(item) : undefined);
  if (said || keys.length === 0) return said;
  for (const other of document.sentences) {
    if (other === sentence || other.isHeading) continue;
    // Most sentences say no encounter at all, and most lack the injury's words: only those that have both are read.
    if (!saysAnEncounter(document, other)) continue;
    const sentenceKeys = textWordKeys(other.text, other.start);
    if (!keys.every((k) => sentenceKeys.has(k))) continue;
    const clause = clauseWith(sentenceClauses(document, other), keys);
    const kind = clause ? kindOf(clause) : undefined;
    if (kind) return kind;
  }
  return undefined;
}
