import { sectionAt, sentencesIn } from '../chart';
import { BoundedMemo } from '../memo';
import type { ChartDocument } from '../chart';
import { TERMINATE_ALL, defaultContextRules } from './rules';
import type { CompiledContextRules } from './rules';
import { continuesNegatedList } from './list-scope';
import { tokenize } from './tokens';
import type { Token } from './tokens';
import type { ContextModifier, ContextResult, ContextRule, ContextSentence, ContextTarget } from './types';

/** Options for {@link applyContext}, {@link contextOf} and {@link contextForChart}. */
export interface ContextOptions {
  /** Compiled rules. Default: `assets/rules/context.json` ({@link defaultContextRules}). */
  rules?: CompiledContextRules;
  /**
   * How many words a trigger reaches when its rule sets no `maxScope`. Default: 12 (NegEx used 5 and
   * pyConText the whole sentence; 12 scored best on NegEx reports 1–60 and holds on 61–120).
   */
  maxScope?: number;
  /**
   * Apply the rule file's `sectionCategories` (targets in a family history section are FAMILY, in past
   * medical/surgical history HISTORICAL). Default: true.
   */
  sectionRules?: boolean;
}

/**
 * ConText: decides for each target of each sentence whether it is negated, ruled out, uncertain,
 * historical, hypothetical, or about someone else. Triggers come from the rule file; a trigger reaches
 * FORWARD / BACKWARD / BIDIRECTIONAL up to its max scope, a TERMINATE trigger ("but", "however") or the
 * next trigger of its own category, whichever is first; PSEUDO triggers ("no increase", "gram negative")
 * hide the shorter triggers they contain; a trigger never modifies a target it overlaps; per category
 * the closest trigger is the one reported.
 *
 * @example applyContext([{ text: 'Denies chest pain.', targets: [{ start: 7, end: 17 }] }])[0]![0]!.negated // true
 */
export function applyContext(sentences: readonly ContextSentence[], options: ContextOptions = {}): ContextResult[][] {
  return sentences.map((sentence) => contextOf(sentence, options));
}

/**
 * ConText for one sentence; results are in the order of `sentence.targets`.
 *
 * @example contextOf({ text: 'Mother had breast cancer.', targets: [{ start: 11, end: 24 }] }, {})[0]!.family // true
 */
export function contextOf(sentence: ContextSentence, options: ContextOptions = {}): ContextResult[] {
  const opts = { ...defaultContextOptions, ...options };
  const compiled = opts.rules ?? defaultContextRules;
  const text = typeof sentence.text === 'string' ? sentence.text : '';
  const base = sentence.start ?? 0;
  const { tokens, triggers, words, depth } = readSentence(text, compiled);
  const sectionCategory = opts.sectionRules && sentence.section ? compiled.ruleSet.sectionCategories[sentence.section] : undefined;

  return sentence.targets.map((target) => {
    const result = emptyResult(target);
    const span = tokenSpan(tokens, target.start - base, target.end - base);
    const best = new Map<string, { trigger: Trigger; distance: number }>();
    if (span) {
      for (const trigger of triggers) {
        if (!isModifier(trigger.rule)) continue;
        const distance = reach(trigger, span, triggers, tokens, words, depth, opts.maxScope);
        if (distance === undefined) continue;
        if (compiled.ruleSet.categoryFlags[trigger.rule.category]?.some((f) => f === 'family' || f === 'otherExperiencer') && ownedByPatient(text, target.start - base)) continue;
        const prev = best.get(trigger.rule.category);
        if (!prev || distance < prev.distance) best.set(trigger.rule.category, { trigger, distance });
      }
    }
    for (const { trigger } of [...best.values()].sort((a, b) => a.trigger.start - b.trigger.start)) {
      const { rule } = trigger;
      const start = tokens[trigger.start]!.start;
      const end = tokens[trigger.end - 1]!.end;
      result.modifiers.push({ category: rule.category, literal: rule.literal, direction: rule.direction, start: base + start, end: base + end, text: text.slice(start, end) });
      setFlags(result, rule.category, compiled);
    }
    if (sectionCategory && !best.has(sectionCategory)) {
      result.modifiers.push({ category: sectionCategory, literal: sentence.section!, direction: 'SECTION' });
      setFlags(result, sectionCategory, compiled);
    }
    result.experiencer = result.family ? 'family' : result.otherExperiencer ? 'other' : 'patient';
    result.temporality = result.hypothetical ? 'hypothetical' : result.historical ? 'historical' : 'recent';
    return result;
  });
}

