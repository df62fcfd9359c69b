import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../codesets/types';
import { expandWords } from './expansions';
import { DiagnosisLexicon } from './lexicon';
import { isStatusMatch, matchSentence, mostSpecific } from './mentions';
import { textWords } from './text-words';

const record = (code: string, title: string, synonyms?: string[]): CodeRecord => ({ system: 'icd10cm', code, title, billable: true, chapter: 21, ...(synonyms ? { synonyms } : {}) });
const lexicon = DiagnosisLexicon.build([
  record('Z95.0', 'Presence of cardiac pacemaker'),
  record('Z95.1', 'Presence of aortocoronary bypass graft', ['Presence of coronary artery bypass graft']),
  record('Z95.5', 'Presence of coronary angioplasty implant and graft'),
  { ...record('I25.10', 'Atherosclerotic heart disease of native coronary artery without angina pectoris'), chapter: 9 },
]);
const matches = (text: string) => mostSpecific(matchSentence(expandWords(textWords(text)), lexicon)).kept;
const codes = (text: string) => matches(text).map((m) => lexicon.codes[m.code]!.code).sort();

describe('status after a procedure or device', () => {
  it('reads s/p, status post, h/o, history of and post- with a device as presence', () => {
    expect(codes('CAD s/p LAD stent 2019')).toContain('Z95.5');
    expect(codes('Status post PCI with DES to the RCA')).toEqual(['Z95.5']);
    expect(codes('s/p CABG x3 (2015)')).toEqual(['Z95.1']);
    expect(codes('s/p pacemaker for sick sinus')).toEqual(['Z95.0']);
    expect(codes('history of coronary stent placement')).toEqual(['Z95.5']);
    expect(codes('post-PCI, doing well')).toEqual(['Z95.5']);
  });

  it('reads a worn or implanted device the patient has now as presence, not one only talked about', () => {
    const pumps = DiagnosisLexicon.build([record('Z96.41', 'Presence of insulin pump (external) (internal)'), { ...record('E10.9', 'Type 1 diabetes mellitus without complications'), chapter: 4 }]);
    const pump = (text: string) => mostSpecific(matchSentence(expandWords(textWords(text)), pumps)).kept.map((m) => pumps.codes[m.code]!.code);
    expect(pump('on a tubeless insulin pump (insulin aspart) with CGM')).toEqual(['Z96.41']);
    expect(pump('4. Insulin pump')).toEqual(['Z96.41']);
    expect(pump('Insulin pump: site rotation reviewed.')).toEqual(['Z96.41']);
    expect(pump('Discussed insulin pump options.')).toEqual([]);
    expect(pump('Insulin pump training scheduled.')).toEqual([]);
    expect(codes('Pacemaker in place, last interrogation normal.')).toEqual(['Z95.0']);
  });

  it('reads a replaced joint as an artificial joint: "s/p right TKA", "Status: right artificial knee joint"', () => {
    const joints = DiagnosisLexicon.build([
      record('Z96.651', 'Presence of right artificial knee joint'),
      record('Z96.652', 'Presence of left artificial knee joint'),
      record('Z47.1', 'Aftercare following joint replacement surgery'),
      { ...record('M17.12', 'Unilateral primary osteoarthritis, left knee'), chapter: 13 },
    ]);
    const joint = (text: string) => mostSpecific(matchSentence(expandWords(textWords(text)), joints)).kept.map((m) => joints.codes[m.code]!.code).sort();
    expect(joint('S/p right TKA 2019, doing well')).toEqual(['Z96.651']);
    expect(joint('s/p R TKA 2019')).toEqual(['Z96.651']);
    expect(joint('Status: right artificial knee joint.')).toEqual(['Z96.651']);
    expect(joint('Aftercare following right total knee arthroplasty - progressing well.')).toEqual(['Z47.1']);
    expect(joint('Left knee primary osteoarthritis, planning TKA.')).toEqual(['M17.12']);
    expect(textWords('Functional status: independent with ADLs').some((w) => w.status)).toBe(false);
  });

  it('flags the matched words so the coding step can keep the status code', () => {
    const [z] = matches('s/p LAD stent').filter((m) => lexicon.codes[m.code]!.code === 'Z95.5');
    expect(z && isStatusMatch(z)).toBe(true);
    const words = textWords('status post CABG');
    expect(words.filter((w) => w.status).map((w) => w.raw ?? w.key)).toEqual(expect.arrayContaining(['status', 'post', 'cabg']));
  });

  it('does not fire for a planned or discussed procedure, or a status trigger without a device', () => {
    expect(codes('Plan PCI with DES if stress test positive')).toEqual([]);
    expect(codes('pacemaker interrogation scheduled')).toEqual([]);
    expect(codes('s/p fall, no injury')).toEqual([]);
    expect(textWords('history of hypertension, on lisinopril').some((w) => w.status)).toBe(false);
    // The device must follow the trigger closely, in the same clause.
    expect(textWords('s/p appendectomy in 2001 and later she had a coronary stent').some((w) => w.status)).toBe(false);
  });
});
