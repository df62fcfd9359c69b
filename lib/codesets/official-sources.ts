/**
 * Where the official releases are published. `npm run codesets` falls back to these when no local copy
 * is found; `--from <base-url>/` fetches the same file names from a mirror instead.
 */
export const OFFICIAL_RELEASES: readonly { id: string; what: string; url: string }[] = [
  {
    id: 'icd10cm-fy2026-descriptions',
    what: 'ICD-10-CM FY2026 code descriptions (order file, codes file, addenda), CDC/NCHS',
    url: 'https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/2026/icd10cm-Code%20Descriptions-2026.zip',
  },
  {
    id: 'icd10cm-fy2026-table-index',
    what: 'ICD-10-CM FY2026 Tabular List and Alphabetic Index XML, CDC/NCHS',
    url: 'https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/2026/icd10cm-Table%20and%20Index-2026.zip',
  },
  {
    id: 'hcpcs-2026-jan',
    what: 'HCPCS Level II January 2026 alpha-numeric file, CMS',
    url: 'https://www.cms.gov/files/zip/january-2026-alpha-numeric-hcpcs-file.zip',
  },
  {
    id: 'mue-practitioner-2026-q2',
    what: 'NCCI MUE practitioner services table, 2026 Q2, CMS',
    url: 'https://www.cms.gov/files/zip/medicare-ncci-2026-q2-practitioner-services-mue-table.zip',
  },
];

/** The file name a URL points at (decoded), used to look the same file up on a mirror. */
export function fileNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
}
