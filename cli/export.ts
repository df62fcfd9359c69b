/**
 * `npm run cli -- export <encounters.json|-> --format 837p|fhir|csv` writes the billing export to standard
 * output. A bad file, an unknown format or an encounter that cannot form a claim stops with a message on
 * standard error and exit code 2, before anything is written. The input file is only read.
 *
 * 837P options (defaults in brackets; with a default the interchange is a test file):
 *   --sender-id, --sender-name         submitter [first billing provider's NPI and name]
 *   --receiver-id, --receiver-name     receiver, e.g. the clearinghouse [first payer's id and name]
 *   --contact-name, --contact-phone, --contact-email   1000A PER [billing provider name, 0000000000]
 *   --control-number N, --group-control-number N       ISA13 / GS06 [1, the control number]
 *   --usage T|P [T]   --date YYYY-MM-DD --time HH:MM [now]   --claim-filing CI|MB|MC|… [CI]   --line-breaks
 * FHIR options: --mrn-system <uri> [urn:chart-coder:mrn]
 */
import { readFileSync } from 'node:fs';
import type { CliArgs } from './args';
import { ExportError, ExportRefusal } from '../lib/export/claim-shape';
import { encountersToCsv } from '../lib/export/csv';
import { EncounterFileError, parseEncounterFile } from '../lib/export/encounter-file';
import { encountersToFhirBundle } from '../lib/export/fhir-bundle';
import { encountersTo837p, type X12Options } from '../lib/export/x12-837p';
import type { CodedEncounter } from '../lib/encounter/types';

const FORMATS = ['837p', 'fhir', 'csv'] as const;
type Format = (typeof FORMATS)[number];

/** A problem with what the user gave us: shown as is, exit 2. */
class InputProblem extends Error {}

function flag(args: CliArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (typeof value === 'boolean') throw new InputProblem(`--${name} needs a value`);
  return value;
}

function wholeNumber(args: CliArgs, name: string): number | undefined {
  const value = flag(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new InputProblem(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
}

/** 837P options from the flags, falling back to the first encounter's parties; says on stderr which defaults it used. */
function x12Options(args: CliArgs, encounters: CodedEncounter[]): X12Options {
  const first = encounters[0]!;
  const defaulted: string[] = [];
  const pick = (name: string, fallback: string): string => {
    const value = flag(args, name);
    if (value !== undefined) return value;
    defaulted.push(`--${name}`);
    return fallback;
  };
  const usage = flag(args, 'usage') ?? 'T';
  if (usage !== 'T' && usage !== 'P') throw new InputProblem(`--usage must be T (test) or P (production), not "${usage}"`);
  const senderId = pick('sender-id', first.billingProvider.npi);
  const senderName = pick('sender-name', first.billingProvider.name);
  const receiverId = pick('receiver-id', first.payer.id);
  const receiverName = pick('receiver-name', first.payer.name);
  const contactName = pick('contact-name', first.billingProvider.name);
  const email = flag(args, 'contact-email');
  const phone = flag(args, 'contact-phone') ?? (email ? undefined : pick('contact-phone', '0000000000'));
  const options: X12Options = {
    senderId,
    senderName,
    receiverId,
    receiverName,
    contact: { name: contactName, ...(phone ? { phone } : {}), ...(email ? { email } : {}) },
    interchangeControlNumber: wholeNumber(args, 'control-number') ?? 1,
    groupControlNumber: wholeNumber(args, 'group-control-number'),
    usage,
    date: flag(args, 'date'),
    time: flag(args, 'time'),
    claimFilingIndicator: flag(args, 'claim-filing'),
    lineBreaks: args.flags['line-breaks'] !== undefined,
  };
  if (defaulted.length && usage === 'P') throw new InputProblem(`a production (--usage P) 837P needs ${defaulted.join(', ')}`);
  if (defaulted.length) process.stderr.write(`cli: export: test interchange (ISA15 T) with defaults for ${defaulted.join(', ')}\n`);
  return options;
}

function render(format: Format, args: CliArgs, encounters: CodedEncounter[]): string {
  switch (format) {
    case 'csv':
      return encountersToCsv(encounters);
    case 'fhir': {
      const mrnSystem = flag(args, 'mrn-system');
      return `${JSON.stringify(encountersToFhirBundle(encounters, mrnSystem ? { mrnSystem } : {}), null, 2)}\n`;
    }
    case '837p':
      return `${encountersTo837p(encounters, x12Options(args, encounters))}\n`;
  }
}

/** `export <file|-> --format 837p|fhir|csv`: writes the export to stdout and returns the exit code. */
export async function exportCommand(args: CliArgs): Promise<number> {
  const fail = (problem: string): number => {
    process.stderr.write(`cli: export: ${problem}\n`);
    return 2;
  };
  const source = args.positional[0];
  if (!source) return fail('needs an encounters file (see examples/encounters.json) or - for standard input, and --format 837p|fhir|csv');
  const format = typeof args.flags.format === 'string' ? args.flags.format.toLowerCase() : undefined;
  if (!format) return fail('needs --format 837p|fhir|csv');
  if (!(FORMATS as readonly string[]).includes(format)) return fail(`unknown format "${args.flags.format}"; use 837p, fhir or csv`);

  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    return fail(`cannot read ${source}: ${(error as Error).message}`);
  }
  try {
    const file = parseEncounterFile(text);
    if (file.encounters.length === 0 && format !== 'csv') return fail(`${source} has no encounters to export`);
    process.stdout.write(render(format as Format, args, file.encounters));
    return 0;
  } catch (error) {
    if (error instanceof EncounterFileError) return fail(`${source}: ${error.message}`);
    if (error instanceof ExportRefusal) return fail(`refused, nothing written: ${error.message}`);
    if (error instanceof InputProblem || error instanceof ExportError) return fail(error.message);
    throw error;
  }
}
