import type { CodedEncounter } from '../encounter/types';
import { prepareCheckContext, type PrepareOptions } from './context';
import { CLAIM_RULES } from './rules';
import type { CheckResult, CheckSeverity, ClaimCheckContext, ClaimRule, CodeSetSource } from './types';

const ORDER: Record<CheckSeverity, number> = { error: 0, warning: 1, advisory: 2 };

/**
 * Runs every claim check on an encounter: errors first, then warnings, then advisories, in rule order within
 * each. A rule that throws (malformed input it did not expect) becomes an error result naming the rule, so
 * one bad field never hides the other findings.
 */
export function checkEncounter(encounter: CodedEncounter, ctx: ClaimCheckContext, rules: readonly ClaimRule[] = CLAIM_RULES): CheckResult[] {
  const results: CheckResult[] = [];
  for (const rule of rules) {
    try {
      results.push(...rule.check(encounter, ctx));
    } catch (error) {
      results.push({
        rule: rule.id,
        severity: 'error',
        codes: [],
        message: `The check "${rule.description}" could not run on this encounter (${(error as Error).message}); fix the encounter's data and check again.`,
        source: 'Chart Coder claim checks',
      });
    }
  }
  return sortResults(results);
}

/** Errors first, then warnings, then advisories; the order within a severity is kept. */
export function sortResults(results: CheckResult[]): CheckResult[] {
  return results.map((r, i) => [r, i] as const).sort((a, b) => ORDER[a[0].severity] - ORDER[b[0].severity] || a[1] - b[1]).map(([r]) => r);
}

/** Whether the findings keep an encounter from being marked ready (any error does; warnings and advisories do not). */
export function blocksReady(results: readonly CheckResult[]): boolean {
  return results.some((r) => r.severity === 'error');
}

/** Prefetches from a code-set source and runs every check: the one call the extension and CLI need. */
export async function runClaimChecks(encounter: CodedEncounter, source: CodeSetSource, options: PrepareOptions = {}): Promise<CheckResult[]> {
  return checkEncounter(encounter, await prepareCheckContext(encounter, source, options));
}
