/** Version of `assets/rules/context.json` this code reads; the loader refuses other versions. */
export const CONTEXT_RULES_FORMAT_VERSION = 1;

/** How far a trigger reaches: after it, before it, both, or it ends other triggers' reach (medspaCy directions). */
export const CONTEXT_DIRECTIONS = ['FORWARD', 'BACKWARD', 'BIDIRECTIONAL', 'TERMINATE', 'PSEUDO'] as const;
/** One of {@link CONTEXT_DIRECTIONS}. */
export type ContextDirection = (typeof CONTEXT_DIRECTIONS)[number];

/** The flags a target can carry. */
export const CONTEXT_FLAGS = ['negated', 'ruledOut', 'uncertain', 'historical', 'hypothetical', 'family', 'otherExperiencer'] as const;
/** One of {@link CONTEXT_FLAGS}. */
export type ContextFlag = (typeof CONTEXT_FLAGS)[number];

/**
 * A modifier category such as NEGATED_EXISTENCE or FAMILY. The known categories are the keys of the
 * rule file's `categoryFlags` table; `TERMINATE` (for TERMINATE rules that stop every category) is
 * always known.
 */
export type ContextCategory = string;

/** One ConText rule: `{literal, category, direction, pattern?, maxScope?}` (medspaCy context_rules shape). */
export interface ContextRule {
  /** The trigger phrase, matched on word boundaries, case-insensitive. */
  literal: string;
  category: ContextCategory;
  direction: ContextDirection;
  /**
   * Optional regular expression (source) used instead of the literal. Case-sensitive (unlike literals),
   * so a rule can tell "DIAGNOSIS:" from "noted:"; a match counts only when it starts and ends on token
   * boundaries.
   */
  pattern?: string;
  /** How many words the trigger reaches (FORWARD/BACKWARD/BIDIRECTIONAL). Default: the options' `maxScope`. */
  maxScope?: number;
  /**
   * The trigger qualifies one item ("GERD without alarm features, and irritable bowel syndrome"): its scope ends
   * at ", and" after that item. A list after the trigger ("without fever, chills, and cough") keeps it going.
   */
  qualifier?: boolean;
  /** The scope ends at a semicolon: the trigger speaks of its own clause ("Her mother has COPD after years of smoking; …"). */
  clause?: boolean;
}

/** A mention found by someone else, to be put in context. Offsets are in the sentence's frame (see {@link ContextSentence}). */
export interface ContextTarget {
  start: number;
  end: number;
  text?: string;
}

/**
 * A sentence with the targets to classify. When `start` is the sentence's offset in a document, target
 * (and reported trigger) offsets are document offsets; leave it 0 to use offsets within `text`.
 */
export interface ContextSentence {
  text: string;
  /** Offset of `text` in its document. Default: 0. */
  start?: number;
  /** Category of the chart section holding the sentence (e.g. 'family_history'), for section rules. */
  section?: string;
  targets: readonly ContextTarget[];
}

/** A trigger (or section rule) that modified a target: the evidence for a flag. */
export interface ContextModifier {
  category: ContextCategory;
  /** The rule's literal, or the section category for a section rule. */
  literal: string;
  direction: ContextDirection | 'SECTION';
  /** Where the trigger is, in the sentence's frame; absent for section rules. */
  start?: number;
  end?: number;
  /** The trigger text as written. */
  text?: string;
}

/** ConText's verdict for one target. */
export interface ContextResult extends Record<ContextFlag, boolean> {
  target: ContextTarget;
  /** 'family' and 'other' come from FAMILY / OTHER_EXPERIENCER modifiers. */
  experiencer: 'patient' | 'family' | 'other';
  /** 'hypothetical' wins over 'historical' when both apply. */
  temporality: 'recent' | 'historical' | 'hypothetical';
  /** The closest trigger of each category that applied, plus section rules. */
  modifiers: ContextModifier[];
}
