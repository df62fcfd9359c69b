import { beforeAll, describe, expect, it } from 'vitest';
import { chartFromText } from '../chart';
import { createSuggestionEngine } from './index';
import type { SuggestionEngine } from './suggest';

/**
 * Causes found on held-out sets 107–111, each on our own synthetic sentences and with a case where the rule must
 * still fire. Full FY2026 ICD-10-CM and the shipped procedure rules.
 */
let engine: SuggestionEngine;
beforeAll(async () => {
  const { loadCatalog } = await import('../../cli/bundles');
  engine = createSuggestionEngine(await loadCatalog());
});
const suggest = (note: string) => engine.suggest(chartFromText(`SYNTHETIC NOTE\nDate of Service: 2026-06-02\nDOB: 1961-09-14\nEstablished patient\n${note}`), { dateOfService: '2026-06-02' });
const dx = (note: string) => suggest(note).diagnoses.map((d) => d.code);

describe('counselling about what a new drug may do', () => {
  it('reads "discussed sedation and fall risk" as counselling, not a fall risk the clinician found', () => {
    const result = suggest('Assessment:\n1. Insomnia - start trazodone 50 mg at bedtime. Discussed sedation and fall risk.\n');
    expect(result.diagnoses.map((d) => d.code)).toEqual(['G47.00']);
    expect(result.excluded.find((e) => e.code === 'Z91.81')?.reason).toBe('hypothetical');
  });

  it('still codes a fall risk the assessment states', () => {
    expect(dx('Assessment:\n1. High fall risk, two falls this spring - PT referral.\n')).toContain('Z91.81');
  });
});

describe('a vertebra named by its level', () => {
  it('reads "T12" or "L3" in a sentence about the spine as that region\'s vertebra', () => {
    expect(dx('Assessment:\n1. Fracture of L1, initial encounter, after a fall from a ladder.\n')).toContain('S32.009A');
    expect(dx('Assessment:\n1. Vertebral osteomyelitis L3 due to MRSA.\n')).toContain('M46.26');
  });

  it('leaves a level outside a spine sentence alone ("free T4")', () => {
    expect(dx('Assessment:\n1. Hypothyroidism, free T4 low - increase levothyroxine.\n')).toEqual(['E03.9']);
  });

  it('codes a fragility compression fracture in osteoporosis as the pathological vertebral fracture (Guideline I.C.13.d)', () => {
    const codes = dx('Assessment:\n1. Acute osteoporotic (fragility) compression fracture of T12 - pathological fracture due to age-related osteoporosis, initial encounter.\n');
    expect(codes).toEqual(['M80.08XA']);
  });

  it('does not add the injury code beside an M80 code the chart already names', () => {
    const codes = dx('Assessment:\n1. Age-related osteoporosis with current pathological vertebral fracture at T12, subsequent encounter, healing as expected.\n');
    expect(codes).toContain('M80.08XD');
    expect(codes.filter((c) => c.startsWith('S22'))).toEqual([]);
  });
});

describe('a cause weighed and still to be excluded', () => {
  it('reads "considered as a cause" and "will rule out with labs" as uncertain', () => {
    const result = suggest('Assessment:\n1. Low back pain.\n2. Malignancy (e.g. myeloma or metastasis) considered as a cause; no red flags, but will rule out with labs.\n');
    expect(result.diagnoses.map((d) => d.code)).not.toContain('C80.1');
    expect(result.excluded.find((e) => e.code === 'C80.1')?.reason).toBe('uncertain');
  });

  it('keeps a condition the clinician names as the cause', () => {
    expect(dx('Assessment:\n1. Iron deficiency anemia considered as the cause of her fatigue - start ferrous sulfate.\n')).toContain('D50.9');
  });
});

describe('the words an abbreviation stands for read as one phrase', () => {
  it('takes no modifier out of an abbreviation to make another condition', () => {
    // "end stage" of ESRD is no end-stage heart failure; "chronic" of COPD no chronic kidney disease.
    expect(dx('Assessment:\n1. Heart failure with ESRD.\n')).toEqual(['I50.9', 'N18.6']);
    const copd = dx('Assessment:\n1. COPD and kidney disease.\n');
    expect(copd).toContain('J44.9');
    expect(copd).not.toContain('N18.9');
  });

  it('keeps the fuller reading of an abbreviation that a combination also reads (I13.2 with N18.6)', () => {
    const codes = dx('Assessment:\n1. HFrEF with hypertension and ESRD on HD: compensated.\n');
    expect(codes).toEqual(expect.arrayContaining(['I13.2', 'N18.6']));
    expect(codes.filter((c) => c.startsWith('I50'))).toEqual(['I50.20']);
    expect(codes).not.toContain('N18.9');
  });

  it('still reads most of a phrase with one word left over ("long-term NSAID use")', () => {
    expect(dx('Assessment:\n1. Long-term NSAID use - counseled on GI risks.\n')).toContain('Z79.1');
  });
});

