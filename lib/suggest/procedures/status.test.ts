import { describe, expect, it } from 'vitest';
import { chartFromText } from '../../chart';
import { mentionStatus } from './status';
import type { StatusOptions } from './status';
import { sentenceViews } from './text';

/** Status of the first occurrence of `target` in a one-line note (with a section heading when given). */
function status(line: string, target: string, options: StatusOptions = {}, heading?: string) {
  const doc = chartFromText(`${heading ? `${heading}:\n` : ''}${line}`);
  const view = sentenceViews(doc).find((v) => v.sentence.text.includes(target))!;
  const start = view.start + view.sentence.text.indexOf(target);
  return mentionStatus(view, { start, end: start + target.length }, { dateOfService: '2026-03-10', ...options });
}

describe('status', () => {
  describe('mentionStatus', () => {
    it('accepts an explicit done cue', () => {
      expect(status('ECG performed today: NSR.', 'ECG')).toMatchObject({ done: true, cue: { text: 'performed' } });
    });

    it('reads "given" before "age", "family history" or a possessive as "considering", not as a done cue', () => {
      expect(status('Endometrial biopsy scheduled next week given age over 45 and family history.', 'Endometrial biopsy')).toMatchObject({ done: false });
      expect(status('Colonoscopy recommended given his family history.', 'Colonoscopy').done).toBe(false);
      expect(status('Ceftriaxone 1 g IM given in the right gluteus.', 'Ceftriaxone')).toMatchObject({ done: true, cue: { text: 'given' } });
    });

    it('takes the clinician\'s own read of a study as done at this visit', () => {
      expect(status('Right ankle x-rays, three views (AP, mortise, lateral), my interpretation: no fracture.', 'Right ankle x-rays', { policy: 'cue' }).done).toBe(true);
    });

    it('reads a month named alone in a past-tense clause, or an earlier visit, as a past study', () => {
      expect(status('Right knee pain for 8 months; x-ray in January showed medial joint-space narrowing.', 'x-ray', { policy: 'cue-or-result' })).toMatchObject({ done: false, reason: 'historical' });
      expect(status('No hearing concerns; hearing screen passed at last well visit.', 'hearing screen', { policy: 'cue-or-result' })).toMatchObject({ done: false, reason: 'historical' });
      // An earlier value in brackets dates the comparison, not today's score.
      expect(status('PHQ-9: 16 (was 9 in January).', 'PHQ-9', { policy: 'cue-or-result' }).done).toBe(true);
      // The visit's own month may be today.
      expect(status('X-ray in March showed a healing fracture.', 'X-ray', { policy: 'cue-or-result' }).reason).not.toBe('historical');
    });

    it('reads a dated value in brackets after today\'s result as the earlier result it is compared with', () => {
      expect(status('HbA1c (in-office analyzer): 8.3% (7.6% in 01/2026).', 'HbA1c', { policy: 'cue-or-result' }).done).toBe(true);
      expect(status('Point-of-care HbA1c: 6.9% (was 7.4% on 01/15/2026).', 'HbA1c', { policy: 'cue-or-result' }).done).toBe(true);
      // A bracket dating the test itself, or a date beside a value with no other value, still dates the test.
      expect(status('HbA1c (01/2026): 7.6%.', 'HbA1c', { policy: 'cue-or-result' })).toMatchObject({ done: false, reason: 'historical' });
      expect(status('HbA1c 7.6% (01/2026).', 'HbA1c', { policy: 'cue-or-result' })).toMatchObject({ done: false, reason: 'historical' });
    });

    it('reads a day without its year in the weeks after the visit as a date to come', () => {
      // Date of service 2026-03-10: "April 2" is three weeks ahead, not last April.
      expect(status('Tobacco cessation counseling 6 minutes with a quit date set for April 2.', 'Tobacco cessation counseling', { policy: 'cue-or-result', extraCues: ['minutes'] }).reason).not.toBe('historical');
      expect(status('Spirometry from February 20 reviewed.', 'Spirometry', { policy: 'cue-or-result' })).toMatchObject({ done: false, reason: 'historical' });
    });

    it('reads a bare earlier year right after the mention as a past study', () => {
      expect(status('Allergic rhinitis confirmed by skin-prick testing 2024.', 'skin-prick testing', { policy: 'cue-or-result' })).toMatchObject({ done: false, reason: 'historical' });
    });

    it('reads a score out of a total as a result, and a respondent in brackets as the form\'s informant', () => {
      expect(status('Vanderbilt teacher form (Ms. Alvarez, first 3 weeks of school): inattentive 5/9, hyperactive 3/9.', 'Vanderbilt', { policy: 'cue-or-result' }).done).toBe(true);
      expect(status('Vanderbilt parent form (father, today): inattentive 4/9.', 'Vanderbilt', { policy: 'cue-or-result' }).done).toBe(true);
      expect(status('Vanderbilt forms to be repeated on 11/20.', 'Vanderbilt', { policy: 'cue-or-result' }).done).toBe(false);
    });

    it('ignores a cue after a future marker', () => {
      expect(status('Blood to be drawn at the lab.', 'Blood', { policy: 'cue' }).done).toBe(false);
    });

    it('does not take "today" or "in clinic" for done when a plan word governs the mention', () => {
      expect(status('Offered flu vaccine today once well.', 'flu vaccine')).toMatchObject({ done: false, reason: 'hypothetical' });
      expect(status('Flu vaccine offered and given today.', 'Flu vaccine')).toMatchObject({ done: true, cue: { text: 'given' } });
    });

    it('sets aside negated, planned, ordered, conditional and past mentions', () => {
      expect(status('Patient declined ECG.', 'ECG')).toMatchObject({ done: false, reason: 'negated' });
      expect(status('Will return for ECG next week.', 'ECG')).toMatchObject({ done: false, reason: 'hypothetical' });
      expect(status('If symptoms persist we will do spirometry.', 'spirometry')).toMatchObject({ done: false, reason: 'hypothetical' });
      expect(status('Order lipid panel.', 'lipid panel')).toMatchObject({ done: false, reason: 'not-billable' });
      expect(status('Prior EKG normal.', 'EKG')).toMatchObject({ done: false, reason: 'historical' });
      expect(status('EKG on 02/01/2025 normal.', 'EKG', { policy: 'cue-or-result' })).toMatchObject({ done: false, reason: 'historical' });
      expect(status('Rapid strep at urgent care was negative.', 'Rapid strep', { policy: 'cue-or-result' })).toMatchObject({ done: false, reason: 'historical' });
    });

    it('reads "negative" after a test as its result, not its absence', () => {
      expect(status('Rapid strep negative.', 'Rapid strep', { policy: 'cue-or-result' })).toMatchObject({ done: true });
      expect(status('Rapid strep negative.', 'Rapid strep', { policy: 'cue' })).toMatchObject({ done: false, reason: 'uncertain' });
    });

    it('lets a done cue win over "ordered"', () => {
      expect(status('ECG ordered and performed in clinic.', 'ECG').done).toBe(true);
    });

    it('follows the evidence policy for sections', () => {
      expect(status('Left knee injection.', 'injection', { policy: 'cue-or-section' }, 'PROCEDURE').done).toBe(true);
      expect(status('Left knee injection.', 'injection', { policy: 'cue-or-section' }, 'PLAN').done).toBe(false);
      expect(status('Counseled on smoking cessation.', 'smoking cessation', { policy: 'none' }).done).toBe(true);
    });

    it('counts extra cues', () => {
      expect(status('Tdap 0.5 mL left deltoid, lot #123.', 'Tdap', { extraCues: ['left deltoid'] }).done).toBe(true);
    });
  });
});
