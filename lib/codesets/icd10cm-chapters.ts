/**
 * ICD-10-CM chapters and the category ranges they cover (the Tabular List's chapter headings).
 * Chapter 22 (U00–U85) holds codes for special purposes such as U07.1 COVID-19.
 */
export const ICD10CM_CHAPTERS: readonly { number: number; first: string; last: string; title: string }[] = [
  { number: 1, first: 'A00', last: 'B99', title: 'Certain infectious and parasitic diseases' },
  { number: 2, first: 'C00', last: 'D49', title: 'Neoplasms' },
  { number: 3, first: 'D50', last: 'D89', title: 'Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism' },
  { number: 4, first: 'E00', last: 'E89', title: 'Endocrine, nutritional and metabolic diseases' },
  { number: 5, first: 'F01', last: 'F99', title: 'Mental, behavioral and neurodevelopmental disorders' },
  { number: 6, first: 'G00', last: 'G99', title: 'Diseases of the nervous system' },
  { number: 7, first: 'H00', last: 'H59', title: 'Diseases of the eye and adnexa' },
  { number: 8, first: 'H60', last: 'H95', title: 'Diseases of the ear and mastoid process' },
  { number: 9, first: 'I00', last: 'I99', title: 'Diseases of the circulatory system' },
  { number: 10, first: 'J00', last: 'J99', title: 'Diseases of the respiratory system' },
  { number: 11, first: 'K00', last: 'K95', title: 'Diseases of the digestive system' },
  { number: 12, first: 'L00', last: 'L99', title: 'Diseases of the skin and subcutaneous tissue' },
  { number: 13, first: 'M00', last: 'M99', title: 'Diseases of the musculoskeletal system and connective tissue' },
  { number: 14, first: 'N00', last: 'N99', title: 'Diseases of the genitourinary system' },
  { number: 15, first: 'O00', last: 'O9A', title: 'Pregnancy, childbirth and the puerperium' },
  { number: 16, first: 'P00', last: 'P96', title: 'Certain conditions originating in the perinatal period' },
  { number: 17, first: 'Q00', last: 'QZZ', title: 'Congenital malformations, deformations and chromosomal abnormalities' },
  { number: 18, first: 'R00', last: 'R99', title: 'Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified' },
  { number: 19, first: 'S00', last: 'T88', title: 'Injury, poisoning and certain other consequences of external causes' },
  { number: 20, first: 'V00', last: 'Y99', title: 'External causes of morbidity' },
  { number: 21, first: 'Z00', last: 'Z99', title: 'Factors influencing health status and contact with health services' },
  { number: 22, first: 'U00', last: 'U85', title: 'Codes for special purposes' },
];

/** Chapter number of a code (with or without the dot), by its three-character category. */
export function chapterOf(code: string): number | undefined {
  const category = code.replace('.', '').slice(0, 3).toUpperCase();
  return ICD10CM_CHAPTERS.find((c) => category >= c.first && category <= c.last)?.number;
}
