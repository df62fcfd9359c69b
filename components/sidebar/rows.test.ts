import { describe, expect, it } from 'vitest';
import { encounterDraftProblem } from '@/lib/messaging';
import type { Suggestion, SuggestionResult } from '@/lib/suggest/types';
import { changeCode, encounterPayload, headerDraft, keepDecisions, moveRow, needsSeventh, toRows } from './rows';
import { clampWidth, readLayout } from './layout';

const evidence = [{ start: 10, end: 20, text: 'type 2 diabetes', sentence: 'Type 2 diabetes with hyperglycemia.' }];
const dx = (code: string, warnings: string[] = []): Suggestion => ({ system: 'icd10cm', code, title: `title ${code}`, confidence: 0.9, rule: 'test', evidence, warnings });
const result = (diagnoses: Suggestion[], procedures: Suggestion[] = []): SuggestionResult => ({
  diagnoses,
  procedures,
  excluded: [{ system: 'icd10cm', code: 'R51.9', title: 'Headache', reason: 'negated', explanation: 'negated by “denies”', evidence }],
  header: { name: 'Synthetic, Sam', dobIso: '1970-01-02', dob: '01/02/1970', mrn: 'SYN-1', fields: [] },
  setting: 'outpatient',
  notices: [],
});

describe('sidebar rows', () => {
  it('moves a diagnosis to a position within its own list only', () => {
    const rows = toRows(result([dx('E11.65'), dx('I10'), dx('E78.5')], [{ ...dx('99213'), system: 'cpt' }]));
    const moved = moveRow(rows, 0, 2);
    expect(moved.rows.map((r) => r.item.code)).toEqual(['I10', 'E11.65', 'E78.5', '99213', 'R51.9']);
    expect(moved.index).toBe(1);
    // Past the end of the list: last diagnosis, never into the procedures.
    expect(moveRow(rows, 0, 9).rows.map((r) => r.item.code)).toEqual(['I10', 'E78.5', 'E11.65', '99213', 'R51.9']);
    expect(moveRow(rows, 4, 1).rows).toEqual(rows);
  });

  it('keeps accept/reject and code changes on re-read for codes still suggested', () => {
    const before = toRows(result([dx('E11.65'), dx('I10'), dx('S93.401A', ['7th character A (initial encounter) chosen from the encounter words: confirm it'])]));
    expect(needsSeventh(before[2]!)).toBe(true);
    const decided = [{ ...before[0]!, status: 'accepted' as const }, { ...before[1]!, status: 'rejected' as const }, changeCode(before[2]!, { system: 'icd10cm', code: 'S93.401D', title: 'subsequent' })];
    expect(needsSeventh(decided[2]!)).toBe(false);
    const after = keepDecisions(decided, toRows(result([dx('I10'), dx('S93.401A', ['7th…']), dx('J45.909')])));
    expect(after.map((r) => [r.item.code, r.status])).toEqual([
      ['I10', 'rejected'],
      ['S93.401D', 'accepted'],
      ['J45.909', 'suggested'],
      ['R51.9', 'excluded'],
    ]);
    expect(after[1]!.editedFrom).toBe('S93.401A');
  });

  it('builds the billing-queue payload from accepted codes in order, which the background accepts', () => {
    let rows = toRows(result([dx('E11.65'), dx('I10')], [{ ...dx('J3301'), system: 'hcpcs', units: 4, modifiers: [] }]));
    rows = rows.map((r) => (r.kind !== 'excluded' ? { ...r, status: 'accepted' as const } : r));
    rows = moveRow(rows, 1, 1).rows;
    const payload = encounterPayload(rows, headerDraft(result([]).header), { url: 'http://127.0.0.1/chart', title: 'Chart' }, false);
    expect(payload.diagnoses.map((d) => d.code)).toEqual(['I10', 'E11.65']);
    expect(payload.procedures).toEqual([{ system: 'hcpcs', code: 'J3301', title: 'title J3301', units: 4, modifiers: [], evidence: [{ text: 'type 2 diabetes', sentence: evidence[0]!.sentence, start: 10, end: 20 }] }]);
    expect(payload.header).toMatchObject({ name: 'Synthetic, Sam', dob: '1970-01-02', mrn: 'SYN-1', sex: '', patientStatus: '' });
    expect(encounterDraftProblem(payload)).toBeUndefined();
    expect(encounterDraftProblem({ ...payload, diagnoses: [], procedures: [] })).toBe('Accept at least one code before sending');
    expect(encounterDraftProblem({ ...payload, procedures: [{ ...payload.procedures[0]!, units: 0 }] })).toMatch(/units/);
    expect(encounterDraftProblem('junk')).toBe('The encounter is missing');
  });

  it('prefills the header form without what ran on after a value on a one-line banner', () => {
    const draft = headerDraft({ name: 'Novak, Jonas ·', provider: 'Rhee, Dana MD · Established patient', dob: '11/23/1984', sex: 'male', patientStatus: 'established', fields: [] });
    expect(draft).toEqual({ name: 'Novak, Jonas', provider: 'Rhee, Dana MD', dob: '11/23/1984', sex: 'male', mrn: '', dateOfService: '', patientStatus: 'established' });
  });

  it('reads a stored layout, defaulting and clamping anything odd', () => {
    expect(readLayout({ side: 'left', width: 500 })).toEqual({ side: 'left', width: 500 });
    expect(readLayout({ side: 'up', width: 10 })).toEqual({ side: 'right', width: 280 });
    expect(readLayout('junk')).toEqual({ side: 'right', width: 380 });
    expect(clampWidth(5000, 1000)).toBe(900);
    expect(clampWidth(700, 600)).toBe(520);
  });
});