/**
 * ConText over a chart document: each target (document offsets) is put in the sentence holding its
 * start, with that sentence's section category, and results come back in the order of `targets`.
 *
 * @example contextForChart(doc, mentions).filter(r => !r.negated && !r.uncertain)
 */
export function contextForChart(doc: ChartDocument, targets: readonly ContextTarget[], options: ContextOptions = {}): ContextResult[] {
  const results: ContextResult[] = new Array(targets.length);
  const groups = new Map<number, { sentence: ContextSentence; indexes: number[] }>();
  targets.forEach((target, i) => {
    const holder = sentencesIn(doc, target.start, Math.max(target.end, target.start + 1))[0];
    if (!holder) {
      results[i] = contextOf({ text: '', targets: [target] }, options)[0]!;
      return;
    }
    let group = groups.get(holder.start);
    if (!group) {
      const section = sectionAt(doc.sections, holder.start)?.category;
      group = { sentence: { text: holder.text, start: holder.start, ...(section ? { section } : {}), targets: [] }, indexes: [] };
      groups.set(holder.start, group);
    }
    (group.sentence.targets as ContextTarget[]).push(target);
    group.indexes.push(i);
  });
  for (const { sentence, indexes } of groups.values()) {
    contextOf(sentence, options).forEach((r, k) => (results[indexes[k]!] = r));
  }
  return results;
}

/** A sentence's tokens and triggers: they depend only on its text and the rules. */
interface SentenceReading {
  tokens: Token[];
  triggers: Trigger[];
  words: Int32Array;
  depth: Int32Array;
}

/**
 * Readings by rules and text. The engine asks about the same sentence from several passes (mentions, drugs, MDM,
 * visit time), so each sentence is tokenised and searched for triggers once; the results are never changed.
 */
const readings = new WeakMap<CompiledContextRules, BoundedMemo<string, SentenceReading>>();
const READINGS_KEPT = 20000;

function readSentence(text: string, compiled: CompiledContextRules): SentenceReading {
  if (text.length > READ_ONCE_MAX) return readAnew(text, compiled);
  let byText = readings.get(compiled);
  if (!byText) readings.set(compiled, (byText = new BoundedMemo(READINGS_KEPT)));
  return byText.get(text, () => readAnew(text, compiled));
}

/** Longer texts than a sentence (a whole page given as one) are read each time rather than kept. */
const READ_ONCE_MAX = 2000;

