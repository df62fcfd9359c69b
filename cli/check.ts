/**
 * `npm run cli -- check <encounter.json|-> [--json]`: runs the claim checks (lib/claims) on coded encounters.
 *
 * Input: one CodedEncounter object, or an EncounterFile `{"formatVersion": 1, "encounters": [...]}`
 * (lib/encounter/types.ts). Encounters in the same file are compared with each other for duplicates.
 *
 * Output with --json (stdout):
 *   {"encounters": [{
 *     "id": string,            // the encounter's id
 *     "claimId": string,       // its patient control number ("" when missing)
 *     "ready": boolean,        // true when no result is an error (warnings/advisories do not block)
 *     "results": [{            // errors first, then warnings, then advisories
 *       "rule": string,        // kebab-case rule id, e.g. "mce-age-conflict"
 *       "severity": "error" | "warning" | "advisory",
 *       "codes": string[],     // codes involved (ICD-10-CM with the dot, CPT/HCPCS, modifiers, NPIs)
 *       "message": string,     // what is wrong and why, for a biller
 *       "source": string,      // the list or guideline applied, with its version/year
 *       "line"?: string,       // service line id, when about one line
 *       "field"?: string       // JSON path in the encounter, 0-based: "diagnoses[2]", "lines[1].pointers"
 *     }]
 *   }]}
 * Without --json: one block per encounter, READY or NOT READY, then one line per finding.
 *
 * Exit code: 0 when no encounter has an error, 1 when any has one, 2 on bad input (unreadable file, invalid
 * JSON, not an encounter) with the reason on stderr.
 */
import { readFileSync } from 'node:fs';
import type { CliArgs } from './args';
import { loadCatalog } from './bundles';
import { blocksReady, checkEncounter } from '../lib/claims/check';
import { contextFromCatalog, prepareCheckContext } from '../lib/claims/context';
import { encounterShapeProblems } from '../lib/claims/shape';
import type { CheckResult, OtherEncounterKey } from '../lib/claims/types';
import { ENCOUNTER_FILE_FORMAT_VERSION, type CodedEncounter } from '../lib/encounter/types';

/** One encounter's line of the JSON output. */
export interface CheckedEncounter {
  id: string;
  claimId: string;
  ready: boolean;
  results: CheckResult[];
}

/** Runs `check`; returns the exit code. */
export async function checkCommand(args: CliArgs): Promise<number> {
  const file = args.positional[0];
  if (!file) return badInput('check needs an encounter file (a CodedEncounter or {"formatVersion": 1, "encounters": [...]}), or - for standard input');
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    return badInput(`cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return badInput(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const read = readEncounters(parsed);
  if ('problem' in read) return badInput(`${file}: ${read.problem}`);

  const source = contextFromCatalog(await loadCatalog());
  const keys: OtherEncounterKey[] = read.encounters.map((e) => ({ id: e.id, mrn: e.patient?.mrn ?? '', dateOfService: e.dateOfService, renderingNpi: e.renderingProvider?.npi ?? '' }));
  const checked: CheckedEncounter[] = [];
  for (const encounter of read.encounters) {
    const ctx = await prepareCheckContext(encounter, source, { otherEncounters: keys });
    const results = checkEncounter(encounter, ctx);
    checked.push({ id: encounter.id, claimId: typeof encounter.claimId === 'string' ? encounter.claimId : '', ready: !blocksReady(results), results });
  }

  if (args.flags.json) print(JSON.stringify({ encounters: checked }, null, 2));
  else for (const e of checked) printText(e);
  return checked.every((e) => e.ready) ? 0 : 1;
}

/** The encounters of a parsed file, or why it is not an encounter file. */
export function readEncounters(parsed: unknown): { encounters: CodedEncounter[] } | { problem: string } {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problem: 'expected a CodedEncounter object or {"formatVersion": 1, "encounters": [...]}' };
  const record = parsed as Record<string, unknown>;
  let list: unknown[];
  let where: (i: number) => string;
  if ('encounters' in record) {
    if (record.formatVersion !== ENCOUNTER_FILE_FORMAT_VERSION) return { problem: `encounter file formatVersion ${JSON.stringify(record.formatVersion)} is not supported (this version reads ${ENCOUNTER_FILE_FORMAT_VERSION})` };
    if (!Array.isArray(record.encounters)) return { problem: '"encounters" is not a list' };
    if (record.encounters.length === 0) return { problem: 'the file holds no encounters' };
    list = record.encounters;
    where = (i) => `encounters[${i}]`;
  } else {
    list = [parsed];
    where = () => 'encounter';
  }
  const problems = list.flatMap((e, i) => encounterShapeProblems(e, where(i)));
  if (problems.length) return { problem: `not a coded encounter: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}` };
  return { encounters: list as CodedEncounter[] };
}

function printText(e: CheckedEncounter): void {
  const count = (s: CheckResult['severity']) => e.results.filter((r) => r.severity === s).length;
  const summary = e.results.length ? ` (${count('error')} errors, ${count('warning')} warnings, ${count('advisory')} advisories)` : '';
  print(`${e.claimId || '(no claim id)'}  ${e.id}: ${e.ready ? 'READY' : 'NOT READY'}${summary}`);
  for (const r of e.results) {
    print(`  ${r.severity.toUpperCase().padEnd(8)} ${r.rule}: ${r.message}`);
    const where = [r.line ? `line ${r.line}` : '', r.field ?? ''].filter(Boolean).join(', ');
    print(`           source: ${r.source}${where ? `  [${where}]` : ''}`);
  }
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function badInput(problem: string): number {
  process.stderr.write(`cli check: ${problem}\n`);
  return 2;
}
