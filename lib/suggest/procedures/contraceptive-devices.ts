import { isActiveOn } from '../../codesets';
import type { CodeRecord, CodeSetCatalog } from '../../codesets';
import type { ChartDocument } from '../../chart';
import { evidenceList, makeLine, releaseFor } from './lines';
import type { ProcedureLine, StageResult } from './types';

/**
 * The device a contraceptive insertion places is billed on its own HCPCS line, one unit per device: the implant
 * (J7307 etonogestrel, J7306 levonorgestrel) with 11981 or 11983 (removal with reinsertion), the IUD (J7296-J7302) with 58300. The product is read from
 * the release's own descriptors ("Levonorgestrel-releasing intrauterine contraceptive system (mirena), 52 mg"): a
 * brand the note names wins; else the hormone (or copper) and strength, preferring the descriptor with no brand.
 */
const DEVICE_FOR: Record<string, RegExp> = {
  '11981': /\bimplant system\b/i,
  // Removal with reinsertion places a new implant too.
  '11983': /\bimplant system\b/i,
  '58300': /\bintrauterine\b/i,
};
const CONTRACEPTIVE_DEVICE = /\bcontraceptive\b/i;
const ACTIVE_WORDS = ['etonogestrel', 'levonorgestrel', 'copper'];

export function contraceptiveDevices(document: ChartDocument, catalog: CodeSetCatalog, dateOfService: string, procedures: readonly ProcedureLine[]): StageResult {
  const release = releaseFor(catalog, 'hcpcs', dateOfService);
  const lines: ProcedureLine[] = [];
  if (!release) return { lines, excluded: [] };
  const text = document.text.toLowerCase();
  for (const insertion of procedures) {
    const kind = DEVICE_FOR[insertion.code];
    if (!kind) continue;
    const devices = release.codes.filter((c) => /^J/.test(c.code) && CONTRACEPTIVE_DEVICE.test(c.title) && kind.test(c.title) && isActiveOn(c, dateOfService));
    const best = bestDevice(devices, text);
    if (!best) continue;
    const at = text.indexOf(best.word);
    const made = makeLine(catalog, dateOfService, {
      code: best.record.code,
      kind: 'drug',
      confidence: best.brand ? 0.85 : 0.7,
      units: 1,
      rule: `device placed with ${insertion.code}: “${best.word}” → ${best.record.code} (one device)`,
      evidence: [...evidenceList(document, [{ start: at, end: at + best.word.length }]), ...insertion.evidence.slice(0, 1)],
      warnings: best.brand ? [] : ['Brand not named: confirm the device (and its NDC) for the product code.'],
    });
    if (made.line) lines.push(made.line);
  }
  return { lines, excluded: [] };
}

function bestDevice(devices: readonly CodeRecord[], text: string): { record: CodeRecord; word: string; brand: boolean } | undefined {
  let best: { record: CodeRecord; word: string; brand: boolean; score: number } | undefined;
  for (const record of devices) {
    const title = record.title.toLowerCase();
    const brand = /\(([a-z]+)\)/.exec(title)?.[1];
    const active = ACTIVE_WORDS.find((w) => title.includes(w));
    const strength = /(\d+(?:\.\d+)?)\s*mg\b/.exec(title)?.[1];
    const brandSaid = brand !== undefined && new RegExp(`\\b${brand}\\b`).test(text);
    const activeSaid = active !== undefined && text.includes(active);
    if (!brandSaid && !activeSaid) continue;
    if (brand && !brandSaid && activeSaid && devices.some((d) => d !== record && !/\([a-z]+\)/.test(d.title.toLowerCase()) && d.title.toLowerCase().includes(active!))) continue;
    const strengthSaid = strength !== undefined && new RegExp(`\\b${strength.replace('.', '\\.')}\\s*mg\\b`).test(text);
    const score = (brandSaid ? 4 : 0) + (activeSaid ? 2 : 0) + (strengthSaid ? 1 : 0) + (brand ? 0 : 0.5);
    if (!best || score > best.score) best = { record, word: brandSaid ? brand! : active!, brand: brandSaid, score };
  }
  return best;
}
