import { describe, expect, it } from 'vitest';
import { chartFromText } from '../../chart';
import { findPsychiatricEvaluation } from './psychiatric-evaluation';

const chart = (provider: string, body: string) => chartFromText(`SYNTHETIC NOTE\nName: Test Patient\nDOB: 1990-01-01\nProvider: ${provider}\nDate of Service: 2026-03-02\nNew patient\n${body}\n`);

describe('findPsychiatricEvaluation', () => {
  it('reads an intake named as a psychiatric diagnostic evaluation with medical services as 90792', () => {
    expect(findPsychiatricEvaluation(chart('Noor Haddad, MD (Psychiatry)', 'Initial psychiatric diagnostic evaluation with medical services.'))?.code).toBe('90792');
    expect(findPsychiatricEvaluation(chart('Dr. Henrik Aldana, MD, Psychiatry', 'I saw her today for a psychiatric diagnostic evaluation including medical assessment.'))?.code).toBe('90792');
  });
  it('reads the clinician: a psychiatric NP gives 90792, a licensed clinical social worker 90791', () => {
    expect(findPsychiatricEvaluation(chart('Ana Ruiz, PMHNP-BC', 'Psychiatric diagnostic evaluation.'))?.code).toBe('90792');
    expect(findPsychiatricEvaluation(chart('Sam Lee, LCSW', 'Psychiatric diagnostic evaluation (intake).'))?.code).toBe('90791');
  });
  it('finds nothing in a referral, a plan, or a note that never names the evaluation', () => {
    expect(findPsychiatricEvaluation(chart('Jo Park, MD', 'Plan: referred for psychiatric diagnostic evaluation.'))).toBeUndefined();
    expect(findPsychiatricEvaluation(chart('Jo Park, MD', 'Follow-up of depression on sertraline.'))).toBeUndefined();
  });
});
