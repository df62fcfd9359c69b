import { describe, expect, it } from 'vitest';
import { icdSliceCatalog } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import { contradictingWords, equivalentPhrasings, equivalentsIn } from './equivalent-words';
import { SuggestionEngine } from './suggest';

const G43_NOTE = 'the following terms are to be considered equivalent to intractable: pharmacoresistant (pharmacologically resistant), treatment resistant, refractory (medically) and poorly controlled';

describe('words a Tabular note makes equivalent', () => {
  it('reads the list, with a parenthesised other name but not a one-word nonessential modifier', () => {
    expect(equivalentsIn([G43_NOTE])).toEqual([{ word: 'intractable', equivalents: ['pharmacoresistant', 'pharmacologically resistant', 'treatment resistant', 'refractory', 'poorly controlled'] }]);
    expect(equivalentsIn(['A fracture not indicated as open or closed should be coded to closed'])).toEqual([]);
  });

  it('rewrites a title that states the word, never one that says "not <word>"', () => {
    const eq = equivalentsIn([G43_NOTE]);
    expect(equivalentPhrasings('Chronic migraine without aura, intractable, without status migrainosus', eq)).toContain('Chronic migraine without aura, refractory, without status migrainosus');
    expect(equivalentPhrasings('Chronic migraine without aura, not intractable, without status migrainosus', eq)).toEqual([]);
    expect(contradictingWords('Chronic migraine without aura, not intractable, without status migrainosus', eq)).toEqual(['pharmacoresistant', 'refractory']);
  });
});

describe('the engine reads a category\'s equivalences (G43: refractory is intractable)', () => {
  const engine = new SuggestionEngine(icdSliceCatalog([
    ['G43', false, 'Migraine', 6, { fiscalYear: 2021, general: [G43_NOTE] }],
    ['G43.7', false, 'Chronic migraine without aura', 6, { fiscalYear: 2021, inclusionTerms: ['Transformed migraine'] }],
    ['G43.70', false, 'Chronic migraine without aura, not intractable', 6],
    ['G43.709', true, 'Chronic migraine without aura, not intractable, without status migrainosus', 6, { fiscalYear: 2021, inclusionTerms: ['Chronic migraine without aura NOS'] }],
    ['G43.71', false, 'Chronic migraine without aura, intractable', 6],
    ['G43.719', true, 'Chronic migraine without aura, intractable, without status migrainosus', 6],
  ]));
  const codes = (body: string) => engine.suggest(chartFromText(`Date of service: 03/02/2026\n${body}\n`)).diagnoses.map((d) => d.code);

  it('codes refractory and treatment-resistant chronic migraine as intractable, and keeps "not intractable" otherwise', () => {
    expect(codes('ASSESSMENT: Chronic migraine without aura, refractory to multiple preventives, without status migrainosus.')).toEqual(['G43.719']);
    expect(codes('ASSESSMENT: Chronic migraine without aura, treatment resistant, without status migrainosus.')).toEqual(['G43.719']);
    expect(codes('ASSESSMENT: Chronic migraine without aura, without status migrainosus, improving on the preventive.')).toEqual(['G43.709']);
  });
});
