import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { areaIn, countIn, minutesIn, namedProcedures } from './named-procedures';
import type { NamedProcedureOptions } from './named-procedures';
import { phraseSet, sentenceViews } from './text';

const catalog = miniCatalog();
const run = (note: string, options: NamedProcedureOptions = {}) => namedProcedures(chartFromText(`Date of Service: 03/10/2026\n${note}`), catalog, options);
const codes = (note: string, options?: NamedProcedureOptions) => run(note, options).lines.map((l) => [l.code, l.units]);
const reasons = (note: string) => run(note).excluded.map((e) => [e.code, e.reason]);

describe('named-procedures', () => {
  describe('namedProcedures', () => {
    it('bills 96127 per scored instrument, not for the two-question PHQ-2 pre-screen', () => {
      expect(codes('Depression: PHQ-2 score 0.')).toEqual([]);
      expect(codes('PHQ-9 scored 14 and GAD-7 scored 13 today.')).toEqual([['96127', 2]]);
      expect(codes('PHQ-A completed and scored: 2 (negative).')).toEqual([['96127', 1]]);
      // One unit per instrument over the whole note, whatever the lines; the same instrument twice is one unit.
      expect(codes('Instruments administered and scored today:\n- PHQ-9: 14 (moderate)\n- GAD-7: 13 (moderate)')).toEqual([['96127', 2]]);
      expect(codes('PHQ-9 administered today: 14.\nPHQ-9 score 14 reviewed with the patient today.')).toEqual([['96127', 1]]);
    });

    it('codes point-of-care tests done today', () => {
      expect(codes('ECG performed today: normal sinus rhythm.')).toEqual([['93000', 1]]);
      expect(codes('EKG:\nNSR, rate 72, no ST changes.')).toEqual([['93000', 1]]);
      expect(codes('Rapid strep negative.')).toEqual([['87880', 1]]);
      expect(codes('In office: rapid HIV-1/2 antigen/antibody test (point of care, 20-minute read) nonreactive.')).toEqual([['87806', 1]]);
      expect(codes('UA dipstick: trace leukocytes, nitrite negative.')).toEqual([['81002', 1]]);
      expect(codes('Urine dipstick on the Clinitek analyzer: negative.')).toEqual([['81003', 1]]);
      expect(codes('Urinalysis, dipstick (visual read, no microscopy): nitrite positive.')).toEqual([['81002', 1]]);
      expect(codes('Automated UA w/o micro in office: negative.')).toEqual([['81003', 1]]);
      expect(codes('Office tests (non-automated dipstick, no microscopy): leukocyte esterase 2+, nitrite positive.')).toEqual([['81002', 1]]);
      // A drug screen read off a cup or dipstick is the presumptive drug test, not a urinalysis; one sent out is the lab's.
      expect(codes('Urine drug screen, dipstick cup read in office: positive buprenorphine; negative fentanyl, opiates.')).toEqual([['80305', 1]]);
      expect(codes('UDS (point of care cup) negative for all classes.')).toEqual([['80305', 1]]);
      expect(codes('Urine drug screen run on the office chemistry analyzer: negative.')).toEqual([['80307', 1]]);
      expect(codes('Urine drug screen sent to reference lab for confirmation.')).toEqual([]);
      expect(codes('UA dipstick and urine drug screen cup in office: UA negative, drug screen negative.')).toContainEqual(['80305', 1]);
      expect(codes('UA dipstick with microscopy in office: 5-10 WBC/hpf.')).toEqual([['81000', 1]]);
      expect(codes('Automated urinalysis with microscopy in office: 5-10 WBC/hpf.')).toEqual([['81001', 1]]);
      expect(codes('Rapid influenza A/B antigen: A negative, B negative.')).toEqual([['87804', 2]]);
      expect(codes('Rapid flu A and B negative.')).toEqual([['87804', 1]]);
      expect(codes('SARS-CoV-2 rapid antigen: negative.')).toEqual([['87811', 1]]);
      // One cartridge testing COVID and flu A/B together is one combined antigen test, not the two single tests.
      expect(codes('In-office test: combined SARS-CoV-2 / influenza A/B antigen (single cartridge): flu A positive, flu B negative, COVID negative.')).toEqual([['87428', 1]]);
      // Two tests reported together in a summary stay two tests.
      expect(codes('Rapid influenza A/B antigen: A negative, B negative.\nCOVID antigen negative.\nInfluenza and COVID-19 antigen tests negative.')).toEqual([['87804', 2], ['87811', 1]]);
      expect(codes('Labs: BMP and A1c today; drawn here, sent to reference lab.')).toContainEqual(['36415', 1]);
      // A results table with one row per flu type is two results.
      expect(codes('Rapid influenza A antigen NEG\nRapid influenza B antigen NEG')).toEqual([['87804', 2]]);
      // An office bronchodilator treatment with the patient's inhaler and spacer is the treatment service.
      expect(codes('In-office treatment: albuterol 4 puffs via spacer from her own inhaler, administered and observed by me.')).toEqual([['94640', 1]]);
      expect(codes('One bronchodilator treatment administered by RN with before and after peak flows.')).toEqual([['94640', 1]]);
      expect(codes('Fingerstick glucose 142.')).toEqual([['82962', 1]]);
      expect(codes('POC A1c 7.2% today.')).toEqual([['83036', 1]]);
      expect(codes('Labs drawn in office today.')).toEqual([['36415', 1]]);
      expect(codes('Spirometry performed pre and post bronchodilator.')).toEqual([['94060', 1]]);
      expect(codes('Spirometry performed in office today (pre-bronchodilator only): FEV1 2.01 L.')).toEqual([['94010', 1]]);
      // An echocardiogram done and read in the office; one from elsewhere, past or ordered is not billed here.
      expect(codes('Echocardiogram (complete TTE with spectral and color Doppler, performed in our echo lab today, interpreted by me): LVEF 60%.')).toEqual([['93306', 1]]);
      expect(codes('Limited echo performed in office and interpreted by me: EF 55%.')).toEqual([['93308', 1]]);
      expect(codes('Echo from cardiology last month reviewed: EF 55%.')).toEqual([]);
      expect(codes('TTE ordered to assess murmur.')).toEqual([]);
      expect(codes('Albuterol nebulizer treatment given x2 in clinic.')).toEqual([['94640', 2]]);
      // The patient's own vials from home: an office treatment with the patient's drug, not a home nebulizer.
      expect(codes("In-office treatment: albuterol/ipratropium nebulizer x1 (patient's own home neb vials brought in).")).toEqual([['94640', 1]]);
      expect(codes('Home nebulizer machine ordered today.')).toEqual([]);
      expect(codes('PPD placed left forearm.')).toEqual([['86580', 1]]);
    });

    it('codes plain films of a limb site taken in the office, by the number of views', () => {
      expect(codes('Right ankle X-ray, 3 views, obtained and interpreted in clinic: no fracture.')).toEqual([['73610', 1]]);
      expect(codes('X-ray left knee, 2 views, taken in clinic today: no fracture.')).toEqual([['73560', 1]]);
      expect(codes('Left knee x-rays, 4 views, obtained in clinic: mild joint space narrowing.')).toEqual([['73564', 1]]);
      expect(codes('Wrist radiographs AP and lateral obtained today: no fracture.')).toEqual([['73100', 1]]);
      expect(run('Right wrist x-rays, 3 views, obtained in clinic: healing fracture.').lines[0]).toMatchObject({ code: '73110', lateral: true });
    });

    it('does not code films that are only planned, taken elsewhere or cross-sectional', () => {
      expect(codes('Follow up in 4 weeks with wrist x-rays.')).toEqual([]);
      expect(codes('Ankle x-ray at urgent care last week showed no fracture.')).toEqual([]);
      expect(codes('MRI of the knee ordered; x-ray not needed.')).toEqual([]);
    });

    it('does not code send-out, ordered, planned, negated or past tests', () => {
      expect(codes('Order lipid panel and CBC.')).toEqual([]);
      expect(codes('A1c 7.9, drawn at the outside lab.')).toEqual([]);
      expect(reasons('A1c today 7.9.')).toEqual([['83036', 'not-billable']]);
      expect(reasons('Will return for ECG next week.')).toEqual([['93000', 'hypothetical']]);
      expect(reasons('Patient declined ECG.')).toEqual([['93000', 'negated']]);
      expect(reasons('Prior EKG 03/12/2024 normal.')).toEqual([['93000', 'historical']]);
      expect(codes('Home fingerstick glucose log reviewed.')).toEqual([]);
      expect(codes('VITAL SIGNS:\nSpO2 98% on room air, pulse ox normal.')).toEqual([]);
    });

    it('bundles pulse oximetry for Medicare', () => {
      expect(codes('Ambulatory pulse oximetry performed: nadir 89%.')).toEqual([['94761', 1]]);
      expect(codes('Ambulatory pulse oximetry performed: nadir 89%.', { payer: 'medicare' })).toEqual([]);
    });

    it('codes joint injections by joint size, with ultrasound variants and one line per joint', () => {
      expect(codes('Right knee injected with 40 mg Kenalog after sterile prep.')).toEqual([['20610', 1]]);
      expect(codes('Left wrist joint aspiration performed.')).toEqual([['20605', 1]]);
      expect(codes('Right first MCP joint injected with Kenalog 10 mg.')).toEqual([['20600', 1]]);
      expect(codes('Left shoulder subacromial injection under ultrasound guidance performed.')).toEqual([['20611', 1]]);
      expect(codes('Right knee arthrocentesis/injection, major joint, without ultrasound guidance, performed.')).toEqual([['20610', 1]]);
      expect(codes('Right knee and right shoulder injected with Depo-Medrol.')).toEqual([['20610', 1], ['20610', 1]]);
      // A site that names a splint, brace, film or exercise is not a second injection.
      expect(codes('R first dorsal compartment injection today, thumb spica splint from home for comfort.')).toEqual([['20550', 1]]);
      expect(codes('Left knee injected with triamcinolone 40 mg today; knee brace and quad exercises reviewed.')).toEqual([['20610', 1]]);
      expect(codes('She chose a steroid injection today.\nEccentric wrist extensor program and PT referral.')).toEqual([]);
      expect(codes('Procedure: injection, left common extensor tendon origin, performed after consent.')).toEqual([['20551', 1]]);
      expect(codes('Carpal tunnel injection performed on the right.')).toEqual([['20526', 1]]);
      // The joint and the doing in the next sentence of the same item.
      expect(codes('Assessment:\n1. Primary osteoarthritis, left knee. Repeat injection today. Consent obtained, sterile prep: 40 mg triamcinolone into the left knee.')).toEqual([['20610', 1]]);
      expect(codes('Assessment:\n1. Primary osteoarthritis, left knee. Repeat injection in 3 months if pain returns.')).toEqual([]);
      expect(codes('Trigger point injections performed in 3 muscles.')).toEqual([['20553', 1]]);
      expect(codes('Ceftriaxone 1 g IM injection given in the right gluteus.')).toEqual([]);
    });

    it('counts lesions for destruction, tags and biopsies', () => {
      expect(codes('Cryotherapy applied to 3 warts on the right hand, 2 freeze-thaw cycles.')).toEqual([['17110', 1]]);
      expect(codes('Cryotherapy applied to 4 actinic keratoses on the scalp.')).toEqual([['17000', 1], ['17003', 3]]);
      expect(codes('Cryotherapy performed on 16 actinic keratoses.')).toEqual([['17004', 1]]);
      expect(codes('Skin tags removed with scissors, total of 20.')).toEqual([['11200', 1], ['11201', 1]]);
      expect(codes('Punch biopsy of 2 lesions performed.')).toEqual([['11104', 1], ['11105', 1]]);
      expect(codes('Incision and drainage of abscess on left thigh performed.')).toEqual([['10060', 1]]);
      expect(codes('I&D of abscess on left thigh performed.')).toEqual([['10060', 1]]);
      // A dictated "b i d" holds the letters of "I&D": a dosing frequency, not a procedure.
      expect(codes('plan oseltamivir 75 mg b i d times 5 days sent to pharmacy, done.')).toEqual([]);
      // A title without a number and the sentence that counts: one service, counted where the number is.
      expect(codes('PROCEDURE NOTE: Debridement of mycotic toenails\nProcedure: toenails 1-5 of both feet (10 nails) were debrided with nippers.')).toEqual([['11721', 1]]);
      expect(codes('PROCEDURE NOTE: Debridement of mycotic toenails, tolerated well.')).toEqual([['11720', 1]]);
    });

    it("reads the lesions' kind from a procedure note's indication or assessment when the procedure sentence names only the method", () => {
      const procedure = 'Procedure:\nLiquid nitrogen applied to each of the 5 lesions, two freeze-thaw cycles.';
      expect(codes(`Indication: actinic keratoses of the scalp.\n${procedure}`)).toEqual([['17000', 1], ['17003', 4]]);
      expect(codes(`${procedure}\nAssessment: Common warts of the hands.`)).toEqual([['17110', 1]]);
      const line = run(`Indication: actinic keratoses of the scalp.\n${procedure}`).lines[0]!;
      expect(line.evidence.map((e) => e.text)).toContain('actinic keratoses');
      // Both kinds named: the method sentence alone cannot say which destruction it was.
      expect(codes(`Assessment: actinic keratoses; common warts.\n${procedure}`)).toEqual([]);
      // Outside a procedure section, or with the kind negated, nothing is read across sentences.
      expect(codes('Indication: actinic keratoses of the scalp.\nPlan: liquid nitrogen applied to each of the 5 lesions.')).toEqual([]);
      expect(codes(`Indication: no actinic keratoses seen.\n${procedure}`)).toEqual([]);
      // A test's required words name its method: films in the indication do not make the knee an x-ray.
      expect(codes('Indication: osteoarthritis of the right knee, grade 3 on films from 01/2026.\nProcedure:\nTime-out: correct patient, right knee marked.')).toEqual([]);
    });

    it('codes laceration repair by type, site and length', () => {
      expect(codes('Simple repair of 3.5 cm laceration on the left forearm, closed with 5 sutures.')).toEqual([['12002', 1]]);
      expect(codes('2 cm laceration to the forehead repaired with layered closure.')).toEqual([['12051', 1]]);
      expect(codes('PROCEDURE:\nLaceration repair.\nA 1.5 cm laceration of the right index finger was sutured.')).toEqual([['12001', 1]]);
      expect(reasons('Laceration repaired with sutures.').map((r) => r[1])).toEqual(['uncertain']);
      // The repair sentence names no site: the wound described in the exam is the one closed.
      expect(codes('PE: 2.3 cm linear lac volar L forearm, subQ depth.\nProcedure: simple repair. Closed w/ 4 simple interrupted 4-0 nylon.')).toEqual([['12001', 1]]);
      // Wounds of two site groups (face, extremity): which one was repaired is not said; one group adds up.
      expect(codes('PE: 2 cm lac of the scalp; 1 cm lac of the left hand.\nProcedure: simple repair. Closed w/ 4 sutures.')).toEqual([['12002', 1]]);
      expect(codes('PE: 2 cm lac of the cheek; 1 cm lac of the left hand.\nProcedure: simple repair. Closed w/ 4 sutures.')).toEqual([]);
    });

    it('needs the method for cerumen removal and minutes for timed counseling', () => {
      expect(codes('Cerumen removed from right ear with curette.')).toEqual([['69210', 1]]);
      expect(codes('Right ear irrigated, cerumen removed.')).toEqual([['69209', 1]]);
      expect(codes('Counseled on smoking cessation for 5 minutes.')).toEqual([['99406', 1]]);
      expect(codes('Counseled on smoking cessation for 15 minutes.')).toEqual([['99407', 1]]);
      expect(codes('Nicotine dependence, cigarettes - counseled for 6 minutes on quitting: triggers, quit date.')).toEqual([['99406', 1]]);
      expect(reasons('Counseled on smoking cessation.')).toEqual([['99406', 'uncertain']]);
      expect(codes('Advance care planning discussed for 50 minutes.')).toEqual([['99497', 1], ['99498', 1]]);
    });

    it('counts screening instruments', () => {
      expect(codes('PHQ-9 score 12, GAD-7 score 8.')).toEqual([['96127', 2]]);
    });

    it('falls back to a catalogue keyword only with a strict done cue', () => {
      const r = run('Vasectomy performed without complication.');
      expect(r.lines.map((l) => l.code)).toEqual(['55250']);
      expect(r.lines[0]!.confidence).toBeLessThanOrEqual(0.5);
      expect(codes('Vasectomy performed.', { catalogueFallback: false })).toEqual([]);
      expect(codes('Occasional palpitations last month.')).toEqual([]);
      expect(codes('Referred for vasectomy consultation.')).toEqual([]);
    });

    it('takes a procedure section\'s own heading as the done cue for a catalogue keyword', () => {
      expect(codes('Procedure - vasectomy, bilateral:\nverbal consent. Local anesthesia. Tolerated well.')).toEqual([['55250', 1]]);
      expect(codes('PROCEDURE:\nvasectomy, bilateral. Local anesthesia.')).toEqual([['55250', 1]]);
      expect(codes('Plan:\nvasectomy, bilateral, next month.')).toEqual([]);
    });

    it('picks the imaging-guided twin of a shared catalogue keyword only when the sentence names the guidance', () => {
      expect(codes('Procedure: diagnostic and therapeutic paracentesis with ultrasound guidance. 4 L removed.')).toEqual([['49083', 1]]);
      expect(codes('Procedure: paracentesis, left lower quadrant, landmark technique. 2 L removed.')).toEqual([['49082', 1]]);
      expect(codes('PROCEDURE:\nthoracentesis under ultrasound guidance, right side.')).toEqual([['32555', 1]]);
      expect(codes('Plan: paracentesis next week if ascites reaccumulates.')).toEqual([]);
    });

    it('codes a skin cancer excision by its site and excised diameter, never as a benign excision', () => {
      expect(codes('PROCEDURE: Excision of basal cell carcinoma, right upper back. Excised diameter 1.4 cm including margins.')).toEqual([['11602', 1]]);
      expect(codes('Procedure: wide local excision of melanoma in situ, left forearm; total excised diameter 0.9 cm.')).toEqual([['11601', 1]]);
      expect(codes('Procedure: excision of squamous cell carcinoma, left cheek; total excised diameter 0.5 cm.')).toEqual([['11640', 1]]);
      expect(codes('Plan: excision of the basal cell carcinoma next month.')).toEqual([]);
      // Beyond the sizes the built-in catalogue lists, the code is left to the coder rather than guessed.
      expect(codes('Procedure: excision of melanoma, left forearm; total excised diameter 3.5 cm.')).toEqual([]);
    });

    it('gives evidence with document offsets and a rule', () => {
      const doc = chartFromText('Date of Service: 03/10/2026\nECG performed today: NSR.');
      const line = namedProcedures(doc, catalog).lines[0]!;
      for (const e of line.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
      expect(line.rule).toMatch(/ecg: “ECG”/);
    });
  });

  describe('countIn / minutesIn', () => {
    it('adds numbers before the nouns', () => {
      const view = sentenceViews(chartFromText('Froze 3 warts on the hand and two warts on the foot.'))[0]!;
      expect(countIn(view, phraseSet(['warts']))).toBe(5);
    });

    it('reads an excision write-up split by sub-headings as one: the sizes under "Anesthesia:" and the closure length', () => {
      const note = 'Procedure: Excision, benign lesion, trunk, with intermediate repair\nConsent signed; time-out done.\nAnesthesia:\n6 mL 1% lidocaine with epinephrine.\nLesion diameter 1.4 cm; 2 mm margin each side; excised diameter 1.8 cm.\nFusiform excision to subcutaneous fat; cyst removed intact.\nRepair: layered closure, 3.0 cm.\nExcised diameter (lesion + margins)\t1.8 cm';
      expect(codes(note)).toEqual([['11402', 1], ['12032', 1]]);
      // Another procedure's heading ends the write-up: its sizes are not this one's.
      expect(codes('Procedure 1: Excision, benign lesion, trunk.\nConsent signed.\nProcedure 2: Excision, nevus, back.\nExcised diameter 0.8 cm.')).toEqual([['11401', 1]]);
    });

    it('reads "intermediate (layered) repair" and its own length, not the excised diameter beside it', () => {
      expect(codes('Procedure: Excision of benign lesion, left upper back, excised diameter 2.4 cm, with intermediate (layered) repair 5.5 cm.\nCyst removed intact.')).toEqual([['11403', 1], ['12032', 1]]);
      expect(codes('Exam: L palm 3.4 cm laceration into subcutaneous fat.\nProcedure: Intermediate (layered) repair, left hand, 3.4 cm\nDeep layer 4-0 Vicryl; skin 5-0 nylon.')).toEqual([['12042', 1]]);
    });

    it('codes a benign lesion excision by body area and excised diameter (lesion plus margins)', () => {
      expect(codes('PROCEDURE 1: Excision, epidermoid cyst, left upper back\nCyst 1.6 cm. Fusiform excision with narrow margins; total excised diameter 2.3 cm. Closed in a single layer.')).toEqual([['11403', 1]]);
      expect(codes('Procedure: Excision of a nevus of the right cheek; lesion 0.4 cm with 2 mm margins, excised diameter 0.8 cm.')).toEqual([['11441', 1]]);
      // The lesion's own size is not the excised diameter; a cancer is not a benign excision.
      expect(reasons('Procedure: Excision of a 1.6 cm cyst of the back.')).toContainEqual(['11400', 'uncertain']);
      expect(codes('Procedure: Excision of a 1.6 cm cyst of the back.')).toEqual([]);
      // A carcinoma is never a benign excision: it takes the malignant code of the same size and site.
      expect(codes('Procedure: Excision of basal cell carcinoma of the back, excised diameter 1.5 cm.')).toEqual([['11602', 1]]);
    });

    it('codes a shave removal by the lesion\'s own diameter, and a procedure whose next sentence says it was done', () => {
      expect(codes('Procedure: shave removal of a 0.8 cm irritated seborrheic keratosis of the mid-back with a flexible blade.')).toEqual([['11301', 1]]);
      expect(codes('Procedure: shave removal of a 0.4 cm nevus of the left cheek.')).toEqual([['11310', 1]]);
      expect(codes('Removal of skin tags, neck: 8 pedunculated acrochordons on the lateral neck.\nRemoved with sterile curved scissors.')).toEqual([['11200', 1]]);
      // The next sentence says nothing was done: no line.
      expect(codes('Removal of skin tags, neck: 8 pedunculated acrochordons on the lateral neck.\nWill schedule.')).toEqual([]);
    });

    it('bills prick tests per test counted', () => {
      expect(codes('Percutaneous (prick) skin testing: Total tests: 40, including histamine and saline controls.')).toEqual([['95004', 40]]);
      expect(codes('Skin prick testing discussed; will schedule.')).toEqual([]);
    });

    it('reads a count written after a label ("Total lesions destroyed: 3", "AKs treated: 4")', () => {
      const count = (text: string) => countIn(sentenceViews(chartFromText(text))[0]!, phraseSet(['lesions', 'aks']));
      expect(count('Total lesions destroyed: 3.')).toBe(3);
      expect(count('AKs treated: 4.')).toBe(4);
      expect(count('Lesions look better.')).toBeUndefined();
    });

    it('reads minutes, "more than N" as N + 1', () => {
      expect(minutesIn('for 5 minutes')).toBe(5);
      expect(minutesIn('more than 10 minutes')).toBe(11);
      expect(minutesIn('briefly')).toBeUndefined();
    });
  });

  describe('screening tests, debridement, splints and nail procedures', () => {
    it('picks the screening code by the method written', () => {
      expect(codes('Vision screening with Spot photoscreener performed today: passed.')).toEqual([['99177', 1]]);
      expect(codes('Snellen vision screen today: 20/25 both eyes.')).toEqual([['99173', 1]]);
      expect(codes('Hearing screening performed today: passed bilaterally.')).toEqual([['92551', 1]]);
      expect(codes('Audiometry (threshold) performed in office today: mild high-frequency loss.')).toEqual([['92552', 1]]);
      expect(codes('ECG interpretation only: tracing from the hospital read by me, sinus rhythm.')).toEqual([['93010', 1]]);
      expect(codes('Health risk assessment questionnaire completed and scored today.')).toEqual([['96160', 1]]);
      expect(codes('CRAFFT completed today: score 0.')).toEqual([['96160', 1]]);
      // A HEADSS interview is a conversation framework, not a standardized scored instrument.
      expect(codes('HEADSS interview done privately: denies tobacco, vaping, alcohol or drugs.')).toEqual([]);
      expect(codes('Hgb 11.2 by HemoCue in office today.')).toEqual([['85018', 1]]);
      // A hemoglobin from the lab, or the A1c, is not the office hemoglobin test.
      expect(codes('Hemoglobin 11.2 on labs from last week.')).toEqual([]);
      expect(codes('POC hemoglobin A1c 7.1% today.')).toEqual([['83036', 1]]);
    });

    it('codes debridement by the deepest tissue and the area', () => {
      expect(codes('Procedure: excisional debridement of heel ulcer down to subcutaneous tissue, 3.0 x 2.0 cm. Tolerated well.')).toEqual([['11042', 1]]);
      expect(codes('Wound debrided to subcutaneous fat with scalpel, area 45 sq cm.')).toEqual([['11042', 1], ['11045', 2]]);
      expect(codes('Selective debridement of fibrinous slough with curette performed, wound 4 x 3 cm.')).toEqual([['97597', 1]]);
      // The depth is often in the sentence before the area.
      expect(codes('PROCEDURE:\nNon-viable tissue excised down to healthy subcutaneous tissue.\nDebrided area 2.2 sq cm.')).toEqual([['11042', 1]]);
      expect(codes('Mycotic nails debrided x 6.').map((c) => c[0])).not.toContain('97597');
      expect(reasons('Return in 1 week for repeat debridement.').map((r) => r[1])).toEqual(['hypothetical']);
      expect(areaIn(sentenceViews(chartFromText('Area 2 x 1.5 cm and 4 cm2.'))[0]!)).toBe(4);
    });

    it('codes splints by the body part and only when applied today', () => {
      expect(codes('Volar wrist splint applied for buckle fracture.')).toEqual([['29125', 1]]);
      expect(codes('Posterior short leg splint applied to the right ankle.')).toEqual([['29515', 1]]);
      expect(codes('Finger splint applied to the right ring finger.')).toEqual([['29130', 1]]);
      expect(codes('Continue wearing wrist splint at night.')).toEqual([]);
      expect(run('Sugar-tong splint applied to the left forearm.').lines[0]!.lateral).toBe(true);
    });

    it('tells nail avulsion from matrixectomy, and codes silver nitrate on granulation tissue only', () => {
      expect(codes('Left great toenail partial avulsion performed after digital block.')).toEqual([['11730', 1]]);
      expect(codes('Partial nail avulsion of the right great toenail with phenol matrixectomy performed.')).toEqual([['11750', 1]]);
      expect(codes('Silver nitrate cautery of umbilical granuloma performed.')).toEqual([['17250', 1]]);
      expect(codes('Hemostasis with silver nitrate after the shave biopsy.').map((c) => c[0])).not.toContain('17250');
    });
  });
});
