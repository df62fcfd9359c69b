import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { suggestProcedures } from './procedures';
import { spreadUnits, therapyServices, timedUnits } from './therapy';

const catalog = miniCatalog();
const header = (provider: string) => `SYNTHETIC NOTE\nName: Test Patient\nDOB: 1990-01-01\nDate of Service: 2026-04-21\nProvider: ${provider}\nEstablished patient\n`;
const codes = (note: string, provider = 'Owen Fairbanks, PT, DPT') => therapyServices(chartFromText(header(provider) + note), catalog, '2026-04-21').lines.map((l) => [l.code, l.units]);

describe('therapy services', () => {
  it('counts 15-minute units by the 8-minute rule', () => {
    expect([7, 8, 22, 23, 37, 38, 53, 67, 68].map(timedUnits)).toEqual([0, 1, 1, 2, 2, 3, 4, 4, 5]);
  });

  it('gives each service its whole units, then the units left to the most minutes left over', () => {
    expect(spreadUnits([25, 15, 13])).toEqual([2, 1, 1]);
    expect(spreadUnits([10, 10])).toEqual([1, 0]);
    expect(spreadUnits([33, 7])).toEqual([2, 1]);
  });

  it('bills the timed services of a therapist\'s treatment note, with their units', () => {
    const note = 'TREATMENT (timed codes):\n- Therapeutic exercise, 25 min: heel raises, theraband.\n- Neuromuscular re-education, 15 min: SLS on foam.\n- Manual therapy, 13 min: talocrural glides.\nPLAN: progress to gait training next visit.\n';
    expect(codes(note)).toEqual([['97110', 2], ['97112', 1], ['97140', 1]]);
  });

  it('bills the evaluation by its documented complexity, OT by its own codes', () => {
    expect(codes('PT initial evaluation, moderate complexity.\nTherapeutic exercise 15 minutes.\n')).toEqual([['97162', 1], ['97110', 1]]);
    expect(codes('Initial evaluation - complexity: high.\n', 'Dana Lee, OTR/L')).toEqual([['97167', 1]]);
    expect(codes('Re-evaluation completed; goals updated.\n')).toEqual([['97164', 1]]);
  });

  it('reads nothing from a physician\'s note that mentions therapy', () => {
    expect(codes('Plan: therapeutic exercise 20 min daily at home; referral to physical therapy.\n', 'Priya Raman, MD')).toEqual([]);
  });

  it('sets the office E/M aside in a therapist\'s note', () => {
    const note = header('Owen Fairbanks, PT, DPT') + 'SUBJECTIVE: ankle sore after work.\nTherapeutic exercise, 25 min.\nASSESSMENT: Sprain of right ankle, improving.\nPLAN: continue 2x/week.\n';
    const result = suggestProcedures(chartFromText(note), catalog);
    expect(result.procedures.map((p) => p.code)).toEqual(['97110']);
    expect(result.excluded.some((e) => /^992/.test(e.code) && /therapist/.test(e.explanation))).toBe(true);
  });
});
