import Papa from 'papaparse';

/**
 * Reads CSV text into rows of cells. Papa Parse handles quoted cells with commas, doubled quotes and
 * line breaks (the CMS MUE header cell "HCPCS/\nCPT Code" has one), which a split(',') would not.
 */
export function readCsv(text: string, delimiter?: string): string[][] {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimiter });
  return result.data;
}

/** Reads CSV with a header row into objects keyed by the header's column names. */
export function readCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = readCsv(text);
  if (!header) return [];
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name.trim(), (row[i] ?? '').trim()])));
}
