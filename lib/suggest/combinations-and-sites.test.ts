import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/** Combination codes on the full FY2026 ICD-10-CM. Synthetic notes. */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const codes = (note: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-07-10\nEstablished patient\n${note}\n`), { dateOfService: '2026-07-10' }).diagnoses.map((d) => d.code);

describe('combination codes the Index and Tabular give (Guideline I.A.15)', () => {
  it('codes COPD with a lower respiratory infection as J44.0, with the infection', () => {
    expect(codes('ASSESSMENT:\n1. Community-acquired pneumonia, right lower lobe, in a patient with COPD.').sort()).toEqual(['J18.9', 'J44.0']);
  });

  it('codes a ureteral stone with hydronephrosis as N13.2 alone', () => {
    expect(codes('ASSESSMENT:\n1. Obstructing 6 mm left distal ureteral calculus with mild hydronephrosis.')).toEqual(['N13.2']);
  });

  it('does not make a code more specific from the history when the assessment denies it', () => {
    const note = 'HPI: COPD (GOLD 2, on tiotropium, stable, last exacerbation 2024). Fever and productive cough for 3 days.\nASSESSMENT:\n1. Community-acquired pneumonia in a patient with COPD. Not a COPD exacerbation.';
    expect(codes(note)).not.toContain('J44.1');
  });

  it('does not read "acute" of a bronchitis as a COPD exacerbation the assessment denies', () => {
    expect(codes('ASSESSMENT:\n1. Acute bronchitis in a patient with COPD. Not a COPD exacerbation.').sort()).toEqual(['J20.9', 'J44.0']);
  });
});

describe('the site of a deep vein thrombosis', () => {
  it('takes the vein and side the chart names (I82.4-)', () => {
    expect(codes('ASSESSMENT:\n1. Acute DVT, left femoral vein, provoked by surgery and travel.')).toEqual(['I82.412']);
    expect(codes('ASSESSMENT:\n1. Acute DVT of the right popliteal vein.')).toEqual(['I82.431']);
  });
});

describe('enlarged lymph nodes', () => {
  it('codes localized lymphadenopathy as R59.0 and lymphadenopathy NOS as generalized (R59.1, Tabular inclusion term)', () => {
    expect(codes('ASSESSMENT:\n1. Localized right cervical lymphadenopathy, reactive.')).toEqual(['R59.0']);
    expect(codes('ASSESSMENT:\n1. Lymphadenopathy.')).toEqual(['R59.1']);
  });
});

describe('contact with and exposure to a communicable disease (Z20.-)', () => {
  it('reads an exposure said either way, and never as the disease itself', () => {
    expect(codes('ASSESSMENT:\n1. Exposure to COVID-19.')).toEqual(['Z20.822']);
    expect(codes('ASSESSMENT:\n1. Known COVID exposure.')).toEqual(['Z20.822']);
  });

  it('keeps the exposure when the chart names whose illness it was', () => {
    expect(codes('ASSESSMENT:\n1. COVID-19 exposure, coworker positive.')).toEqual(['Z20.822']);
  });
});

describe('a header read from its NOS inclusion term', () => {
  it('takes the "with" child when the chart says what the default child is without', () => {
    expect(codes('ASSESSMENT:\n1. Alcoholic cirrhosis with tense ascites, diuretic-responsive.')).toEqual(['K70.31']);
    expect(codes('ASSESSMENT:\n1. Alcoholic cirrhosis, compensated, no ascites.')).toEqual(['K70.30']);
  });
});

describe('diverticular disease by the part of the intestine the chart names', () => {
  it('reads diverticulitis alone as the intestine, part unspecified, and the sigmoid or colon as the large intestine', () => {
    expect(codes('ASSESSMENT:\n1. Diverticulitis.')).toEqual(['K57.92']);
    expect(codes('ASSESSMENT:\n1. Acute sigmoid diverticulitis without perforation or abscess, improving on antibiotics.')).toEqual(['K57.32']);
    expect(codes('ASSESSMENT:\n1. Colonic diverticulitis.')).toEqual(['K57.32']);
  });
});

describe('skin cancer and ulcer sites', () => {
  it('keeps the morphology and takes the limb the chart names ("including shoulder" is no chart word)', () => {
    expect(codes('ASSESSMENT:\n1. Basal cell carcinoma of the skin of the left upper arm.')).toContain('C44.619');
    expect(codes('ASSESSMENT:\n1. Basal cell carcinoma of the skin of the left upper arm.')).not.toContain('C44.609');
    expect(codes('ASSESSMENT:\n1. Squamous cell carcinoma of the skin of the left shin.')).toContain('C44.729');
  });

  it('reads the back as the "other part of trunk" and the calf over "other part of lower leg"', () => {
    expect(codes('ASSESSMENT:\n1. Nodular basal cell carcinoma of the skin of the right mid back.')).toContain('C44.519');
    const ulcer = codes('ASSESSMENT:\n1. Varicose veins of the left leg with a chronic ulcer of the left medial calf, fat layer exposed.');
    expect(ulcer).toContain('I83.022');
    expect(ulcer).not.toContain('I83.028');
  });
});

describe('a condition in pregnancy is coded in chapter 15 (Guideline I.C.15.a.1)', () => {
  it('codes pre-existing hypertension as O10.0- alone: its inclusion term takes any condition in I10', () => {
    const result = codes('ASSESSMENT:\n1. Pre-existing essential hypertension complicating pregnancy, second trimester. Essential hypertension well controlled on labetalol.');
    expect(result).toContain('O10.012');
    expect(result).not.toContain('I10');
  });

  it('drops the cystitis code when the chart names the pregnancy infection itself', () => {
    const result = codes('ASSESSMENT:\n1. Acute cystitis (bladder infection) in pregnancy, second trimester.');
    expect(result).toContain('O23.12');
    expect(result).not.toContain('N30.00');
  });

  it('does not code the diseases a list of prenatal labs tests for', () => {
    const result = codes('ASSESSMENT:\n1. Supervision of normal first pregnancy, first trimester, 9 weeks.\nPLAN:\n- Initial prenatal labs drawn today and sent to the reference lab: CBC, rubella, HBsAg, HCV, HIV, syphilis, urine culture.');
    for (const code of ['Z21', 'B20', 'A53.9', 'K75.9', 'B19.20']) expect(result).not.toContain(code);
  });
});

describe('terms with "other or unspecified <kind>"', () => {
  it('keeps the kind required: a stimulant use disorder code needs the word stimulant', () => {
    const result = codes('ASSESSMENT:\n1. Alcohol use disorder, severe, in early remission (no alcohol since 2026-01-28).');
    expect(result.some((c) => c.startsWith('F10.2'))).toBe(true);
    expect(result).not.toContain('F15.21');
  });
});
