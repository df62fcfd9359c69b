import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../codesets/types';
import { expandWords } from './expansions';
import { DiagnosisLexicon, phraseVariants } from './lexicon';
import { matchSentence, mostSpecific } from './mentions';
import { textWords } from './text-words';

const record = (code: string, title: string, chapter = 10): CodeRecord => ({ system: 'icd10cm', code, title, billable: true, chapter });
const lexicon = DiagnosisLexicon.build([
  record('J30.1', 'Allergic rhinitis due to pollen'),
  record('J30.5', 'Allergic rhinitis due to food'),
  record('J30.81', 'Allergic rhinitis due to animal (cat) (dog) hair and dander'),
  record('J30.9', 'Allergic rhinitis, unspecified'),
  record('M17.11', 'Unilateral primary osteoarthritis, right knee', 13),
  record('M16.12', 'Unilateral primary osteoarthritis, left hip', 13),
  record('M19.041', 'Primary osteoarthritis, right hand', 13),
  record('Z83.3', 'Family history of diabetes mellitus', 21),
  record('I10', 'Essential (primary) hypertension', 9),
  record('C78.7', 'Secondary malignant neoplasm of liver and intrahepatic bile duct', 2),
  record('C56.9', 'Malignant neoplasm of unspecified ovary', 2),
  record('C80.1', 'Malignant (primary) neoplasm, unspecified', 2),
  record('S05.01', 'Injury of conjunctiva and corneal abrasion without foreign body, right eye', 19),
  record('S00.12', 'Contusion of left eyelid and periocular area', 19),
  record('S70.219', 'Abrasion, unspecified hip', 19),
]);
const codes = (text: string) => mostSpecific(matchSentence(expandWords(textWords(text)), lexicon)).kept.map((m) => lexicon.codes[m.code]!.code).sort();

describe('a condition distributed over a coordinated list', () => {
  it('reads the condition with every cause of a long list, brackets and initials included', () => {
    expect(codes('Allergic rhinitis due to tree and grass pollen, dust mite (D. farinae / D. pteronyssinus) and cat dander, confirmed by skin testing.')).toEqual(['J30.1', 'J30.81']);
    expect(codes('allergic rhinitis secondary to ragweed, peanut allergy or dog hair')).toContain('J30.81');
    expect(codes('Seasonal symptoms. Allergic rhinitis caused by shellfish food, birch pollen & cat hair')).toEqual(['J30.1', 'J30.5', 'J30.81']);
  });

  it('reads the condition with every site of a list after "of"', () => {
    expect(codes('Primary osteoarthritis of the right hand, right knee and left hip, stable on NSAID')).toEqual(['M16.12', 'M17.11', 'M19.041']);
  });

  it('does not carry a framing word or reach past the end of the list', () => {
    // "history of" frames the list; ConText, not copied words, decides whose history it is.
    expect(textWords('Family history of HTN, CAD and diabetes').filter((w) => w.expanded)).toEqual([]);
    // The list stops at the comma after its last item: "cat hair" is not part of "grass pollen and mold".
    const copies = textWords('Allergic rhinitis due to grass pollen and mold, cat hair noted on clothing, dog in the home').filter((w) => w.expanded);
    expect(copies.map((w) => w.position)).toEqual([5, 6]);
    // A long run after a comma is a new clause, not an item.
    expect(textWords('Allergic rhinitis due to pollen, which she says is worse in the spring and fall').filter((w) => w.expanded)).toEqual([]);
  });
});

describe('title readings under the ICD-10-CM conventions', () => {
  it('lets bracketed examples stand for the cause they follow, and "and" mean either in a cause list', () => {
    expect(phraseVariants('Allergic rhinitis due to animal (cat) (dog) hair and dander')).toContain('Allergic rhinitis due to cat dander');
    expect(phraseVariants('Presence of coronary angioplasty implant and graft')).toEqual(['Presence of coronary angioplasty implant', 'Presence of coronary angioplasty graft']);
    expect(codes('allergic rhinitis from cat exposure')).toEqual(['J30.9']);
    expect(codes('Allergic rhinitis due to dog dander')).toEqual(['J30.81']);
  });

  it('keeps "and" joining two conditions, bracketed modifiers and "both" as written', () => {
    expect(phraseVariants('Hypertensive heart and chronic kidney disease')).toEqual([]);
    expect(phraseVariants('Essential (primary) hypertension')).toEqual([]);
    expect(phraseVariants('Hyperkeratosis, palmar or plantar (early) (late) due to yaws')).toEqual([]);
    expect(phraseVariants('Fracture of lower end of both ulna and radius')).toEqual([]);
  });

  it('reads either site of an injury title that joins two sites with "and"', () => {
    expect(phraseVariants('Contusion of left eyelid and periocular area', { injury: true })).toEqual(['Contusion of left eyelid', 'Contusion of left periocular area']);
    expect(phraseVariants('Injury of conjunctiva and corneal abrasion without foreign body, right eye', { injury: true })).toEqual([
      'Injury of conjunctiva without foreign body, right eye',
      'corneal abrasion without foreign body, right eye',
    ]);
    expect(codes('Corneal abrasion R eye, initial.')).toEqual(['S05.01']);
    expect(codes('Contusion of the left eyelid after a fall.')).toEqual(['S00.12']);
    // One structure built with "and", or not an injury title: as written.
    expect(phraseVariants('Strain of muscle and tendon of head', { injury: true })).toEqual([]);
    expect(phraseVariants('Fracture of head and neck of femur', { injury: true })).toEqual([]);
    expect(phraseVariants('Unspecified injury of middle and inner ear', { injury: true })).toEqual([]);
    expect(phraseVariants('Contusion of left eyelid and periocular area')).toEqual([]);
  });

  it('reads a title\'s closing bracket of plain words as the condition\'s other name', () => {
    expect(phraseVariants('Acute obstructive laryngitis [croup]', { title: true })).toEqual(['croup']);
    expect(phraseVariants('Acute nasopharyngitis [common cold]', { title: true })).toEqual(['common cold']);
    // A bracket renaming an object, a site note, or an inclusion term's own qualifier: no reading.
    expect(phraseVariants('Fracture of lunate [semilunar]', { title: true })).toEqual([]);
    expect(phraseVariants('Cellulitis of head [any part, except face]', { title: true })).toEqual([]);
    expect(phraseVariants('Congenital omental, anomalous adhesions [bands]')).toEqual([]);
  });

  it('reads metastases to either site of a two-site secondary neoplasm title', () => {
    expect(codes('liver metastases')).toEqual(['C78.7']);
    expect(codes('metastatic to the intrahepatic bile duct')).toEqual(['C78.7']);
  });

  it('does not read a bare cancer word as a neoplasm of an organ the title leaves open', () => {
    expect(codes('adenocarcinoma, biopsy-proven')).toEqual(['C80.1']);
    expect(codes('Malignant neoplasm, site not stated')).not.toContain('C56.9');
  });
});
