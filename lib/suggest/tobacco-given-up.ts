import type { ChartDocument, ChartSentence } from '../chart';
import type { ContextResult } from '../context';

/**
 * "He quit smoking in 2018 after 45 pack-years", "Ex-smoker (40 pack-years, quit 2012)", "Smoked 1 ppd for 30 years,
 * quit 2010": tobacco the patient gave up is history (Z87.891), whichever word of the sentence names the habit.
 *
 * ConText's "quit" triggers reach a few words, and a trigger that takes the habit word into its own span ("quit
 * smoking in 2018") modifies nothing inside it. Here the whole sentence is read, for tobacco readings only: "quit"
 * says nothing of the other conditions beside it ("quit smoking when he was diagnosed with COPD").
 */
const TOBACCO_CODE = /^(?:F17\.2|Z72\.0)/;

/** Words for the habit itself, what "quit" may take as its object. */
const HABIT = String.raw`(?:smoking|tobacco|cigarettes?|cigars?|pipe|vaping|chewing(?:\s+tobacco)?|dip(?:ping)?|snuff|nicotine|cold\s+turkey)`;

/**
 * "quit", "stopped", "gave up" followed by the habit, a time ("in 2018", "2010", "10 years ago", "last year") or the
 * end of a phrase: never by another object ("stopped metformin", "quit drinking", "quit his job").
 */
const GAVE_UP = new RegExp(
  String.raw`\b(?:quit|stopped|gave\s+up|has\s+given\s+up|ceased)\b(?=\s*(?:${HABIT}\b|[(),.;:\]]|$|(?:in|on|at|since|about|around|approx\.?|approximately|after|when|last|this|over|x)\b|~|\d|(?:\w+\s+){0,2}(?:years?|yrs?|months?|mos?|weeks?|wks?|days?)\s+ago\b))`,
  'gi',
);

/** "advised to quit", "wants to quit", "never quit", "unable to quit", "how to quit": a quit that has not happened. */
const NOT_DONE_BEFORE = /\b(?:to|will|would|could|should|can|cannot|can't|might|may|must|never|not|n't|trying|try|tries|wants?|plans?|planning|ready|how|considering|contemplating|thinking\s+about)\s+$/i;

/** "quit smoking program", "quit line", "quit date": "quit" as the name of help offered, not a habit given up. */
const QUIT_AS_NOUN = new RegExp(String.raw`^\s*(?:${HABIT}\s+)?(?:program|class(?:es)?|aids?|medications?|meds|counsel\w*|resources?|line|support|plan|date|attempts?|kit)\b`, 'i');

/** "…but restarted in 2021", "relapsed", "now smokes 5/day": the habit is back. */
const TAKEN_UP_AGAIN = /\b(?:restarted|resumed|relapsed|started\s+(?:smoking\s+)?again|back\s+to\s+smoking|now\s+smokes|currently\s+smok|still\s+smok|smokes\s+(?:\d|about|~|a\s|one|half))/i;

/** A relative or another person as the one who quit ("wife quit last year"): the patient's own habit is unchanged. */
const OTHER_PERSON = /\b(?:wife|husband|spouse|partner|mother|father|mom|dad|son|daughter|brother|sister|parents?|roommate|friend|caregiver|grand(?:mother|father|parent)s?)\b/i;

/** Whether the sentence (or the subject-less one after it: "Smoked 1 ppd x 30 years. Quit 2010.") says the patient gave tobacco up. */
export function tobaccoGivenUp(document: ChartDocument, sentence: ChartSentence): boolean {
  if (saysGivenUp(sentence.text)) return true;
  const next = document.sentences[document.sentences.indexOf(sentence) + 1];
  return next !== undefined && next.section === sentence.section && !next.isHeading && /^\s*(?:quit|stopped|gave\s+up)\b/i.test(next.text) && saysGivenUp(next.text);
}

function saysGivenUp(text: string): boolean {
  if (TAKEN_UP_AGAIN.test(text)) return false;
  for (const m of text.matchAll(GAVE_UP)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    if (NOT_DONE_BEFORE.test(before) || QUIT_AS_NOUN.test(text.slice(m.index + m[0].length))) continue;
    // The clause the quit is told in: a relative as its subject means someone else gave up.
    const clauseStart = Math.max(text.lastIndexOf(';', m.index), text.lastIndexOf(',', m.index)) + 1;
    if (OTHER_PERSON.test(text.slice(clauseStart, m.index))) continue;
    return true;
  }
  return false;
}

/**
 * "Smoking history", "tobacco hx": the habit named as a history, in a sentence that says nothing of smoking now
 * ("AAA screening ordered given his smoking history"), is a past habit. "40 pack-year smoking history, still smokes
 * 1/2 ppd" is not.
 */
const HISTORY_AFTER = /^[\s-]*(?:(?:smoking|tobacco|cigarette)\s+)?(?:history|hx)\b/i;
const SMOKING_NOW = /\b(?:current(?:ly)?|still|smokes|smoking\s+(?:\d|about|~|one|half)|active|daily|ppd|packs?\s+(?:a|per)\s+day|per\s+day|a\s+day|\/\s*day|vapes|chews|uses)\b/i;

/** A tobacco reading of a sentence that says the habit was given up, or names it as a history, read as history (coded Z87.891). */
export function withTobaccoGivenUp(context: ContextResult, code: string, document: ChartDocument, sentence: ChartSentence, match: { end: number }): ContextResult {
  if (!TOBACCO_CODE.test(code) || context.historical || context.negated || context.family || context.otherExperiencer || context.hypothetical) return context;
  const namedAsHistory = HISTORY_AFTER.test(document.text.slice(match.end, match.end + 12)) && !SMOKING_NOW.test(sentence.text);
  if (!namedAsHistory && !tobaccoGivenUp(document, sentence)) return context;
  return { ...context, historical: true, temporality: 'historical', modifiers: [...context.modifiers, { category: 'HISTORICAL', literal: 'tobacco given up (quit, stopped)', direction: 'BIDIRECTIONAL' }] };
}
