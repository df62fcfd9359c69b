import { describe, expect, it } from 'vitest';
import { miniCatalog } from '../../../test/fixtures/procedures/mini-catalog';
import { chartFromText } from '../../chart';
import { namedProcedures } from './named-procedures';
import { suggestProcedures } from './procedures';

const catalog = miniCatalog();
const header = 'SYNTHETIC NOTE\nDate of Service: 2026-07-07\nEstablished patient\n';
const named = (note: string) => namedProcedures(chartFromText(header + note), catalog).lines.map((l) => [l.code]);
const all = (note: string) => suggestProcedures(chartFromText(header + note), catalog).procedures.map((p) => p.code);

const EGD_REPORT =
  'Harbor Point Endoscopy Center - Procedure Report\n' +
  'Procedure: Esophagogastroduodenoscopy with cold forceps biopsies\n' +
  'Anesthesia: Monitored anesthesia care with propofol 200 mg IV, administered by anesthesia (CRNA).\n' +
  'Findings:\n- Stomach: patchy antral erythema. Biopsies from antrum and body for H. pylori.\n' +
  'Impression:\n1. Mild antral gastritis, biopsied.\n2. GERD - increase omeprazole to 40 mg BID, Rx sent.\n';

describe('procedure reports', () => {
  it('bills an endoscopy from its own report, choosing the code by what the report says was done', () => {
    expect(named(EGD_REPORT)).toEqual([['43239']]);
    const colonoscopy = (findings: string) => `COLONOSCOPY REPORT\nPROCEDURE: The adult colonoscope was advanced to the cecum.\nFINDINGS:\n${findings}\nIMPRESSION: as above.\n`;
    expect(named(colonoscopy('- One 8 mm transverse polyp, removed completely with a cold snare.'))).toEqual([['45385']]);
    expect(named(colonoscopy('- No polyps. No biopsies taken. No polypectomy.'))).toEqual([['45378']]);
  });

  it('does not bill an endoscopy that another note tells of, reviews or plans', () => {
    expect(named('HPI: An EGD in 2019 showed mild reflux changes. I reviewed the 2019 EGD report today.\nPLAN: EGD with biopsies.\n')).toEqual([]);
    expect(named('Preventive care:\n- Screening schedule given: colonoscopy not due until 2029.\n- Colonoscopy: last 2021, normal. Done.\n')).toEqual([]);
    expect(named('EGD Results:\nBarrett esophagus without dysplasia; biopsies benign.\n')).toEqual([]);
  });

  it('sets the E/M aside for a procedure report, and leaves sedation to the anesthesia provider', () => {
    expect(all(EGD_REPORT)).toEqual(['43239']);
  });

  it('reads office eye, anorectal, urology and port procedures', () => {
    const eye = suggestProcedures(chartFromText(`${header}Procedure: Intravitreal injection, right eye. Aflibercept 2 mg injected.\n`), catalog).procedures;
    expect(eye.find((p) => p.code === '67028')?.modifiers).toEqual(['RT']);
    // The drug goes in through the procedure: no separate injection code.
    expect(eye.map((p) => p.code)).not.toContain('96372');
    expect(named('OCT macula OU (interpreted): normal foveal contour, no fluid.\n')).toEqual([['92134']]);
    expect(named('OCT retinal nerve fiber layer, both eyes, interpreted: OS superior thinning.\n')).toEqual([['92133']]);
    expect(named('Manifest refraction gave -2.25 +0.75 x 090 to 20/50.\n')).toEqual([['92015']]);
    expect(named('Procedure: Anoscope inserted. Rubber band ligation of two internal hemorrhoid columns.\n')).toEqual([['46221']]);
    expect(named('Procedure: Flexible cystourethroscopy. Bladder mucosa normal.\n')).toEqual([['52000']]);
    expect(named('Procedure:\n- Accessed with 20 g non-coring needle.\n- Brisk blood return; flushed with 10 mL NS.\n')).toEqual([['96523']]);
  });

  it('bills a port flush only when nothing was infused through the port that day', () => {
    expect(all('Nurse visit - port maintenance.\nProcedure:\n- Port accessed with a non-coring needle, flushed with 10 mL NS.\n- Locked with 5 mL heparin 100 units/mL.\nNo physician E/M today.\n')).toEqual(['96523']);
    const infusion = all('Procedure:\n- Port accessed with a non-coring needle.\n- Ceftriaxone 1 g in NS 100 mL IV infused over 30 minutes.\nNo physician E/M today.\n');
    expect(infusion).toEqual(expect.arrayContaining(['96365']));
    expect(infusion).not.toContain('96523');
  });

  it('bills a kidney ultrasound or an ABI only when done in the office', () => {
    expect(named('Point-of-care limited renal US of the right kidney, performed and interpreted by me today: two 5 mm stones.\n')).toEqual([['76775']]);
    expect(named('The nephrology note reviewed today describes a renal ultrasound with normal-sized kidneys.\n')).toEqual([]);
    expect(named('Ankle-brachial indices were performed in the office today with Doppler: right 0.52, left 1.01.\n')).toEqual([['93922']]);
    expect(named('PAD not present - ABI 1.02 L in March.\nNext line: 1.02.\n')).toEqual([]);
  });
});
