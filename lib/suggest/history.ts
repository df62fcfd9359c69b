import historyJson from '../../assets/rules/history-codes.json';
import { codeMatcher } from './coding-rules';

/** Maps a condition's code to the personal- or family-history Z code that stands for it. */
export interface HistoryCodes {
  personal(diseaseCode: string): string | undefined;
  family(diseaseCode: string): string | undefined;
}

/** Reads assets/rules/history-codes.json ({formatVersion: 1, personal: [{disease, code}], family: [...]}). */
export function loadHistoryCodes(json: unknown, source = 'history-codes.json'): HistoryCodes {
  const file = json as { formatVersion?: unknown; personal?: { disease: string; code: string }[]; family?: { disease: string; code: string }[] };
  if (file?.formatVersion !== 1 || !Array.isArray(file.personal) || !Array.isArray(file.family)) {
    throw new Error(`${source}: expected {formatVersion: 1, personal: [...], family: [...]}`);
  }
  const compile = (rows: { disease: string; code: string }[]) => rows.map((r) => ({ test: codeMatcher(r.disease, `${source}: ${r.disease}`), code: r.code }));
  const personal = compile(file.personal);
  const family = compile(file.family);
  return {
    personal: (code) => personal.find((r) => r.test(code))?.code,
    family: (code) => family.find((r) => r.test(code))?.code,
  };
}

/** The history table shipped with Chart Coder. */
export const defaultHistoryCodes = loadHistoryCodes(historyJson);
