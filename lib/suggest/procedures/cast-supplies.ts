import type { ChartDocument } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import { makeLine } from './lines';
import { ageOn } from './text';
import type { ProcedureLine } from './types';

/**
 * Casting supplies (HCPCS Q4001–Q4048) beside a cast or splint the clinician made in the office: the device from the
 * application code, the patient's age band (pediatric 0–10, adult 11 and over) and the material the note names. The
 * code is looked up by its official title, so the table below only names devices. A prefabricated splint is a
 * ready-made item (DME), not casting supplies, and a note that does not say the splint was made gets none.
 */
const DEVICE_OF: Readonly<Record<string, string>> = {
  '29065': 'long arm cast',
  '29075': 'short arm cast',
  '29085': 'gauntlet cast',
  '29105': 'long arm splint',
  '29125': 'short arm splint',
  '29126': 'short arm splint',
  '29345': 'long leg cast',
  '29365': 'long leg cylinder cast',
  '29405': 'short leg cast',
  '29505': 'long leg splint',
  '29515': 'short leg splint',
};

/** Words saying the device was made here: "fabricated and applied", "molded", "from clinic stock". */
const MADE_HERE = /\b(?:fabricated|molded|moulded|custom[- ]made|from (?:the )?(?:clinic |office )?stock)\b/i;
/** Words of a ready-made device, which is no casting supply. */
const READY_MADE = /\b(?:prefabricated|pre-?fab\w*|off[- ]the[- ]shelf|pre-?made|ready[- ]made)\b/i;
const MATERIAL = /\b(fiberglass|fibreglass|plaster)\b/i;

/** Supply lines for the casts and splints among `lines`. */
export function castSupplies(lines: readonly ProcedureLine[], document: ChartDocument, catalog: CodeSetCatalog, dateOfService: string): ProcedureLine[] {
  const age = ageOn(document.header.dobIso, dateOfService);
  if (age === undefined) return [];
  const hcpcs = catalog.setFor('hcpcs', dateOfService)?.codes ?? [];
  const out: ProcedureLine[] = [];
  for (const application of lines) {
    const device = DEVICE_OF[application.code];
    if (!device) continue;
    const said = [...new Set(application.evidence.map((e) => e.sentence))].join(' ');
    const material = MATERIAL.exec(said)?.[1]?.toLowerCase().replace('fibreglass', 'fiberglass');
    if (!material || READY_MADE.test(said) || !MADE_HERE.test(said)) continue;
    const band = age <= 10 ? 'pediatric' : 'adult';
    const record = hcpcs.find((c) => {
      const title = c.title.toLowerCase();
      return title.startsWith(`cast supplies, ${device},`) && title.includes(band) && title.endsWith(material);
    });
    if (!record) continue;
    const { line } = makeLine(catalog, dateOfService, {
      code: record.code,
      kind: 'supply',
      confidence: Math.min(application.confidence, 0.7),
      rule: `casting supplies for the ${device} made here (${application.code}): ${material}, patient ${age} (${band}) → ${record.code}`,
      evidence: application.evidence,
    });
    if (line && !out.some((l) => l.code === line.code)) out.push(line);
  }
  return out;
}
