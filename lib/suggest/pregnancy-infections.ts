import type { CodeRecord } from '../codesets/types';
import { linesName } from './tabular-notes';
import { FIRST_TO_THIRD, ordinalNumber } from './text-words';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * Conditions in a pregnant patient are coded in chapter 15 (Guideline I.C.15.a.1): a urinary tract infection the
 * chart gives in a pregnancy ("Acute cystitis in pregnancy, second trimester (22w4d)") is O23.- by site and
 * trimester, not N30.00; and a complication makes the pregnancy no longer "normal", so no Z34 supervision code
 * (I.C.15.b.1). The trimester comes from the weeks of gestation coded (Z3A.-): under 14 weeks first, 14 to 27
 * second, 28 and later third.
 */
const GENITOURINARY_INFECTIONS: { site: RegExp; category: string; name: string }[] = [
  { site: /^N1[0-2]/, category: 'O23.0', name: 'kidney' },
  { site: /^N30\.[0-9]/, category: 'O23.1', name: 'bladder' },
  { site: /^N34\./, category: 'O23.2', name: 'urethra' },
  { site: /^N39\.0$/, category: 'O23.4', name: 'urinary tract' },
];

export function urinaryInfectionsInPregnancy(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], resolve: (code: string) => CodeRecord | undefined, inclusionTermsOf: (code: string) => readonly string[]): void {
  const coded = trimesterOf([...chosen.keys()]);
  for (const s of [...chosen.values()]) {
    const infection = GENITOURINARY_INFECTIONS.find((g) => g.site.test(s.code));
    if (!infection) continue;
    const trimester = coded ?? s.evidence.map((e) => trimesterSaid(e.sentence)).find((t) => t !== undefined);
    if (trimester === undefined) continue;
    const record = resolve(`${infection.category}${trimester}`);
    if (!record) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `an infection of the ${infection.name} in pregnancy is coded in chapter 15 (${record.code}, Guideline I.C.15.a.1)`, evidence: s.evidence });
    // When the chart named the chapter 15 code itself ("Acute cystitis (bladder infection) in pregnancy, second
    // trimester"), that code stays as read; otherwise the infection's suggestion becomes it.
    if (!chosen.has(record.code)) chosen.set(record.code, { ...s, code: record.code, title: record.title, rule: `${s.rule}; in pregnancy, trimester ${trimester} (Guideline I.C.15.a.1: chapter 15 codes take precedence)` });
  }
  if (![...chosen.keys()].some((code) => /^O/.test(code))) return;
  // "Any condition in I10 specified as a reason for obstetric care" (inclusion term of O10.0): the O code is the
  // condition in this pregnancy, so the condition's own code is not coded beside it.
  for (const o of [...chosen.values()].filter((x) => /^O/.test(x.code))) {
    const reasons = inclusionTermsOf(o.code).filter((term) => OBSTETRIC_REASON.test(term));
    for (const s of [...chosen.values()]) {
      const reason = /^O/.test(s.code) ? undefined : reasons.find((term) => linesName([term], s.code));
      if (!reason) continue;
      chosen.delete(s.code);
      excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: `${o.code} includes “${reason}” (Tabular inclusion term; Guideline I.C.15.a.1)`, evidence: s.evidence });
    }
  }
  for (const s of [...chosen.values()]) {
    if (!/^Z34\./.test(s.code)) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: 'a pregnancy with a complication coded in chapter 15 is not a normal pregnancy (Guideline I.C.15.b.1: Z34 is not used with chapter 15 codes)', evidence: s.evidence });
  }
}

/** An inclusion term that takes in another chapter's condition: "Any condition in I10 specified as a reason for obstetric care …". */
const OBSTETRIC_REASON = /^any condition in .*\bspecified as a reason for obstetric care\b/i;

/** The trimester (1-3) from a weeks-of-gestation code (Z3A.08 … Z3A.42), when one is coded. */
function trimesterOf(codes: readonly string[]): 1 | 2 | 3 | undefined {
  const weeks = codes.map((code) => /^Z3A\.(\d\d)$/.exec(code)?.[1]).find((w) => w !== undefined);
  return weeks === undefined ? undefined : trimesterOfWeeks(Number(weeks));
}

const trimesterOfWeeks = (weeks: number): 1 | 2 | 3 => (weeks < 14 ? 1 : weeks < 28 ? 2 : 3);

const TRIMESTER_NAMED = new RegExp(`\\b(${FIRST_TO_THIRD})\\s+trimester\\b`, 'i');

/** The trimester the infection's own sentence gives its pregnancy: "in pregnancy, second trimester", "cystitis at 22w4d". */
function trimesterSaid(sentence: string): 1 | 2 | 3 | undefined {
  const named = TRIMESTER_NAMED.exec(sentence);
  if (named) return ordinalNumber(named[1]!) as 1 | 2 | 3;
  const weeks = /\b(\d{1,2})\s*w(?:ks?|eeks?)?\s*\d?\s*d?\b[^.;]{0,12}?(?:gestation|pregnan)|\b(\d{1,2})w\d+d\b/i.exec(sentence);
  const n = weeks ? Number(weeks[1] ?? weeks[2]) : NaN;
  return n >= 4 && n <= 44 ? trimesterOfWeeks(n) : undefined;
}