function readAnew(text: string, compiled: CompiledContextRules): SentenceReading {
  const tokens = tokenize(text);
  return { tokens, triggers: findTriggers(text, tokens, compiled), words: wordPrefix(tokens), depth: parenDepth(tokens) };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A matched trigger: token range `[start, end)`. */
interface Trigger {
  rule: ContextRule;
  start: number;
  end: number;
}

function isModifier(rule: ContextRule): boolean {
  return rule.direction === 'FORWARD' || rule.direction === 'BACKWARD' || rule.direction === 'BIDIRECTIONAL';
}

/**
 * All trigger matches, overlaps resolved longest-first (so PSEUDO "no increase" hides "no", and
 * "not ruled out" hides "ruled out"); rules with the very same span all stay.
 */
function findTriggers(text: string, tokens: Token[], compiled: CompiledContextRules): Trigger[] {
  const found: Trigger[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let node = compiled.trie;
    for (let j = i; j < tokens.length; j++) {
      const child = node.next.get(tokens[j]!.text);
      if (!child) break;
      node = child;
      for (const rule of node.rules) found.push({ rule, start: i, end: j + 1 });
    }
  }
  if (compiled.patterns.length > 0 && tokens.length > 0) {
    const byStart = new Map<number, number>();
    const byEnd = new Map<number, number>();
    tokens.forEach((t, i) => {
      byStart.set(t.start, i);
      byEnd.set(t.end, i);
    });
    for (const { rule, regex } of compiled.patterns) {
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const s = byStart.get(m.index);
        const e = byEnd.get(m.index + m[0].length);
        if (s !== undefined && e !== undefined && e >= s) found.push({ rule, start: s, end: e + 1 });
      }
    }
  }
  // Terminators and modifiers (PSEUDO included) are two layers: overlaps are resolved within each.
  const isTerminator = (t: Trigger) => t.rule.direction === 'TERMINATE';
  const kept = [...longestFirst(found.filter(isTerminator), tokens), ...longestFirst(found.filter((t) => !isTerminator(t)), tokens)];
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Keeps the longest of overlapping matches (ties: the earlier); matches with the very same span all stay. */
function longestFirst(found: Trigger[], tokens: Token[]): Trigger[] {
  const chars = (t: Trigger) => tokens[t.end - 1]!.end - tokens[t.start]!.start;
  found.sort((a, b) => chars(b) - chars(a) || a.start - b.start);
  const kept: Trigger[] = [];
  const owner = new Int32Array(tokens.length).fill(-1);
  for (const t of found) {
    let clash = false;
    for (let k = t.start; k < t.end && !clash; k++) {
      const o = owner[k]!;
      if (o >= 0 && (kept[o]!.start !== t.start || kept[o]!.end !== t.end)) clash = true;
    }
    if (clash) continue;
    const index = kept.length;
    kept.push(t);
    for (let k = t.start; k < t.end; k++) if (owner[k]! < 0) owner[k] = index;
  }
  return kept;
}

/** words[i] = number of word tokens before token i (length tokens + 1). */
function wordPrefix(tokens: Token[]): Int32Array {
  const words = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) words[i + 1] = words[i]! + (tokens[i]!.isWord ? 1 : 0);
  return words;
}

/** Token range `[start, end)` covering character range `[from, to)`, or undefined when no token is inside. */
function tokenSpan(tokens: Token[], from: number, to: number): { start: number; end: number } | undefined {
  let start = -1;
  let end = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.end <= from) continue;
    if (t.start >= to) break;
    if (start < 0) start = i;
    end = i + 1;
  }
  return start < 0 ? undefined : { start, end };
}

/** True when `other` stops the scope of `trigger`: a TERMINATE for all or for its category, or a trigger of the same category. */
function stops(trigger: Trigger, other: Trigger): boolean {
  if (other === trigger) return false;
  const rule = other.rule;
  if (rule.direction === 'PSEUDO') return false;
  if (rule.direction === 'TERMINATE') return rule.category === TERMINATE_ALL || rule.category === trigger.rule.category;
  return rule.category === trigger.rule.category;
}

