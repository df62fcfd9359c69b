import { describe, expect, it } from 'vitest';
import reasonsJson from '../../assets/rules/adjustment-reasons.json';
import { AdjustmentReasonError, defaultReasons, describeAdjustment, describeCarc, describeRemark, isDenialAdjustment, loadAdjustmentReasons } from './reasons';

const CARC = ['1', '2', '3', '4', '5', '6', '9', '11', '16', '18', '22', '23', '27', '29', '45', '50', '96', '97', '109', '119', '151', '167', '181', '182', '197', '204', '234', '236', '242', '252', '253'];
const RARC = ['M15', 'M20', 'M51', 'MA04', 'MA130', 'N19', 'N20', 'N130', 'N290', 'N362', 'N382', 'N432', 'N522', 'N657'];

describe('adjustment reasons', () => {
  it('ships every common CARC and RARC code with a short description and a hint', () => {
    for (const code of CARC) expect(describeCarc(code).known, `CARC ${code}`).toBe(true);
    for (const code of RARC) expect(describeRemark(code).known, `RARC ${code}`).toBe(true);
    for (const e of [...defaultReasons.carc.values(), ...defaultReasons.rarc.values()]) {
      expect(e.description.length, e.code).toBeLessThanOrEqual(90);
      expect(e.hint.length, e.code).toBeLessThanOrEqual(120);
    }
  });

  it('says to look up a code it does not know', () => {
    expect(describeCarc('999')).toMatchObject({ known: false, category: 'other', owner: 'billing', hint: 'look up reason code 999' });
    expect(describeRemark('n9999')).toMatchObject({ known: false, code: 'N9999', hint: 'look up reason code N9999' });
  });

  it('refines a vague reason by its remark, and sends patient shares to the patient', () => {
    expect(describeAdjustment({ group: 'CO', reason: '16' }, ['M51'])).toMatchObject({ label: 'CO-16', category: 'invalid-code', owner: 'coding', pointsAtCoding: true, denial: true });
    expect(describeAdjustment({ group: 'CO', reason: '16' }, ['N382'])).toMatchObject({ category: 'missing-information', owner: 'billing', pointsAtCoding: false });
    expect(describeAdjustment({ group: 'CO', reason: '11' })).toMatchObject({ category: 'diagnosis-procedure-mismatch', owner: 'coding', pointsAtCoding: true });
    expect(describeAdjustment({ group: 'PR', reason: '96' })).toMatchObject({ nextAction: 'bill-patient', denial: false });
    expect(describeAdjustment({ group: 'CO', reason: '96' })).toMatchObject({ nextAction: 'write-off', denial: true });
  });

  it('tells denials from contractual and patient-share adjustments', () => {
    expect(isDenialAdjustment({ group: 'CO', reason: '45', amount: 10 })).toBe(false);
    expect(isDenialAdjustment({ group: 'PR', reason: '1', amount: 10 })).toBe(false);
    expect(isDenialAdjustment({ group: 'CO', reason: '197', amount: 10 })).toBe(true);
    expect(isDenialAdjustment({ group: 'OA', reason: '999', amount: 10 })).toBe(true);
    expect(isDenialAdjustment({ group: 'CO', reason: '197', amount: 0 })).toBe(false);
  });

  it.each([
    [{ ...reasonsJson, formatVersion: 2 }, /format 2 is not supported/],
    [{ ...reasonsJson, carc: {} }, /"carc" must be an array/],
    [{ ...reasonsJson, carc: [{ ...reasonsJson.carc[0], category: 'misc' }] }, /carc\[0\] \("1"\): "category" "misc" is not one of/],
    [{ ...reasonsJson, carc: [{ ...reasonsJson.carc[0], owner: 'front-desk' }] }, /"owner" "front-desk"/],
    [{ ...reasonsJson, rarc: [{ ...reasonsJson.rarc[0], nextAction: 'call' }] }, /rarc\[0\] \("M15"\): "nextAction" "call"/],
    [{ ...reasonsJson, rarc: [{ ...reasonsJson.rarc[0], extra: 1 }] }, /unknown key "extra"/],
    [{ ...reasonsJson, carc: [{ ...reasonsJson.carc[0], hint: ' ' }] }, /"hint" must be non-empty text/],
    [{ ...reasonsJson, carc: [reasonsJson.carc[0], reasonsJson.carc[0]] }, /carc\[1\] \("1"\): code listed twice/],
    [{ ...reasonsJson, rarc: [{ ...reasonsJson.rarc[0], code: '16' }] }, /"code" must match/],
  ])('refuses a malformed reason file (%#)', (json, message) => {
    expect(() => loadAdjustmentReasons(json, 'test.json')).toThrow(AdjustmentReasonError);
    expect(() => loadAdjustmentReasons(json, 'test.json')).toThrow(message);
  });
});
