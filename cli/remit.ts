/**
 * `npm run cli -- remit <file.835|-> [--encounters <file.json>] [--json] [--by NAME] [--at ISO-TIME]`:
 * reads an X12 835 remittance (lib/remit) and, given encounters, what it would change in them.
 *
 * Output with --json (stdout):
 *   {"fileHash": string,            // hex SHA-256 of the 835 bytes (part of each claim's idempotency key)
 *    "remittance": Remittance,      // lib/remit/types.ts
 *    "reconciliation": {"balanced": boolean, "problems": BalanceProblem[]},
 *   with --encounters also:
 *    "matches": [{"claimId", "key", "match": "matched"|"suggested"|"unmatched"|"already-applied"|"conflict", "encounterIds": string[]}],
 *    "updates": [RemittanceUpdate without "encounter"],   // before/after status, line remittances, reason
 *    "suggested", "unmatched", "alreadyApplied", "conflicts"}   // as ApplyResult (lib/remit/apply.ts)
 * The encounter file is not changed: this command shows what an import would do.
 *
 * Exit code: 0 when the remittance balances, 1 when it parsed but does not balance, 2 on bad input
 * (unreadable or malformed 835, bad encounter file) with the reason on stderr.
 */
import { readFileSync } from 'node:fs';
import type { CliArgs } from './args';
import { sha256Hex } from '../lib/codesets/hash';
import { parseEncounterFile } from '../lib/export/encounter-file';
import { applyRemittance, type ApplyResult } from '../lib/remit/apply';
import { parse835 } from '../lib/remit/parse-835';
import { reconcile } from '../lib/remit/reconcile';
import type { Remittance } from '../lib/remit/types';

/** Runs `remit`; returns the exit code. */
export async function remitCommand(args: CliArgs): Promise<number> {
  const file = args.positional[0];
  if (!file) return badInput('remit needs an 835 file, or - for standard input');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    return badInput(`cannot read ${file}: ${(error as Error).message}`);
  }
  let remittance: Remittance;
  try {
    remittance = parse835(bytes.toString('utf8'));
  } catch (error) {
    return badInput(`${file}: ${(error as Error).message}`);
  }
  const fileHash = await sha256Hex(new Uint8Array(bytes));
  const reconciliation = reconcile(remittance);

  let applied: ApplyResult | undefined;
  const encountersFile = args.flags.encounters;
  if (encountersFile !== undefined) {
    if (typeof encountersFile !== 'string') return badInput('--encounters needs a file');
    let encounters;
    try {
      encounters = parseEncounterFile(readFileSync(encountersFile, 'utf8')).encounters;
    } catch (error) {
      return badInput(`${encountersFile}: ${(error as Error).message}`);
    }
    const by = typeof args.flags.by === 'string' ? args.flags.by : 'cli';
    const at = typeof args.flags.at === 'string' ? args.flags.at : new Date().toISOString();
    applied = applyRemittance(encounters, remittance, { by, at, fileHash });
  }

  if (args.flags.json) {
    const out: Record<string, unknown> = { fileHash, remittance, reconciliation };
    if (applied) {
      out.matches = matches(applied);
      out.updates = applied.updates.map(({ encounter: _e, ...rest }) => rest);
      out.suggested = applied.suggested;
      out.unmatched = applied.unmatched;
      out.alreadyApplied = applied.alreadyApplied;
      out.conflicts = applied.conflicts;
    }
    print(JSON.stringify(out, null, 2));
  } else printText(remittance, reconciliation.problems.map((p) => p.message), applied);
  return reconciliation.balanced ? 0 : 1;
}

/** One row per claim: how it was matched, in file order. */
function matches(r: ApplyResult): { claimId: string; key: string; match: string; encounterIds: string[] }[] {
  const rows = [
    ...r.updates.map((u) => ({ claimId: u.claimId, key: u.key, match: 'matched', encounterIds: [u.encounterId] })),
    ...r.alreadyApplied.map((u) => ({ claimId: u.claimId, key: u.key, match: 'already-applied', encounterIds: [u.encounterId] })),
    ...r.conflicts.map((u) => ({ claimId: u.claimId, key: u.key, match: 'conflict', encounterIds: [u.encounterId] })),
    ...r.suggested.map((u) => ({ claimId: u.claimId, key: u.key, match: 'suggested', encounterIds: u.encounterIds })),
    ...r.unmatched.map((u) => ({ claimId: u.claimId, key: u.key, match: 'unmatched', encounterIds: [] as string[] })),
  ];
  return rows;
}

function printText(remittance: Remittance, problems: string[], applied: ApplyResult | undefined): void {
  const p = remittance.payment;
  print(`835 ${remittance.interchangeControlNumber} from ${remittance.payer.name}${remittance.payer.id ? ` (${remittance.payer.id})` : ''} to ${remittance.payee.name}`);
  print(`payment ${p.amount.toFixed(2)} ${p.method || ''} ${p.date ?? ''} trace ${p.traceNumber}; ${remittance.claims.length} claims`);
  for (const c of remittance.claims) print(`  ${c.claimId.padEnd(20)} status ${c.statusCode.padEnd(2)} billed ${c.billed.toFixed(2).padStart(10)} paid ${c.paid.toFixed(2).padStart(10)} ICN ${c.payerClaimControlNumber}`);
  for (const m of problems) print(`UNBALANCED ${m}`);
  if (!applied) return;
  for (const u of applied.updates) print(`UPDATE ${u.claimId} → ${u.encounterId}: ${u.before} → ${u.after}${u.reason ? ` (${u.reason})` : ''}`);
  for (const s of applied.suggested) print(`CONFIRM ${s.claimId}: maybe ${s.encounterIds.join(' or ')} — ${s.why}`);
  for (const u of applied.unmatched) print(`UNMATCHED ${u.claimId}: ${u.why}`);
  for (const a of applied.alreadyApplied) print(`ALREADY ${a.claimId} → ${a.encounterId}`);
  for (const c of applied.conflicts) print(`CONFLICT ${c.claimId} → ${c.encounterId}: ${c.problem}`);
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function badInput(problem: string): number {
  process.stderr.write(`cli remit: ${problem}\n`);
  return 2;
}