/** Word distance from trigger to target when the target is in the trigger's scope, else undefined. */
function reach(
  trigger: Trigger,
  target: { start: number; end: number },
  triggers: Trigger[],
  tokens: Token[],
  words: Int32Array,
  depth: Int32Array,
  defaultScope: number,
): number | undefined {
  // A stopper inside a parenthetical aside that holds neither the trigger nor the target does not count
  // ("-ve for bleeding (occult nor overt), change in weight").
  const shallow = Math.min(depth[trigger.start]!, depth[target.start]!);
  const counts = (other: Trigger) => depth[other.start]! <= shallow;
  if (trigger.start < target.end && target.start < trigger.end) return undefined; // overlaps the target
  const max = trigger.rule.maxScope ?? defaultScope;
  const dir = trigger.rule.direction;
  if (target.start >= trigger.end && (dir === 'FORWARD' || dir === 'BIDIRECTIONAL')) {
    const distance = words[target.start]! - words[trigger.end]!;
    if (distance >= max && !(trigger.rule.category === NEGATION && continuesNegatedList(tokens, trigger.end, target.start, max))) return undefined;
    for (const other of triggers) {
      // A terminator right after the trigger ("negative for: …") introduces the scope rather than ending it.
      // A trigger of the same kind that looks back ("history of healed wrist fracture") does not take over the target.
      if (!counts(other) || !stops(trigger, other) || other.start >= target.start || other.start < trigger.end || other.rule.direction === 'BACKWARD') continue;
      if (other.start > trigger.end || other.rule.direction !== 'TERMINATE') return undefined;
    }
    if (trigger.rule.qualifier && endsQualifiedItem(tokens, trigger.end, target.start, (at) => triggers.some((o) => o.start === at && o.rule.category !== trigger.rule.category && o.rule.direction !== 'TERMINATE'))) return undefined;
    // "improving but not in remission; generalized anxiety disorder": a clause-bound trigger ("not", "without", "no",
    // "if" in context.json) speaks of its clause only (a list of denials, "Denies fever; chills", still goes on past the
    // semicolon). "Not addressed today: cataract surgery 2019; osteoarthritis of the hands": a colon opens a list it governs.
    if (trigger.rule.clause && crossesSemicolon(tokens, trigger.end, target.start) && !opensList(tokens, trigger.end, target.start)) return undefined;
    // "Osteoporosis, with history of healed fragility fracture: continue denosumab": a colon after what the trigger
    // speaks of closes it; one right after the trigger ("History of: …", "Negative for the following: …") opens its list.
    if (closesAtColon(tokens, trigger.end, target.start)) return undefined;
    // "Chronic pansinusitis without nasal polyps - not controlled": a spaced dash ends a qualifier's clause too.
    // So does it a clause-bound denial ("no organ involvement - flare").
    if ((trigger.rule.qualifier || trigger.rule.clause) && crossesDashClause(tokens, trigger.end, target.start + 1)) return undefined;
    return leavesParenthesis(tokens, trigger.start, trigger.end, target.start) ? undefined : distance;
  }
  if (target.end <= trigger.start && (dir === 'BACKWARD' || dir === 'BIDIRECTIONAL')) {
    const distance = words[trigger.start]! - words[target.end]!;
    if (distance >= max) return undefined;
    if (inRelativeClauseOfAnother(tokens, target.end, trigger.start)) return undefined;
    for (const other of triggers) {
      if (!counts(other) || !stops(trigger, other) || other.end <= target.end || other.end > trigger.start) continue;
      // "pneumonia which was treated and has not recurred": a relative clause right after the target describes it.
      if (other.start === target.end && RELATIVE_PRONOUNS.has(other.rule.literal)) continue;
      if (other.end < trigger.start || other.rule.direction !== 'TERMINATE') return undefined;
    }
    if (!closingVerdict(tokens, target.end, trigger) && (crossesSemicolon(tokens, target.end, trigger.start) || crossesDashClause(tokens, target.end, trigger.start, true))) return undefined;
    return leavesParenthesis(tokens, trigger.start, trigger.start, target.end - 1, true) ? undefined : distance;
  }
  return undefined;
}

/**
 * "Right shoulder pain - probable rotator cuff tendinopathy vs early impingement": a spaced dash starts a clause of
 * its own, and a trigger inside it ("vs") does not reach back over the dash. A trigger right after the dash
 * ("Pneumonia - ruled out") still speaks of what came before.
 */
function crossesDashClause(tokens: Token[], from: number, to: number, leadWordsAllowed = false): boolean {
  for (let i = from; i < to - 1; i++) {
    const t = tokens[i]!;
    if (!/^[-–—]$/.test(t.text)) continue;
    // A dictated double dash ("stage 5 -- discussed HD vs PD") is one dash.
    let last = i;
    while (last + 1 < to - 1 && /^[-–—]$/.test(tokens[last + 1]!.text) && tokens[last + 1]!.start === tokens[last]!.end) last++;
    const spaced = (tokens[i - 1]?.end ?? -1) < t.start && tokens[last]!.end < (tokens[last + 1]?.start ?? Infinity);
    i = last;
    // "Pneumonia and AKI - both resolved", "Anemia - 2025, resolved", "CAP - treated, RESOLVED": a few lead words (a
    // year, or the treatment that ended it) after the dash keep the verdict on what came before it.
    if (spaced && leadWordsAllowed && tokens.slice(i + 1, to).every((x) => DASH_LEAD_WORDS.has(x.text.toLowerCase()) || /^(?:(?:19|20)\d\d|,)$/.test(x.text))) continue;
    if (spaced) return true;
  }
  return false;
}

