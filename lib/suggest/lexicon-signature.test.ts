import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../codesets/types';
import { expandWords } from './expansions';
import { DiagnosisLexicon } from './lexicon';
import { matchSentence } from './mentions';
import { textWords } from './text-words';

const record = (code: string, title: string): CodeRecord => ({ system: 'icd10cm', code, title, billable: true, chapter: 9 });
// Enough titles that several word keys share a signature bit (64 bits, more keys than that).
const titles = [
  'Acute bronchitis due to respiratory syncytial virus',
  'Chronic obstructive pulmonary disease with acute exacerbation',
  'Hypertensive heart disease with heart failure',
  'Type 2 diabetes mellitus with diabetic chronic kidney disease',
  'Unilateral primary osteoarthritis, right knee',
  'Acute maxillary sinusitis, unspecified',
  'Acute recurrent maxillary sinusitis',
  'Streptococcal pharyngitis',
  'Major depressive disorder, recurrent, moderate',
  'Migraine without aura, not intractable, without status migrainosus',
  'Iron deficiency anemia secondary to blood loss (chronic)',
  'Atypical squamous cells of undetermined significance on cytologic smear of cervix (ASC-US)',
  'Laceration without foreign body of right eyelid and periocular area, initial encounter',
  'Sprain of anterior talofibular ligament of left ankle, initial encounter',
  'Gastro-esophageal reflux disease without esophagitis',
];
const lexicon = DiagnosisLexicon.build(titles.map((t, i) => record(`X${String(i).padStart(2, '0')}`, t)));

/** Every term the lexicon holds, with the signature packed beside it in its anchor's list. */
function packedTerms(): { required: string[]; low: number; high: number }[] {
  const out: { required: string[]; low: number; high: number }[] = [];
  for (const list of lexicon.byAnchor.values()) {
    for (let i = 0; i < list.length; i += 3) out.push({ required: lexicon.terms[list[i]!]!.required, low: list[i + 1]!, high: list[i + 2]! });
  }
  return out;
}

describe('required-word signatures', () => {
  it('packs every term under its anchor with the signature of its own required words', () => {
    const packed = packedTerms();
    expect(packed).toHaveLength(lexicon.terms.length);
    for (const t of packed) expect([t.low, t.high]).toEqual(lexicon.signature(t.required));
  });

  it('never turns away a sentence that has all of a term’s words, whatever else it says', () => {
    const others = ['note', 'today', 'knee', 'acute', 'chronic', 'left', 'right'];
    for (const t of packedTerms()) {
      const [low, high] = lexicon.signature([...t.required, ...others]);
      expect(t.low & ~low).toBe(0);
      expect(t.high & ~high).toBe(0);
    }
  });

  it('sets no bit for words no term requires', () => {
    expect(lexicon.signature(['zzzunknown', 'qqqword'])).toEqual([0, 0]);
  });

  it('turns away a sentence missing a required word, and finds the term once the word is there', () => {
    const found = (text: string) => matchSentence(expandWords(textWords(text)), lexicon).map((m) => lexicon.codes[m.code]!.code);
    expect(found('Acute maxillary sinusitis.')).toContain('X05');
    expect(found('Acute recurrent maxillary sinusitis.')).toContain('X06');
    expect(found('Recurrent maxillary pain.')).toEqual([]);
  });
});
