import { describe, expect, it } from 'vitest';
import { MUE_ADJUDICATION_MEANING, parseMceLists, parseMue, parsePlaceOfService, parseSexConflict } from './parse-cms-edits';

// Shaped like the CMS file: a quoted notice spanning lines, a header whose first cell holds a line break, then rows.
const MUE = `"Copyright notice line one.

line two, with a comma.",,,
"HCPCS/
CPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale
99213,2,3 Date of Service Edit: Clinical,Clinical: Data
J1100,120,3 Date of Service Edit: Clinical,Clinical: Data
G0439,1,2 Date of Service Edit: Policy,Nature of Service/Procedure
0001U,1,1 Line Edit,CMS Policy
`;

describe('parseMue', () => {
  it('skips the notice and header and reads each edit', () => {
    expect(parseMue(MUE)).toEqual([
      { code: '99213', units: 2, mai: 3, rationale: 'Clinical: Data' },
      { code: 'J1100', units: 120, mai: 3, rationale: 'Clinical: Data' },
      { code: 'G0439', units: 1, mai: 2, rationale: 'Nature of Service/Procedure' },
      { code: '0001U', units: 1, mai: 1, rationale: 'CMS Policy' },
    ]);
  });

  it('refuses an unknown adjudication indicator', () => {
    expect(() => parseMue('99213,2,7 Something,x\n')).toThrow(/adjudication indicator/);
  });

  it('refuses a file with no edits', () => {
    expect(() => parseMue('a,b,c\n')).toThrow(/no MUE rows/);
  });

  it('explains every indicator', () => {
    expect(Object.keys(MUE_ADJUDICATION_MEANING)).toEqual(['1', '2', '3']);
  });
});

describe('parsePlaceOfService', () => {
  it('reads assigned and unassigned codes', () => {
    const pos = parsePlaceOfService('code,status,name,description\n11,assigned,Office,"Location, other than a hospital"\n28,unassigned,Unassigned,N/A\n');
    expect(pos).toEqual([
      { code: '11', name: 'Office', description: 'Location, other than a hospital', assigned: true },
      { code: '28', name: 'Unassigned', description: 'N/A', assigned: false },
    ]);
  });
});

describe('parseMceLists', () => {
  it('reads ICD-10-CM rows with the dot and age limits, skipping PCS rows', () => {
    const text = [
      'edit_number,edit_name,sublist,sublist_name,list_label,code_system,code,description,age_min,age_max,acceptable_if_secondary_dx',
      '4,Age conflict,A,Perinatal/Newborn diagnoses,,ICD-10-CM,P0730,Preterm newborn,0,0,',
      '11,Non-covered procedure,A,x,,ICD-10-PCS,0UT90ZZ,Resection,,,',
      '6,Manifestation code as principal diagnosis,,,,ICD-10-CM,G632,Diabetic polyneuropathy,,,',
    ].join('\n');
    expect(parseMceLists(text)).toEqual([
      { edit: 4, sublist: 'A', label: 'Age conflict: Perinatal/Newborn diagnoses', code: 'P07.30', ageMin: 0, ageMax: 0 },
      { edit: 6, sublist: '', label: 'Manifestation code as principal diagnosis', code: 'G63.2' },
    ]);
  });
});

describe('parseSexConflict', () => {
  it('reads the sex of each listed diagnosis', () => {
    const text = 'mce_version,mce_subsection,sex,code_system,code,description\n37,5A,F,ICD-10-CM,N800,Endometriosis of uterus\n37,5D,M,ICD-10-PCS,0VT00ZZ,x\n';
    expect(parseSexConflict(text)).toEqual([{ code: 'N80.0', sex: 'F' }]);
  });
});
