/**
 * Chart Coder on the command line: `npm run cli -- <command>`. Runs the same library code as the extension.
 *
 *   codesets stats [--json]                 counts per system and release, with source hashes
 *   lookup <code> [--json] [--date YYYY-MM-DD] [--system icd10cm|hcpcs|cpt]
 */
import { loadCatalog } from './bundles';
import { parseArgs, type CliArgs } from './args';
import type { CodeSystem } from '../lib/codesets/types';

type Command = (args: CliArgs) => Promise<number>;

const commands: Record<string, Command> = {
  async codesets(args) {
    if (args.positional[0] !== 'stats') return usage(`unknown codesets subcommand "${args.positional[0] ?? ''}"`);
    const stats = (await loadCatalog()).stats();
    if (args.flags.json) {
      print(JSON.stringify(stats, null, 2));
      return 0;
    }
    for (const s of stats.codeSets) {
      print(`${s.system.padEnd(8)} ${s.version.padEnd(60)} ${s.effectiveFrom} → ${s.effectiveTo ?? 'open'}  ${Object.entries(s.counts).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      for (const src of s.sources) print(`         source ${src.name} sha256 ${src.sha256}`);
    }
    if (stats.edits) print(`edits    ${stats.edits.mue.version}, ${stats.edits.mce.version}, ${stats.edits.placeOfService} place-of-service codes`);
    return 0;
  },

  async lookup(args) {
    const code = args.positional[0];
    if (!code) return usage('lookup needs a code');
    const system = args.flags.system as CodeSystem | undefined;
    const hits = (await loadCatalog()).lookup(code, { system, dateOfService: args.flags.date as string | undefined });
    const results = hits.map((h) => ({
      system: h.system,
      code: h.code,
      title: h.title,
      billable: h.billable,
      hierarchy: h.hierarchy,
      ...(h.record.shortTitle ? { shortTitle: h.record.shortTitle } : {}),
      ...(h.record.terminatedOn ? { terminatedOn: h.record.terminatedOn } : {}),
      ...(h.record.unit ? { unit: h.record.unit } : {}),
      ...(h.record.descriptorSource ? { descriptorSource: h.record.descriptorSource } : {}),
      notes: h.record.notes ?? null,
      codeSet: h.codeSet,
    }));
    if (args.flags.json) print(JSON.stringify({ query: code, results }, null, 2));
    else if (results.length === 0) print(`${code}: not found`);
    else for (const r of results) {
      print(`${r.system} ${r.code}${r.billable ? '' : ' (header, not billable)'} — ${r.title}  [${r.codeSet.version}]`);
      for (const h of r.hierarchy) print(`   in ${h.code} ${h.title}`);
      if (r.notes) print(`   notes (FY${r.notes.fiscalYear} Tabular List): ${Object.keys(r.notes).filter((k) => k !== 'fiscalYear').join(', ')}`);
    }
    return results.length ? 0 : 1;
  },
};

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function usage(problem: string): number {
  process.stderr.write(`cli: ${problem}\nCommands: ${Object.keys(commands).join(', ')}. See cli/index.ts for usage.\n`);
  return 2;
}

/** Runs one CLI invocation and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const command = args.command ? commands[args.command] : undefined;
  if (!command) return usage(args.command ? `unknown command "${args.command}"` : 'no command given');
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`cli: ${error.message}\n`);
    process.exit(1);
  },
);
