/**
 * Chart Coder on the command line: `npm run cli -- <command>`. Runs the same library code as the extension.
 *
 *   codesets stats [--json]                 counts per system and release, with source hashes
 *   lookup <code> [--json] [--date YYYY-MM-DD] [--system icd10cm|hcpcs|cpt]
 *   search "<query>" [--json] [--limit N] [--system icd10cm|hcpcs|cpt] [--date YYYY-MM-DD] [--billable]
 *   search --batch <file> --json            one query per line in, one JSON line per query out
 *   suggest <file.txt|file.html|-> [--json] [--setting outpatient|inpatient] [--date YYYY-MM-DD]
 *   check <encounter.json|encounters.json> [--json]     claim checks (exit 1 when any encounter has an error)
 *   export <encounters.json> --format 837p|fhir|csv     claim files to standard output
 *   remit <file.835> [--encounters <encounters.json>] --json   read a remittance; with encounters, what it changes
 */
import { readFileSync } from 'node:fs';
import { loadCatalog, searchFor } from './bundles';
import { parseArgs, type CliArgs } from './args';
import type { CodeSystem } from '../lib/codesets/types';
import { chartFromText, type PatientHeader } from '../lib/chart';
import { createSuggestionEngine, type CareSetting } from '../lib/suggest';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { remitCommand } from './remit';

/** The header without the offsets of each field (the JSON is for people and tools, not highlighting). */
function withoutOffsets(header: PatientHeader): Omit<PatientHeader, 'fields'> {
  const { fields: _fields, ...rest } = header;
  return rest;
}

type Command = (args: CliArgs) => Promise<number>;

const commands: Record<string, Command> = {
  check: checkCommand,
  export: exportCommand,
  remit: remitCommand,
  async suggest(args) {
    const source = args.positional[0];
    if (!source) return usage('suggest needs a file (.txt or .html) or - for standard input');
    const setting = (args.flags.setting ?? 'outpatient') as CareSetting;
    if (setting !== 'outpatient' && setting !== 'inpatient') return usage('--setting must be outpatient or inpatient');
    const text = readFileSync(source === '-' ? 0 : source, 'utf8');
    const looksHtml = /\.html?$/i.test(source) || /^\s*<(!doctype|html|body|div|section|p|h\d)\b/i.test(text);
    const { chartFromHtml } = await import('../lib/chart/from-html');
    const document = looksHtml ? chartFromHtml(text) : chartFromText(text);
    const engine = createSuggestionEngine(await loadCatalog());
    const result = engine.suggest(document, { setting, ...(typeof args.flags.date === 'string' ? { dateOfService: args.flags.date } : {}) });
    const out = { diagnoses: result.diagnoses, procedures: result.procedures, excluded: result.excluded, header: withoutOffsets(result.header), setting: result.setting, notices: result.notices };
    if (args.flags.json) {
      print(JSON.stringify(out, null, 2));
      return 0;
    }
    for (const d of result.diagnoses) print(`DX  ${d.code.padEnd(9)} ${d.title}\n      “${d.evidence[0]?.text ?? ''}” — ${d.rule}${d.warnings.length ? `\n      ! ${d.warnings.join('\n      ! ')}` : ''}`);
    for (const p of result.procedures) print(`PX  ${p.code.padEnd(9)} ${p.title}${p.units && p.units > 1 ? ` × ${p.units}` : ''}${p.modifiers?.length ? ` -${p.modifiers.join(' -')}` : ''}`);
    for (const e of result.excluded) print(`NOT ${e.code.padEnd(9)} ${e.title} — ${e.explanation}`);
    for (const n of result.notices) print(`NOTE ${n}`);
    return 0;
  },

  async search(args) {
    const system = args.flags.system as CodeSystem | undefined;
    if (system && !['icd10cm', 'hcpcs', 'cpt'].includes(system)) return usage(`--system must be icd10cm, hcpcs or cpt, not "${system}"`);
    const limit = args.flags.limit === undefined ? 10 : Number(args.flags.limit);
    if (!Number.isInteger(limit) || limit < 1) return usage('--limit takes a whole number from 1');
    const batch = args.flags.batch;
    const queries = typeof batch === 'string' ? readFileSync(batch === '-' ? 0 : batch, 'utf8').split(/\r?\n/).filter((q) => q.trim() !== '') : args.positional.slice(0, 1);
    if (queries.length === 0) return usage('search needs a query, or --batch <file>');
    const date = typeof args.flags.date === 'string' ? args.flags.date : undefined;
    const search = await searchFor(await loadCatalog(), date);
    for (const query of queries) {
      const results = search
        .search(query, { limit, dateOfService: date, billableOnly: args.flags.billable === true, ...(system ? { systems: [system] } : {}) })
        .map((r) => ({ system: r.system, code: r.code, title: r.title, billable: r.billable, score: Math.round(r.score * 1000) / 1000, ...(r.sevenths ? { sevenths: r.sevenths.map((s) => s.code) } : {}) }));
      if (args.flags.json) print(JSON.stringify({ query, results }, null, batch ? undefined : 2));
      else {
        print(`${query}:`);
        for (const r of results) print(`  ${r.system.padEnd(8)} ${r.code.padEnd(9)} ${r.billable ? ' ' : 'h'} ${r.title}`);
      }
    }
    return 0;
  },

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
      print(`${r.system} ${r.code}${r.billable ? '' : ' (header, not billable)'} — ${r.title}  [${r.codeSet.version}]${r.terminatedOn ? `  TERMINATED ${r.terminatedOn}` : ''}${r.codeSet.inForce ? '' : '  (release not in force on that date)'}`);
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
