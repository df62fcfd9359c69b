import { describe, expect, it } from 'vitest';
import { icdSliceCatalog } from '../../test/support/icd-slice';
import type { IcdSliceRow } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import type { CodeSetCatalog } from '../codesets/catalog';
import { gestationalAge } from './encounter-reasons';
import { BodySiteError, loadBodySites } from './site-specificity';
import { SuggestionEngine } from './suggest';

/** A slice of FY2026 ICD-10-CM with its published titles: gout, cellulitis, rheumatoid arthritis, gestational diabetes, weeks. */
function catalog(): CodeSetCatalog {
  const rows: IcdSliceRow[] = [
    ["D50",false,"Iron deficiency anemia",3],
    ["D50.8",true,"Other iron deficiency anemias",3],
    ["D50.9",true,"Iron deficiency anemia, unspecified",3],
    ["L03",false,"Cellulitis and acute lymphangitis",12],
    ["L03.0",false,"Cellulitis and acute lymphangitis of finger and toe",12],
    ["L03.03",false,"Cellulitis of toe",12],
    ["L03.031",true,"Cellulitis of right toe",12],
    ["L03.032",true,"Cellulitis of left toe",12],
    ["L03.1",false,"Cellulitis and acute lymphangitis of other parts of limb",12],
    ["L03.11",false,"Cellulitis of other parts of limb",12],
    ["L03.113",true,"Cellulitis of right upper limb",12],
    ["L03.114",true,"Cellulitis of left upper limb",12],
    ["L03.115",true,"Cellulitis of right lower limb",12],
    ["L03.116",true,"Cellulitis of left lower limb",12],
    ["L03.119",true,"Cellulitis of unspecified part of limb",12],
    ["L03.9",false,"Cellulitis and acute lymphangitis, unspecified",12],
    ["L03.90",true,"Cellulitis, unspecified",12],
    ["M05",false,"Rheumatoid arthritis with rheumatoid factor",13],
    ["M05.7",false,"Rheumatoid arthritis with rheumatoid factor without organ or systems involvement",13],
    ["M05.73",false,"Rheumatoid arthritis with rheumatoid factor of wrist without organ or systems involvement",13],
    ["M05.731",true,"Rheumatoid arthritis with rheumatoid factor of right wrist without organ or systems involvement",13],
    ["M05.732",true,"Rheumatoid arthritis with rheumatoid factor of left wrist without organ or systems involvement",13],
    ["M05.74",false,"Rheumatoid arthritis with rheumatoid factor of hand without organ or systems involvement",13],
    ["M05.741",true,"Rheumatoid arthritis with rheumatoid factor of right hand without organ or systems involvement",13],
    ["M05.79",true,"Rheumatoid arthritis with rheumatoid factor of multiple sites without organ or systems involvement",13],
    ["M05.9",true,"Rheumatoid arthritis with rheumatoid factor, unspecified",13],
    ["M06",false,"Other rheumatoid arthritis",13],
    ["M06.0",false,"Rheumatoid arthritis without rheumatoid factor",13],
    ["M06.03",false,"Rheumatoid arthritis without rheumatoid factor, wrist",13],
    ["M06.031",true,"Rheumatoid arthritis without rheumatoid factor, right wrist",13],
    ["M06.09",true,"Rheumatoid arthritis without rheumatoid factor, multiple sites",13],
    ["M06.9",true,"Rheumatoid arthritis, unspecified",13],
    ["M10",false,"Gout",13],
    ["M10.0",false,"Idiopathic gout",13],
    ["M10.06",false,"Idiopathic gout, knee",13],
    ["M10.061",true,"Idiopathic gout, right knee",13],
    ["M10.062",true,"Idiopathic gout, left knee",13],
    ["M10.07",false,"Idiopathic gout, ankle and foot",13],
    ["M10.071",true,"Idiopathic gout, right ankle and foot",13],
    ["M10.072",true,"Idiopathic gout, left ankle and foot",13],
    ["M10.3",false,"Gout due to renal impairment",13],
    ["M10.37",false,"Gout due to renal impairment, ankle and foot",13],
    ["M10.371",true,"Gout due to renal impairment, right ankle and foot",13],
    ["M10.9",true,"Gout, unspecified",13],
    ["O14",false,"Pre-eclampsia",15],
    ["O14.9",false,"Unspecified pre-eclampsia",15],
    ["O14.90",true,"Unspecified pre-eclampsia, unspecified trimester",15],
    ["O24",false,"Diabetes mellitus in pregnancy, childbirth, and the puerperium",15],
    ["O24.4",false,"Gestational diabetes mellitus",15],
    ["O24.41",false,"Gestational diabetes mellitus in pregnancy",15],
    ["O24.410",true,"Gestational diabetes mellitus in pregnancy, diet controlled",15],
    ["O24.414",true,"Gestational diabetes mellitus in pregnancy, insulin controlled",15],
    ["O24.415",true,"Gestational diabetes mellitus in pregnancy, controlled by oral hypoglycemic drugs",15],
    ["O24.419",true,"Gestational diabetes mellitus in pregnancy, unspecified control",15],
    ["O60",false,"Preterm labor",15],
    ["O60.0",false,"Preterm labor without delivery",15],
    ["O60.00",true,"Preterm labor without delivery, unspecified trimester",15],
    ["Z3A",false,"Weeks of gestation",21],
    ["Z3A.0",false,"Weeks of gestation of pregnancy, unspecified or less than 10 weeks",21],
    ["Z3A.00",true,"Weeks of gestation of pregnancy not specified",21],
    ["Z3A.2",false,"Weeks of gestation of pregnancy, weeks 20-29",21],
    ["Z3A.28",true,"28 weeks gestation of pregnancy",21],
  ];
  return icdSliceCatalog(rows);
}

