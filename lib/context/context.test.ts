import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateNegation } from '../../eval/negation';
import { chartFromText } from '../chart';
import { applyContext, contextForChart, contextOf } from './context';
import { compileContextRules, loadContextRules } from './rules';
import type { ContextOptions } from './context';
import type { ContextResult } from './types';

/** ConText for the first occurrence of `target` in `text`. */
function ctx(text: string, target: string, options: ContextOptions & { section?: string } = {}): ContextResult {
  const start = text.indexOf(target);
  if (start < 0) throw new Error(`"${target}" not in "${text}"`);
  const { section, ...opts } = options;
  return contextOf({ text, ...(section ? { section } : {}), targets: [{ start, end: start + target.length }] }, opts)[0]!;
}

/** A small rule set to test the algorithm apart from the shipped lexicon. */
const tiny = compileContextRules(
  loadContextRules({
    formatVersion: 1,
    categoryFlags: { NEGATED_EXISTENCE: ['negated'], HISTORICAL: ['historical'], FAMILY: ['family'] },
    sectionCategories: { family_history: 'FAMILY' },
    rules: [
      { literal: 'no', category: 'NEGATED_EXISTENCE', direction: 'FORWARD' },
      { literal: 'absent', category: 'NEGATED_EXISTENCE', direction: 'BACKWARD' },
      { literal: 'not', category: 'NEGATED_EXISTENCE', direction: 'BIDIRECTIONAL', maxScope: 2 },
      { literal: 'no increase', category: 'NEGATED_EXISTENCE', direction: 'PSEUDO' },
      { literal: 'but', category: 'TERMINATE', direction: 'TERMINATE' },
      { literal: 'presents', category: 'HISTORICAL', direction: 'TERMINATE' },
      { literal: 'history of', category: 'HISTORICAL', direction: 'FORWARD' },
    ],
  }),
);

