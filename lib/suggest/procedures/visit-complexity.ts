import type { ChartDocument } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import { evidenceList, makeLine } from './lines';
import type { Payer, ProcedureLine, StageResult } from './types';

/**
 * Medicare's visit-complexity add-on (HCPCS G2211): an office E/M (99202–99215) by the clinician who is the patient's
 * continuing focal point for all needed care, or who gives ongoing care for a single serious or complex condition.
 * The chart must say so; the add-on is not paid when the E/M carries modifier 25 for a procedure (only a wellness
 * visit, vaccine or Part B preventive service may ride beside it).
 */
export function visitComplexityAddOn(lines: readonly ProcedureLine[], document: ChartDocument, catalog: CodeSetCatalog, dateOfService: string, payer: Payer): StageResult {
  if (payer !== 'medicare') return { lines: [], excluded: [] };
  const visit = lines.find((l) => l.kind === 'em' && OFFICE_EM.test(l.code));
  if (!visit) return { lines: [], excluded: [] };
  const stated = LONGITUDINAL.exec(document.text);
  if (!stated) return { lines: [], excluded: [] };
  const besideProcedure = visit.modifiers?.includes('25') && lines.some((l) => l !== visit && !PREVENTIVE_OR_VACCINE.has(l.kind));
  const evidence = evidenceList(document, [{ start: stated.index, end: stated.index + stated[0].length }]);
  const made = makeLine(catalog, dateOfService, {
    code: 'G2211',
    kind: 'em-add-on',
    confidence: besideProcedure ? 0.4 : 0.75,
    rule: `Medicare office E/M ${visit.code} by the patient's continuing focal point of care (“${stated[0]}”) → G2211`,
    evidence,
    warnings: besideProcedure ? ['G2211 is not paid with an E/M billed with modifier 25 for a procedure: remove it unless the other service is a wellness visit, vaccine or preventive service.'] : [],
  });
  return { lines: made.line ? [made.line] : [], excluded: made.excluded ? [made.excluded] : [] };
}

const OFFICE_EM = /^992(?:0[2-5]|1[1-5])$/;
const PREVENTIVE_OR_VACCINE: ReadonlySet<ProcedureLine['kind']> = new Set(['em', 'em-add-on', 'preventive', 'prolonged', 'vaccine', 'vaccine-admin']);
/** The chart stating the longitudinal relationship G2211 pays for. */
const LONGITUDINAL = /\b(?:continuing focal point|focal point for (?:all|his|her|their)\b[^.;]{0,40}\bcare|longitudinal (?:care|relationship|management)|ongoing longitudinal|I (?:am|remain) (?:his|her|their|the patient's) (?:primary care (?:physician|provider|clinician|doctor)|PCP)\b)/i;