const engine = new SuggestionEngine(catalog());
const codes = (body: string) => engine.suggest(chartFromText(`Sex: F\nDate of service: 03/02/2026\n${body}\n`)).diagnoses.map((d) => d.code);

describe('site and side from the code-set titles', () => {
  it('moves an unspecified code to the descendant whose title carries the site and side the chart names', () => {
    expect(codes('ASSESSMENT:\n1. Acute gout flare of the right great toe.')).toEqual(['M10.071']);
    expect(codes('ASSESSMENT:\n1. Gout, left knee, improving.')).toEqual(['M10.062']);
    expect(codes('ASSESSMENT:\n1. Cellulitis of the right shin.')).toEqual(['L03.115']);
  });

  it('codes each mention on its own: two sites in two items are two codes', () => {
    expect(codes('ASSESSMENT:\n1. Gout of the right great toe.\n2. Gout, left knee.').sort()).toEqual(['M10.062', 'M10.071']);
  });

  it('keeps the unspecified code when no site is named, and never takes a type the chart does not state', () => {
    expect(codes('ASSESSMENT:\n1. Gout, stable on allopurinol.')).toEqual(['M10.9']);
    // Gout due to renal impairment needs "renal" in the chart; the toe alone gives idiopathic gout.
    expect(codes('ASSESSMENT:\n1. Gout, right toe.')).not.toContain('M10.371');
  });

  it('a side the chart does not say is never chosen', () => {
    expect(codes('ASSESSMENT:\n1. Cellulitis of the leg.')).not.toEqual(expect.arrayContaining(['L03.115']));
    expect(codes('ASSESSMENT:\n1. Cellulitis of the leg.')).not.toEqual(expect.arrayContaining(['L03.116']));
  });

  it('several sites named at once give the category’s multiple-sites code, and seropositive RA is RA with rheumatoid factor', () => {
    expect(codes('ASSESSMENT:\n1. Seropositive rheumatoid arthritis of both hands, wrists and knees.')).toEqual(['M05.79']);
    // Without "seropositive" (or "rheumatoid factor") no code with rheumatoid factor is taken.
    expect(codes('ASSESSMENT:\n1. Rheumatoid arthritis involving hands, wrists and knees.').some((c) => c.startsWith('M05'))).toBe(false);
  });

  it('drops "rheumatoid arthritis, unspecified" beside a more specific RA code of another category', () => {
    const result = codes('ASSESSMENT:\n1. Rheumatoid arthritis.\n2. Seropositive RA of the right wrist.');
    expect(result).toContain('M05.731');
    expect(result).not.toContain('M06.9');
  });

  it('keeps the unspecified code beside an "Other …" code, and drops the "Other …" code when the chart never says "other"', () => {
    const result = codes('PROBLEMS:\nAnemias and bleeding disorders\tIron deficiency anemia\tActive');
    expect(result).toContain('D50.9');
    expect(result).not.toContain('D50.8');
    expect(engine.suggest(chartFromText('Date of service: 03/02/2026\nPROBLEMS:\nAnemias and bleeding disorders\tIron deficiency anemia\tActive\n')).excluded.find((e) => e.code === 'D50.8')?.explanation).toMatch(/never says “other”/);
  });

  it('rejects a malformed body-site file with a clear message', () => {
    expect(() => loadBodySites({ formatVersion: 1, sites: ['knee'] })).toThrow(BodySiteError);
    expect(() => loadBodySites({ formatVersion: 1, sites: ['knee'], qualifiers: [], implies: { toe: 'foot' } })).toThrow(/implies.toe/);
  });
});

describe('pregnancy: control type, weeks and what is only taught', () => {
  it('reads the gestational diabetes control type from the words near it', () => {
    expect(codes('ASSESSMENT:\n1. Gestational diabetes, diet-controlled.')).toContain('O24.410');
    expect(codes('ASSESSMENT:\n1. Gestational diabetes. Well controlled on insulin.')).toContain('O24.414');
    expect(codes('ASSESSMENT:\n1. Gestational diabetes on metformin.')).toContain('O24.415');
    expect(codes('ASSESSMENT:\n1. Gestational diabetes, new diagnosis.')).toContain('O24.419');
  });

  it('finds weeks of gestation in the ways charts write them, never taking the days for the weeks', () => {
    const weeks = (text: string) => gestationalAge(text)?.[1];
    expect(weeks('IUP at 28 weeks 2 days')).toBe('28');
    expect(weeks('G2P1 at 28w2d')).toBe('28');
    expect(weeks('Pregnancy, 28 0/7 weeks')).toBe('28');
    expect(weeks('28+3 wks gestation')).toBe('28');
    expect(weeks('GA 28, doing well')).toBe('28');
    expect(weeks('EGA: 31')).toBe('31');
    expect(weeks('no gestational age given')).toBeUndefined();
  });

  it('codes the weeks from "GA NN" and drops the "weeks not specified" code the words also match', () => {
    const result = codes('ASSESSMENT:\n1. Gestational diabetes, diet controlled, GA 28, weeks of gestation of pregnancy noted.');
    expect(result).toContain('Z3A.28');
    expect(result).not.toContain('Z3A.00');
  });

  it('a condition joined to a taught one ("preterm labor and preeclampsia warning signs") is taught, not diagnosed', () => {
    expect(codes('ASSESSMENT:\n1. Gestational diabetes, diet controlled.\nPLAN:\n- Preterm labor and preeclampsia warning signs reviewed.')).not.toContain('O60.00');
  });
});