describe('context', () => {
  describe('contextOf (algorithm, small rule set)', () => {
    const o = { rules: tiny };
    it('FORWARD reaches targets after the trigger only', () => {
      expect(ctx('no fever today', 'fever', o).negated).toBe(true);
      expect(ctx('fever no more', 'fever', o).negated).toBe(false);
    });

    it('BACKWARD reaches targets before the trigger only', () => {
      expect(ctx('pulses absent', 'pulses', o).negated).toBe(true);
      expect(ctx('absent minded with pulses', 'pulses', o).negated).toBe(false);
    });

    it('BIDIRECTIONAL reaches both ways within its maxScope', () => {
      expect(ctx('edema not seen', 'edema', o).negated).toBe(true);
      expect(ctx('not edema', 'edema', o).negated).toBe(true);
      expect(ctx('not one two three edema', 'edema', o).negated).toBe(false);
    });

    it('stops at the default maxScope (words)', () => {
      expect(ctx('no a b c d e f g h rash', 'rash', { ...o, maxScope: 12 }).negated).toBe(true);
      expect(ctx('no a b c d e f g h rash', 'rash', { ...o, maxScope: 5 }).negated).toBe(false);
    });

    it('stops at a TERMINATE trigger, for all categories or its own', () => {
      expect(ctx('no fever but cough', 'cough', o).negated).toBe(false);
      expect(ctx('no fever but cough', 'fever', o).negated).toBe(true);
      const r = ctx('history of asthma, presents with wheeze', 'wheeze', o);
      expect(r.historical).toBe(false);
      expect(ctx('history of asthma, presents with wheeze', 'asthma', o).historical).toBe(true);
      // "presents" stops HISTORICAL only.
      expect(ctx('no asthma, presents with wheeze', 'wheeze', o).negated).toBe(true);
    });

    it('lets a PSEUDO trigger hide the shorter trigger inside it', () => {
      expect(ctx('no increase in pain', 'pain', o).negated).toBe(false);
    });

    it('does not let a trigger modify a target it overlaps', () => {
      expect(ctx('no appetite', 'no appetite', o).negated).toBe(false);
    });

    it('reports the closest trigger of a category, with offsets in the sentence frame', () => {
      const text = 'Chart: no fever, no cough';
      const start = text.indexOf('cough');
      const r = contextOf({ text, start: 100, targets: [{ start: 100 + start, end: 100 + start + 5 }] }, o)[0]!;
      expect(r.modifiers).toHaveLength(1);
      expect(r.modifiers[0]).toMatchObject({ category: 'NEGATED_EXISTENCE', start: 100 + text.lastIndexOf('no'), text: 'no' });
    });

    it('applies section rules unless switched off', () => {
      expect(ctx('diabetes in the family', 'diabetes', { ...o, section: 'family_history' }).family).toBe(true);
      expect(ctx('diabetes', 'diabetes', { ...o, section: 'family_history', sectionRules: false }).family).toBe(false);
    });

    it('returns all flags false for a target outside every token', () => {
      const r = contextOf({ text: 'no   x', targets: [{ start: 3, end: 4 }] }, o)[0]!;
      expect(r.negated).toBe(false);
    });
  });

  describe('contextOf (shipped rules)', () => {
    it('negation: NegEx triggers and post-triggers', () => {
      expect(ctx('She denies chest pain or shortness of breath.', 'shortness of breath').negated).toBe(true);
      expect(ctx('No evidence of pneumothorax.', 'pneumothorax').negated).toBe(true);
      expect(ctx('Fracture: negative.', 'Fracture').negated).toBe(true);
      expect(ctx('Patient has diabetes.', 'diabetes').negated).toBe(false);
      expect(ctx('Denies fever but reports cough.', 'cough').negated).toBe(false);
      expect(ctx('Gram negative rods in the blood culture.', 'rods').negated).toBe(false);
      expect(ctx('No change in the mass.', 'mass').negated).toBe(false);
    });

    it('an item answered "- denied" is negated; "- denies X" still reaches forward', () => {
      expect(ctx('4. Chest pain - denied; no ischemic workup needed.', 'Chest pain').negated).toBe(true);
      expect(ctx('Chest pain: denied.', 'Chest pain').negated).toBe(true);
      expect(ctx('#3 Other substances - denies alcohol and cannabis use.', 'cannabis use').negated).toBe(true);
      expect(ctx('4. Chest pain - denied by the cardiologist as cardiac; exertional.', 'Chest pain').negated).toBe(false);
    });

    it('a condition named as a topic taught ("hypoglycemia teaching") is not found', () => {
      expect(ctx('Glipizide 5 mg daily added, hypoglycemia teaching, follow up in 2 weeks.', 'hypoglycemia').hypothetical).toBe(true);
      expect(ctx('Fall precautions reviewed.', 'Fall').hypothetical).toBe(true);
      expect(ctx('Hypoglycemia overnight twice this week; teaching reinforced later in the visit.', 'Hypoglycemia').hypothetical).toBe(false);
    });

    it('a childhood condition outgrown or not active is not current', () => {
      expect(ctx('He had asthma but out grew it, no inhaler in over 20 years.', 'asthma').negated).toBe(true);
      expect(ctx('Eczema as a kid.', 'Eczema').historical).toBe(true);
      expect(ctx('asthma not active.', 'asthma').historical).toBe(true);
      expect(ctx('Asthma, active, using albuterol daily.', 'Asthma').historical).toBe(false);
    });

    it('a name the clinician sets aside ("is not a separate diagnosis") is negated', () => {
      expect(ctx('Wrist contusion is not a separate diagnosis.', 'Wrist contusion').negated).toBe(true);
      expect(ctx('The rash is not a new problem; eczema as before.', 'rash').negated).toBe(true);
      expect(ctx('Wrist contusion, diagnosis confirmed on exam.', 'Wrist contusion').negated).toBe(false);
    });

    it('a diagnosis "considered" and left there is uncertain; "considered controlled" is not', () => {
      expect(ctx('DVT considered; low pretest probability, no ultrasound at this time.', 'DVT').uncertain).toBe(true);
      expect(ctx('Her asthma is considered controlled on the current regimen.', 'asthma').uncertain).toBe(false);
    });

    it('a condition counselled as a side effect or risk is hypothetical', () => {
      expect(ctx('Discussed irregular bleeding as the most common side effect, removal any time.', 'irregular bleeding').hypothetical).toBe(true);
      expect(ctx('Irregular bleeding for 3 months, heavier this cycle.', 'Irregular bleeding').hypothetical).toBe(false);
    });

    it('the clinician\'s own "I don\'t think this is …" denies the diagnosis', () => {
      expect(ctx("Afebrile and no flank tenderness - I don't think this is pyelonephritis.", 'pyelonephritis').negated).toBe(true);
      expect(ctx('I think this is pyelonephritis.', 'pyelonephritis').negated).toBe(false);
    });

    it('what is discussed when a drug is started is its side effects, not findings', () => {
      expect(ctx('Start topiramate 25 mg qhs, titrate weekly; discussed paresthesias, word-finding difficulty, kidney stones.', 'kidney stones').hypothetical).toBe(true);
      expect(ctx('Discussed her kidney stones and hydration.', 'kidney stones').hypothetical).toBe(false);
    });

    it('"<condition> history" is historical; "given history" and "COPD, history as above" are not', () => {
      expect(ctx('Mammogram in April because of her breast cancer history; DXA due 2027.', 'breast cancer').historical).toBe(true);
      expect(ctx('Low back pain; rule out osseous metastasis given history.', 'osseous metastasis').historical).toBe(false);
      expect(ctx('COPD, history as above.', 'COPD').historical).toBe(false);
    });

    it('"nobody" / "no one" deny what follows', () => {
      expect(ctx('Nobody smokes at home or in the car.', 'smokes').negated).toBe(true);
      expect(ctx('No one at home smokes.', 'smokes').negated).toBe(true);
    });

    it('the relative who gives the history is not the one who has the condition', () => {
      expect(ctx('Total time 45 minutes (history from patient and daughter, review of HF nurse notes).', 'HF').family).toBe(false);
      expect(ctx('History obtained from his wife, who reports his COPD is worse.', 'COPD').family).toBe(false);
      expect(ctx('Daughter has heart failure.', 'heart failure').family).toBe(true);
    });

    it('a condition whose treatment the note calls completed is history ("provoked L femoral DVT, treatment completed")', () => {
      expect(ctx('Follow-up of provoked L femoral DVT, treatment completed.', 'DVT').historical).toBe(true);
      expect(ctx('Cellulitis of the left leg, antibiotics completed, resolved.', 'Cellulitis').historical).toBe(true);
      expect(ctx('Pneumonia, on day 3 of antibiotics; course to be completed Friday.', 'Pneumonia').historical).toBe(false);
    });

    it('a relative clause right after the target describes it ("pneumonia which was treated and has not recurred")', () => {
      expect(ctx('HIV diagnosed when he presented with Pneumocystis pneumonia which was treated and has not recurred.', 'pneumonia').historical).toBe(true);
      expect(ctx('Basal cell carcinoma of the nose, no recurrence.', 'carcinoma').historical).toBe(true);
    });

    it('a differential after a spaced dash leaves the symptom before it certain; a verdict right after the dash still applies', () => {
      expect(ctx('2. Right shoulder pain - probable rotator cuff tendinopathy vs early impingement; no red flags.', 'pain').uncertain).toBe(false);
      expect(ctx('2. Right shoulder pain - rotator cuff tendinopathy vs early impingement.', 'pain').uncertain).toBe(false);
      expect(ctx('2. Right shoulder pain - probable rotator cuff tendinopathy.', 'tendinopathy').uncertain).toBe(true);
      expect(ctx('Pneumonia - ruled out.', 'Pneumonia').ruledOut).toBe(true);
      expect(ctx('Pneumonia, probable.', 'Pneumonia').uncertain).toBe(true);
    });

    it('reads "resolved" back over a dash and the treatment that ended the problem, not over a clause of findings', () => {
      expect(ctx('- Community-acquired pneumonia 01/2026 - treated, RESOLVED, f/u CXR clear 02/2026', 'pneumonia').negated).toBe(true);
      expect(ctx('Pneumonia - treated and resolved.', 'Pneumonia').negated).toBe(true);
      expect(ctx('Pneumonia - cough and fever resolved, still hypoxic.', 'Pneumonia').negated).toBe(false);
    });

    it('"likely viral pharyngitis" doubts the cause, not the pharyngitis; "probable viral syndrome" stays uncertain', () => {
      expect(ctx('2. Sore throat - likely viral pharyngitis; rapid strep negative.', 'pharyngitis').uncertain).toBe(false);
      expect(ctx('Probable viral syndrome.', 'syndrome').uncertain).toBe(true);
    });

    it('return precautions and warning signs are hypothetical', () => {
      expect(ctx('RTC/ED precautions: SOB, CP, confusion, fever >72h', 'confusion').hypothetical).toBe(true);
      expect(ctx('Warning signs reviewed: chest pain, fainting.', 'chest pain').hypothetical).toBe(true);
    });

    it('"ED for …" opening a clause, or after "go to", is a return precaution; "sent to ED for …" is not', () => {
      expect(ctx('Office recheck in 48-72 h; ED for SpO2 <90%, confusion or worsening breathing.', 'confusion').hypothetical).toBe(true);
      expect(ctx('Go to the ED for confusion or worsening breathing.', 'confusion').hypothetical).toBe(true);
      expect(ctx('Chest pain, sent to ED for chest pain evaluation.', 'chest pain').hypothetical).toBe(false);
    });

    it('"without" qualifies one item: ", and" after it starts the next condition, a list keeps it going', () => {
      expect(ctx('Gastroesophageal reflux disease without alarm features, and irritable bowel syndrome with diarrhea.', 'irritable bowel syndrome').negated).toBe(false);
      expect(ctx('Gastroesophageal reflux disease without alarm features, and irritable bowel syndrome.', 'alarm features').negated).toBe(true);
      expect(ctx('Presents without fever, chills, and cough.', 'cough').negated).toBe(true);
      expect(ctx('Seen without fever and cough.', 'cough').negated).toBe(true);
    });

    it('"without" stops at an item that opens with a trigger of another kind ("…, status post stents, and old MI")', () => {
      const text = 'Coronary artery disease of the native vessels without angina, status post coronary stents, and old myocardial infarction.';
      expect(ctx(text, 'coronary stents').negated).toBe(false);
      expect(ctx(text, 'old myocardial infarction').negated).toBe(false);
      expect(ctx(text, 'angina').negated).toBe(true);
      expect(ctx('Presents without fever, chills, or night sweats.', 'night sweats').negated).toBe(true);
    });

    it('a relative clause of a phrase set off by a comma speaks of that phrase\'s noun, not the condition before it', () => {
      const text = 'Mild persistent asthma with acute exacerbation, moderate, after a recent cold that has since resolved.';
      expect(ctx(text, 'asthma').negated).toBe(false);
      expect(ctx('She had a right ovarian cyst on ultrasound in 2023 that resolved on repeat imaging.', 'ovarian cyst').negated).toBe(true);
    });

    it('symptoms listed as warning, alarm or red-flag symptoms are taught, not found', () => {
      expect(ctx('Reviewed warning symptoms (exertional chest pain, breathlessness, fainting) and need to call promptly.', 'fainting').hypothetical).toBe(true);
      expect(ctx('Red flag symptoms reviewed: saddle anesthesia, new weakness.', 'new weakness').hypothetical).toBe(true);
    });

    it('a habit the patient quit is history; one he is advised or trying to quit is not', () => {
      expect(ctx('He quit smoking cigarettes at the time of the MI and has not smoked since.', 'smoking cigarettes').historical).toBe(true);
      expect(ctx('Patient stopped smoking cigarettes after the MI.', 'smoking cigarettes').historical).toBe(true);
      expect(ctx('Advised to quit smoking cigarettes.', 'smoking cigarettes').historical).toBe(false);
      expect(ctx('She is trying to quit smoking.', 'smoking').historical).toBe(false);
    });

    it('uncertain ("rule out", "probable", "versus") is not negated; "ruled out" is ruled out and negated', () => {
      for (const [text, target] of [
        ['Rule out pneumonia.', 'pneumonia'],
        ['R/O sepsis.', 'sepsis'],
        ['Probable viral syndrome.', 'viral syndrome'],
        ['Suspected UTI.', 'UTI'],
        ['Bronchitis versus pneumonia.', 'pneumonia'],
        ['Pulmonary embolism cannot be ruled out.', 'Pulmonary embolism'],
        ['Findings consistent with pneumonia.', 'pneumonia'],
      ] as const) {
        const r = ctx(text, target);
        expect([text, r.uncertain, r.negated, r.ruledOut]).toEqual([text, true, false, false]);
      }
      for (const [text, target] of [
        ['Pneumonia was ruled out.', 'Pneumonia'],
        ['MI ruled out by serial enzymes.', 'MI'],
        ['Enzymes ruled out MI.', 'MI'],
      ] as const) {
        const r = ctx(text, target);
        expect([text, r.ruledOut, r.negated, r.uncertain]).toEqual([text, true, true, false]);
      }
    });

    it('historical, hypothetical, family and other experiencer', () => {
      expect(ctx('History of stroke in 2010.', 'stroke')).toMatchObject({ historical: true, temporality: 'historical' });
      expect(ctx('s/p appendectomy', 'appendectomy').historical).toBe(true);
      expect(ctx('Return if fever or chills develop.', 'chills')).toMatchObject({ hypothetical: true, temporality: 'hypothetical' });
      expect(ctx('Screening for colon cancer.', 'colon cancer').hypothetical).toBe(true);
      expect(ctx('Mother had breast cancer.', 'breast cancer')).toMatchObject({ family: true, experiencer: 'family' });
      expect(ctx('Breast cancer in her mother.', 'Breast cancer').family).toBe(true);
      expect(ctx('Her husband has influenza.', 'influenza')).toMatchObject({ otherExperiencer: true, experiencer: 'other' });
      expect(ctx('Family history of diabetes; patient has hypertension.', 'hypertension').family).toBe(false);
    });

    it('section rules: family history → family, past medical/surgical history → historical', () => {
      expect(ctx('Diabetes.', 'Diabetes', { section: 'family_history' })).toMatchObject({ family: true, experiencer: 'family' });
      const r = ctx('Hypertension.', 'Hypertension', { section: 'past_medical_history' });
      expect(r.historical).toBe(true);
      expect(r.modifiers[0]).toMatchObject({ direction: 'SECTION', literal: 'past_medical_history' });
      expect(ctx('Hypertension.', 'Hypertension', { section: 'past_medical_history', sectionRules: false }).historical).toBe(false);
      expect(ctx('Hypertension.', 'Hypertension', { section: 'assessment' }).historical).toBe(false);
    });

    it('a relative who came along is no experiencer ("well visit, seen with mother"); a relative\'s condition still is', () => {
      expect(ctx('16-year well visit, seen with mother; confidential portion alone.', 'well visit').family).toBe(false);
      expect(ctx('Here with her father for ear pain since Monday.', 'ear pain').family).toBe(false);
      expect(ctx('Mother has rheumatoid arthritis.', 'rheumatoid arthritis').family).toBe(true);
      expect(ctx('Well visit; mother with asthma.', 'asthma').family).toBe(true);
    });

    it('label colons end a scope, list colons do not', () => {
      expect(ctx('Measurements not obtainable. REFERRING DIAGNOSIS: syncope', 'syncope').negated).toBe(false);
      expect(ctx('Call if any of the following are noted: nosebleeds, bruising', 'bruising').hypothetical).toBe(true);
      expect(ctx('Negative for: fever, chills', 'chills').negated).toBe(true);
    });

    it('parenthetical asides neither reach out nor cut the scope around them', () => {
      expect(ctx('(slides not submitted) indicates hairy cell leukemia', 'hairy cell leukemia').negated).toBe(false);
      expect(ctx('ROS -ve for bleeding (occult nor overt), change in weight, anemia', 'anemia').negated).toBe(true);
    });
  });

  describe('applyContext', () => {
    it('returns one result list per sentence, in target order', () => {
      const results = applyContext([
        { text: 'No cough. Fever.', targets: [{ start: 10, end: 15 }, { start: 3, end: 8 }] },
        { text: '', targets: [] },
      ]);
      expect(results.map((r) => r.map((x) => x.negated))).toEqual([[false, true], []]);
    });
  });

  describe('contextForChart', () => {
    it('puts document targets in their sentence and section', () => {
      const doc = chartFromText('FAMILY HISTORY: Mother with diabetes.\nPAST MEDICAL HISTORY: Asthma.\nASSESSMENT: No pneumonia. Bronchitis.');
      const at = (s: string) => ({ start: doc.text.indexOf(s), end: doc.text.indexOf(s) + s.length, text: s });
      const [dm, asthma, pna, bronchitis] = contextForChart(doc, [at('diabetes'), at('Asthma'), at('pneumonia'), at('Bronchitis')]);
      expect(dm).toMatchObject({ family: true });
      expect(asthma).toMatchObject({ historical: true, negated: false });
      expect(pna).toMatchObject({ negated: true });
      expect(bronchitis).toMatchObject({ negated: false, historical: false, family: false });
      expect(pna!.modifiers[0]!.start).toBe(doc.text.indexOf('No pneumonia'));
    });
  });

  describe('robustness', () => {
    it('never throws on arbitrary sentences and targets', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.tuple(fc.integer({ min: -5, max: 320 }), fc.integer({ min: -5, max: 320 })), { maxLength: 5 }), (text, spans) => {
          const targets = spans.map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
          const results = contextOf({ text, targets });
          expect(results).toHaveLength(targets.length);
        }),
        { numRuns: 300 },
      );
    });

    it('handles a long sentence quickly', () => {
      const text = 'no fever, chills, '.repeat(5000) + 'cough';
      const t0 = performance.now();
      ctx(text, 'cough');
      expect(performance.now() - t0).toBeLessThan(5000);
    });
  });

  describe('clause-bound qualifiers (held-out 29)', () => {
    it('keeps "not" and "without" inside their semicolon clause unless a colon opened a list', () => {
      expect(ctx('improving but not in remission; generalized anxiety disorder', 'generalized anxiety disorder').negated).toBe(false);
      expect(ctx('osteoporosis without current fracture; wrist fracture in 2020', 'wrist fracture').negated).toBe(false);
      expect(ctx('not addressed today: cataract 2019; osteoarthritis of the hands', 'osteoarthritis').negated).toBe(true);
      expect(ctx('Denies fever; chills', 'chills').negated).toBe(true);
    });
    it('ends a "without" at a course word or at "together with"', () => {
      expect(ctx('Age-related osteoporosis without fracture, progressing.', 'progressing').negated).toBe(false);
      expect(ctx('otitis media without rupture, together with bilateral conjunctivitis', 'conjunctivitis').negated).toBe(false);
      expect(ctx('otitis media without rupture or effusion', 'effusion').negated).toBe(true);
    });
    it('ends a qualifier at a spaced dash and an "if" at a semicolon', () => {
      expect(ctx('Chronic pansinusitis without nasal polyps - not controlled on maximal therapy', 'not controlled').negated).toBe(false);
      expect(ctx('If no response in 4 weeks, plan vedolizumab; serologies drawn today by venipuncture', 'venipuncture').hypothetical).toBe(false);
      expect(ctx('Return if fever or worsening cough', 'cough').hypothetical).toBe(true);
    });
    it('ends a negation at ", and a <noun> … was" (a new clause) but not in a list of denials', () => {
      expect(ctx('He does not have diabetes, and a fingerstick glucose on our meter today was 96 mg/dL.', 'fingerstick glucose').negated).toBe(false);
      expect(ctx('Denies fever, chills, and a rash', 'rash').negated).toBe(true);
    });
    it('lets a forward trigger reach past a same-kind trigger that looks back', () => {
      expect(ctx('history of healed wrist fracture', 'wrist fracture').historical).toBe(true);
    });
  });

  const NEGEX = fileURLToPath(new URL('../../../shared/eval/negation/negex/', import.meta.url));
  describe.runIf(existsSync(NEGEX))('accuracy on the NegEx test set (shared/eval/negation/negex)', () => {
    it('scores negation F1 ≥ 0.90 overall and on the held-out half', () => {
      const full = evaluateNegation(NEGEX);
      expect(full.sentences).toBe(2376);
      expect(full.negation.f1).toBeGreaterThanOrEqual(0.9);
      expect(evaluateNegation(NEGEX, { reports: [61, 120] }).negation.f1).toBeGreaterThanOrEqual(0.9);
      expect(full.hypothetical.accuracy).toBeGreaterThan(0.95);
      expect(full.historical.accuracy).toBeGreaterThan(0.9);
      expect(full.experiencer.accuracy).toBeGreaterThan(0.99);
    });
  });
});