describe('a drug given at the visit', () => {
  const px = (note: string) => suggest(note).procedures.map((p) => `${p.code}${p.units && p.units > 1 ? `x${p.units}` : ''}`);

  it('reads an "Injectate:" line as the dose injected', () => {
    const note = 'PROCEDURE NOTE - LEFT KNEE INJECTION\n\nIndication: primary osteoarthritis of the left knee.\nTechnique: Pt seated. Skin prepped with chlorhexidine.\nInjectate: methylprednisolone acetate (Depo-Medrol) 40 mg/1 mL + lidocaine 1% 4 mL.\nSmooth flow, bandage applied.\n';
    expect(px(note)).toEqual(expect.arrayContaining(['20610', 'J1010x40']));
  });

  it('does not bill a drug the patient tried and failed before the visit', () => {
    const note = 'PROCEDURE NOTE - LEFT KNEE INJECTION\n\nIndication: primary osteoarthritis of the left knee (grade 3 on standing films 04/2026). Injection was planned at the 2026-05-13 office visit after failure of PT and acetaminophen; pt returns today for the injection only. No interval change.\n\nTechnique: Pt seated. Skin prepped with chlorhexidine. Triamcinolone 40 mg injected.\n';
    const codes = px(note);
    expect(codes).not.toContain('J0131');
    expect(codes).toContain('J3301x4');
  });

  it('bills a dose "will treat with" names when the next lines record it given today', () => {
    const plan = 'Assessment and plan:\n1. Vitamin B12 deficiency without anemia. Will treat with cyanocobalamin 1000 mcg IM weekly x 4, then monthly.';
    expect(px(`${plan} First dose given today in clinic by our MA, right deltoid, tolerated well.\n`)).toEqual(expect.arrayContaining(['96372', 'J3420']));
    // Must not fire when nothing records the first dose as given.
    expect(px(`${plan} Recheck B12 in 3 months.\n`)).not.toContain('J3420');
  });
});

describe('wellness visits', () => {
  const px = (note: string) => suggest(note).procedures.map((p) => p.code);
  const awv = (body: string) => px(`Visit: Medicare Annual Wellness Visit - INITIAL\n${body}\n`);

  it('keeps an initial AWV initial when the date in the sentence belongs to another visit, or the subsequent one is for next year', () => {
    expect(awv('Eligibility: IPPE done 10/2024; initial AWV today.')).toContain('G0438');
    expect(awv('Plan: RTC 1 yr for subsequent AWV, sooner prn.')).toContain('G0438');
    // Must still read a dated initial AWV as done before: today's is subsequent.
    expect(px('Visit: Medicare Annual Wellness Visit\nInitial AWV completed 04/2025.\n')).toContain('G0439');
  });

  it('codes what an abnormal screen found: mild cognitive impairment (G31.84) at an AWV with abnormal findings', () => {
    const codes = dx('Visit: Medicare Annual Wellness Visit - INITIAL\nImpression: initial Medicare AWV with an abnormal finding on cognitive screening, namely mild cognitive impairment of uncertain etiology.\n');
    expect(codes).toEqual(expect.arrayContaining(['Z00.01', 'G31.84']));
    expect(dx('Assessment:\n1. Mild cognitive impairment - MoCA 24/30, repeat in 1 year.\n')).toContain('G31.84');
  });

  it('still reads a condition after "screening for" as what is screened for', () => {
    expect(dx('Assessment:\n1. Hypertension, stable.\nPlan: screening for colon cancer discussed.\n')).not.toContain('C18.9');
  });
});

describe('long-term inhaled steroids (Z79.51)', () => {
  it('adds Z79.51 when the chart says the inhaled steroid is long-term', () => {
    expect(dx('HPI: mild persistent asthma on fluticasone HFA 110 mcg 2 puffs BID (long-term daily controller since 2022).\nAssessment:\n1. Mild persistent asthma, uncomplicated - continue fluticasone.\n')).toEqual(['J45.30', 'Z79.51']);
  });

  it('adds nothing for an inhaler named without long-term use, or a steroid course', () => {
    expect(dx('HPI: asthma on fluticasone HFA 110 mcg 2 puffs BID.\nAssessment:\n1. Mild persistent asthma, uncomplicated - continue fluticasone.\n')).not.toContain('Z79.51');
    expect(dx('Assessment:\n1. COPD exacerbation - prednisone 40 mg daily x 5 days.\n')).not.toContain('Z79.51');
  });
});