/** Words that may stand between a spaced dash and a verdict that looks back over it. */
const DASH_LEAD_WORDS: ReadonlySet<string> = new Set(['both', 'all', 'now', 'since', 'has', 'have', 'had', 'been', 'is', 'are', 'was', 'were', 'fully', 'completely', 'clinically', 'treated', 'cleared', 'healed', 'cured', 'eradicated', 'and']);

/** True when a colon comes before the first semicolon between two tokens. */
function opensList(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (tokens[i]!.text === ':') return true;
    if (tokens[i]!.text === ';') return false;
  }
  return false;
}

/** Terminators that open a relative clause about the word before them. */
const RELATIVE_PRONOUNS: ReadonlySet<string> = new Set(['which', 'that']);

/**
 * "Asthma with acute exacerbation, moderate, after a recent cold that has since resolved": a trigger inside a relative
 * clause of a phrase set off by a comma speaks of that phrase's noun ("cold"), not of the condition before the comma.
 * Without the comma the clause may well be the condition's own ("a radius fracture in 2021 that healed").
 */
function inRelativeClauseOfAnother(tokens: Token[], from: number, to: number): boolean {
  let comma = false;
  let wordsAfterComma = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (RELATIVE_PRONOUNS.has(t.text) && wordsAfterComma) return true;
    if (t.text === ',') comma = true;
    else if (t.isWord && comma) wordsAfterComma = true;
  }
  return false;
}

/** The category whose triggers open negated lists (see list-scope.ts). */
const NEGATION = 'NEGATED_EXISTENCE';

/** "Her own breast cancer and a sister with ovarian cancer": "own" up to two words before a target makes it the patient's. */
const OWN_BEFORE = /\bown\s+(?:[\w'-]+\s+){0,2}$/i;

function ownedByPatient(text: string, targetStart: number): boolean {
  return OWN_BEFORE.test(text.slice(Math.max(0, targetStart - 40), targetStart));
}

/**
 * ", and" closing the one item a qualifier's trigger reached ("without alarm features, and …"); a comma before it makes a
 * list. So does a comma before a word of course ("osteoporosis without fracture, progressing"): that word is the
 * condition's state, not another thing absent; and one before another kind of trigger ("…, status post stents").
 */
function endsQualifiedItem(tokens: Token[], from: number, to: number, opensOtherContext: (token: number) => boolean): boolean {
  for (let i = from; i < to; i++) {
    if (tokens[i]!.text !== ',') continue;
    const next = tokens[i + 1]?.text.toLowerCase() ?? '';
    if (next === 'and') return i + 1 < to;
    // "without angina, status post coronary stents, and old MI": an item that opens with a trigger of another kind is
    // a new item of the list, not one more thing absent.
    return i + 1 <= to && (COURSE_WORDS.has(next) || (i + 1 < to && opensOtherContext(i + 1)));
  }
  return false;
}

/** Words of a condition's course that follow its qualifier after a comma. */
const COURSE_WORDS: ReadonlySet<string> = new Set(['progressing', 'progressive', 'worsening', 'worse', 'improving', 'improved', 'stable', 'controlled', 'uncontrolled', 'flaring', 'resolving', 'persistent', 'recurrent', 'chronic', 'new', 'ongoing']);

/**
 * A trigger written after its target ("DVT excluded", "pneumonia ruled out") closes the clause it ends: a semicolon
 * before it starts that clause, so "cellulitis of the leg; DVT excluded by duplex" excludes only the DVT.
 */
/**
 * True when a problem's label ends at a colon between `from` and `to` and its plan starts after it ("…, with history of
 * healed fragility fracture: continue denosumab"): two or more words before the colon, a plan verb right after it.
 */
function closesAtColon(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (tokens[i]!.text !== ':') continue;
    const before = tokens.slice(from, i).filter((t) => /\w/.test(t.text));
    return before.length >= 2 && PLAN_VERBS.has(tokens[i + 1]?.text.toLowerCase() ?? '');
  }
  return false;
}

/** Verbs that open a problem's plan after its label. */
const PLAN_VERBS: ReadonlySet<string> = new Set(['continue', 'start', 'stop', 'increase', 'decrease', 'repeat', 'recheck', 'refer', 'order', 'hold', 'resume', 'restart', 'add', 'switch', 'monitor', 'change', 'reduce', 'taper', 'titrate', 'begin', 'initiate']);

/**
 * "Vitamin D deficiency 2023 - treated, level 38 in 2025, off supplement; resolved.": a verdict that is the whole last
 * clause of its sentence looks back over the one semicolon before it (and the dash of the item) to the item it closes.
 */
function closingVerdict(tokens: Token[], from: number, trigger: Trigger): boolean {
  let semicolons = 0;
  let last = -1;
  for (let i = from; i < trigger.start; i++) {
    if (tokens[i]!.text !== ';') continue;
    semicolons++;
    last = i;
  }
  if (semicolons !== 1) return false;
  const lead = tokens.slice(last + 1, trigger.start);
  const rest = tokens.slice(trigger.end);
  return lead.every((t) => DASH_LEAD_WORDS.has(t.text.toLowerCase())) && rest.every((t) => !t.isWord);
}

function crossesSemicolon(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (tokens[i]!.text === ';') return true;
  return false;
}

/**
 * True when a trigger inside parentheses would reach past them ("(slides not submitted) indicates X"):
 * a parenthetical aside does not modify the sentence around it. Forward: a ')' between the trigger and
 * the target closes a '(' opened before the trigger. Backward: mirror image.
 */
function leavesParenthesis(tokens: Token[], triggerStart: number, triggerEnd: number, target: number, backward = false): boolean {
  if (!backward) {
    let depth = 0;
    for (let i = triggerEnd; i < target; i++) {
      const t = tokens[i]!.text;
      if (OPENERS.has(t)) depth++;
      else if (CLOSERS.has(t) && --depth < 0) return opensBefore(tokens, triggerStart);
    }
    return false;
  }
  let depth = 0;
  for (let i = triggerStart - 1; i > target; i--) {
    const t = tokens[i]!.text;
    if (CLOSERS.has(t)) depth++;
    else if (OPENERS.has(t) && --depth < 0) return true;
  }
  return false;
}

/** Parenthesis depth of every token (brackets and braces count; a stray closer never goes below 0). */
function parenDepth(tokens: Token[]): Int32Array {
  const depth = new Int32Array(tokens.length + 1);
  let d = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    if (OPENERS.has(t)) {
      depth[i] = d;
      d++;
      continue;
    }
    if (CLOSERS.has(t)) d = Math.max(0, d - 1);
    depth[i] = d;
  }
  depth[tokens.length] = d;
  return depth;
}

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/** True when an unclosed '(' precedes token `index`. */
function opensBefore(tokens: Token[], index: number): boolean {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i]!.text;
    if (CLOSERS.has(t)) depth++;
    else if (OPENERS.has(t) && --depth < 0) return true;
  }
  return false;
}

function emptyResult(target: ContextTarget): ContextResult {
  return {
    target,
    negated: false,
    ruledOut: false,
    uncertain: false,
    historical: false,
    hypothetical: false,
    family: false,
    otherExperiencer: false,
    experiencer: 'patient',
    temporality: 'recent',
    modifiers: [],
  };
}

function setFlags(result: ContextResult, category: string, compiled: CompiledContextRules): void {
  for (const flag of compiled.ruleSet.categoryFlags[category] ?? []) result[flag] = true;
}

/** Defaults for {@link ContextOptions}. */
export const defaultContextOptions: Required<Omit<ContextOptions, 'rules'>> & Pick<ContextOptions, 'rules'> = {
  rules: undefined,
  maxScope: 12,
  sectionRules: true,
};