describe('what a sentence only supposes, and what came before', () => {
  it('reads side effects listed in brackets, and risks reviewed, as counselling', () => {
    expect(dx('Assessment:\n1. Tobacco use disorder. Start varenicline 0.5 mg daily; side effects (nausea, vivid dreams) reviewed.\n')).not.toContain('R11.0');
    expect(dx('Assessment:\n1. Depression - increase sertraline to 100 mg; reviewed GI upset, hyponatremia (BMP in 3 wks), bleeding/fall risk.\n')).not.toContain('Z91.81');
  });

  it('reads "can be seen with" as a differential, and a clinic named after "referral to" as no diagnosis', () => {
    expect(dx('Results: Pattern can be seen with pulmonary vascular disease; suggest echocardiogram.\n')).not.toContain('J98.4');
    expect(dx('Assessment:\n1. Seasonal allergic rhinitis.\nPlan: Referral to Allergy for immunotherapy evaluation.\n')).not.toContain('T78.40XA');
    // The condition a referral is for is still read.
    expect(dx('Assessment:\n1. Referral to PT for low back pain.\n')).toContain('M54.50');
  });

  it('reads a cold or URI the condition followed as past', () => {
    const codes = dx('Assessment:\n1. Acute bacterial sinusitis of the left maxillary sinus (double worsening after a viral URI).\n');
    expect(codes).toContain('J01.00');
    expect(codes).not.toContain('J06.9');
  });

  it('reads allergic conjunctivitis as acute atopic conjunctivitis (Index: Conjunctivitis, allergic)', () => {
    expect(dx('Assessment:\n1. Allergic conjunctivitis, acute, both eyes.\n')).toEqual(['H10.13']);
  });
});

describe('procedures named in passing', () => {
  const px = (note: string) => suggest(note).procedures.map((p) => p.code);

  it('reads a vitamin B12 "maintenance injection" as no allergen immunotherapy', () => {
    expect(px('Assessment:\n1. Vitamin B12 deficiency - maintenance injection given today: cyanocobalamin 1000 mcg IM, tolerated well.\n')).not.toContain('95115');
    expect(px('Allergen immunotherapy visit.\nMaintenance injection given: vial A 0.5 mL SC left arm.\n')).toContain('95115');
  });

  it('bills no epinephrine for the auto-injector the patient carries', () => {
    expect(px('Allergy shots given: vial A 0.3 mL SC left arm; vial B 0.3 mL SC right arm.\nEpinephrine auto-injector with patient: Yes\n')).not.toContain('J0165');
  });

  it('bills no screening instrument the note calls unreliable', () => {
    expect(px('Assessment:\n1. Dementia, mild, with anxiety (GAD-7 not reliable given cognition). Start sertraline 25 mg daily.\n')).not.toContain('96127');
    expect(px('Assessment:\n1. Generalized anxiety disorder - GAD-7 score 14 today. Start sertraline 25 mg daily.\n')).toContain('96127');
  });

  it('bills no paring done as part of wart destruction', () => {
    const codes = px('Procedure: Paring of thick surface, then liquid nitrogen, 2 cycles, to 5 warts on the right fingers.\n');
    expect(codes).toContain('17110');
    expect(codes.filter((c) => c.startsWith('1105'))).toEqual([]);
  });
});

describe('a list item that starts anew', () => {
  it('ends a "no" at a comma that opens an old condition or a status ("no angina, old myocardial infarction")', () => {
    const codes = dx('Assessment:\n3. Coronary artery disease of native vessels status post CABG, no angina, old myocardial infarction. Continue aspirin.\n');
    expect(codes).toEqual(expect.arrayContaining(['I25.10', 'I25.2', 'Z95.1']));
    expect(codes).not.toContain('I20.9');
    // A denied list still reads as denied: "no chest pain, palpitations or syncope".
    expect(dx('HPI: no chest pain, palpitations or syncope.\nAssessment:\n1. Hypertension.\n')).toEqual(['I10']);
  });
});

describe('an acute illness with dehydration', () => {
  const note = 'Assessment:\n1. Acute gastroenteritis, likely viral (norovirus outbreak at work is possible), with mild dehydration.\nPlan: Prescribed ondansetron 4 mg ODT every 8 hours as needed, #10.\n';

  it('codes the dehydration a finding states after an uncertain cause', () => {
    const codes = dx(note);
    expect(codes).toEqual(expect.arrayContaining(['K52.9', 'E86.0']));
    expect(codes).not.toContain('A08.4');
  });

  it('counts dehydration as an acute illness with systemic symptoms (moderate problems)', () => {
    const em = suggest(note).procedures.find((p) => p.code.startsWith('992'));
    expect(em?.code).toBe('99214');
  });
});

describe('a testing appointment with no clinician visit', () => {
  const px = (note: string) => suggest(note).procedures.map((p) => p.code);
  const report = 'PULMONARY FUNCTION LABORATORY\nPatient status: Established patient - PFT lab appointment only; no physician visit today\nReferral indication: shortness of breath with exertion.\nTests performed: spirometry before and after bronchodilator, lung volumes by body plethysmography, and single-breath diffusing capacity (DLCO).\nInterpretation: normal spirometry; DLCO mildly reduced.\n';

  it('bills the tests the report names and no office visit', () => {
    const codes = px(report);
    expect(codes).toEqual(expect.arrayContaining(['94060', '94726', '94729']));
    expect(codes.filter((c) => c.startsWith('992'))).toEqual([]);
  });

  it('still bills the office visit when a clinician saw the patient', () => {
    const codes = px(report.replace('; no physician visit today', '').replace('Interpretation:', 'Assessment: Dyspnea on exertion. Start albuterol inhaler prn.\nInterpretation:'));
    expect(codes.some((c) => c.startsWith('992'))).toBe(true);
  });
});

describe('conditions charts name in plain words', () => {
  it('reads skin tags (acrochordons) as L91.8 and recurrent falls as repeated falls (Index: Tag, skin; Falls, repeated)', () => {
    expect(dx('Assessment:\n1. Multiple skin tags of the neck and axillae, irritated - removed today.\n')).toEqual(['L91.8']);
    expect(dx('Assessment:\n1. Recurrent falls (3 in 5 months), cause under evaluation.\n')).toContain('R29.6');
    // One fall in the past is history of falling, not repeated falls.
    expect(dx('Assessment:\n1. History of falling - one fall last year, none since.\n')).not.toContain('R29.6');
  });
});

describe('skin biopsies by two techniques', () => {
  const px = (note: string) => suggest(note).procedures.map((p) => `${p.code}${p.units && p.units > 1 ? `x${p.units}` : ''}`);

  it('gives the primary code to the highest technique and the add-on to the other (punch + shave → 11104 + 11103)', () => {
    const codes = px('Procedures:\nA. R cheek: 4 mm punch biopsy, one suture.\nB. L dorsal forearm: shave biopsy with DermaBlade.\nAssessment:\n1. Lesions of skin, biopsied.\n');
    expect(codes).toEqual(expect.arrayContaining(['11104', '11103']));
    expect(codes).not.toContain('11102');
  });

  it('keeps the primary shave code when only shave biopsies are done', () => {
    expect(px('Procedures:\nShave biopsy of a lesion of the left forearm.\nAssessment:\n1. Lesion of skin, biopsied.\n')).toContain('11102');
  });
});

describe('an I&D written before the side of its site', () => {
  const px = (note: string) => suggest(note).procedures.map((p) => p.code);

  it('reads "I&D, L axillary abscess" as an incision and drainage, and a dictated "t i d" as no procedure', () => {
    expect(px('Procedure: I&D, L axillary abscess. 1.2 cm incision, pus expressed, packed. Tolerated well.\n')).toContain('10060');
    expect(px('Plan: amoxicillin 500 mg t i d x 10 days.\n')).not.toContain('10060');
  });
});

describe('words that only look alike, and what set an episode off', () => {
  it('reads "continue, bone density due" as no disorder of continuity of bone', () => {
    expect(dx('Assessment:\n1. Long-term prednisone 5 mg - continue, bone density due in March.\n')).not.toContain('M84.9');
  });

  it('reads a "Post-procedure:" label as when, not a postprocedural pain (Guideline I.C.6.b.3: expected pain is not coded)', () => {
    expect(dx('PROCEDURE NOTE - LEFT KNEE INJECTION\n\nIndication: Primary osteoarthritis of the left knee.\nTechnique: knee injected with triamcinolone 40 mg.\nEBL: minimal. Complications: none. Post-procedure: pt reports pain 2/10 from 5/10 at 10 min; ambulating without difficulty.\n')).not.toContain('G89.18');
    expect(dx('Assessment:\n1. Post-procedure pain after knee arthroscopy, not controlled on acetaminophen.\n')).toContain('G89.18');
  });

  it('keeps the cause of an exacerbation apart from the episode ("overload, precipitated by dietary sodium")', () => {
    const codes = dx('Assessment:\n1. Acute on chronic diastolic heart failure with volume overload, precipitated by dietary sodium.\n');
    expect(codes).toContain('I50.33');
    expect(codes).not.toContain('E87.0');
  });
});
