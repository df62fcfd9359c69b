/**
 * Reads an EncounterFile (`examples/encounters.json`, `npm run cli -- export`) and checks its shape, so a
 * wrong file stops with the path of the bad field ("encounters[2].patient.dob: …") instead of a crash
 * deep inside an export. It checks types and presence only; whether a claim can be formed is claim-shape.ts's
 * job, and whether its codes are right is the claim checks'.
 */
import { ENCOUNTER_FILE_FORMAT_VERSION, type CodedEncounter, type EncounterFile } from '../encounter/types';

export class EncounterFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncounterFileError';
  }
}

type Check = (value: unknown, path: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown) => (v === undefined ? 'missing' : v === null ? 'null' : Array.isArray(v) ? 'a list' : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`);

const text: Check = (v) => (typeof v === 'string' ? undefined : `expected text, found ${shown(v)}`);
const number: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `expected a number, found ${shown(v)}`);
const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : `expected one of ${allowed.join(', ')}, found ${shown(v)}`;
const optional =
  (check: Check): Check =>
  (v, path) =>
    v === undefined ? undefined : check(v, path);

/** Fields of an object, each with its check; the first problem wins (nested checks throw with their own path). */
function fields(shape: Record<string, Check>): Check {
  return (v, path) => {
    if (!isObject(v)) return `expected an object, found ${shown(v)}`;
    for (const [key, check] of Object.entries(shape)) {
      const problem = check(v[key], `${path}.${key}`);
      if (problem) throw new EncounterFileError(`${path}.${key}: ${problem}`);
    }
    return undefined;
  };
}

function list(item: Check): Check {
  return (v, path) => {
    if (!Array.isArray(v)) return `expected a list, found ${shown(v)}`;
    v.forEach((x, i) => {
      const problem = item(x, `${path}[${i}]`);
      if (problem) throw new EncounterFileError(`${path}[${i}]: ${problem}`);
    });
    return undefined;
  };
}

const name = fields({ family: text, given: text, middle: optional(text) });
const address = fields({ line: text, line2: optional(text), city: text, state: text, zip: text });
const evidence = optional(list(fields({ text, sentence: optional(text), start: optional(number), end: optional(number) })));

const encounter = fields({
  id: text,
  claimId: text,
  status: oneOf('draft', 'ready', 'exported', 'sent', 'accepted', 'rejected', 'corrected', 'resent', 'paid', 'partially-paid', 'denied', 'reversed'),
  patient: fields({ name, dob: text, sex: oneOf('F', 'M', 'U'), mrn: text, memberId: optional(text), address: optional(address) }),
  dateOfService: text,
  placeOfService: text,
  renderingProvider: fields({ npi: text, name, taxonomy: optional(text) }),
  billingProvider: fields({ npi: text, name: text, taxId: text, address, taxonomy: optional(text) }),
  payer: fields({ name: text, id: text }),
  diagnoses: list(fields({ code: text, title: optional(text), evidence })),
  lines: list(
    fields({
      id: text,
      system: oneOf('cpt', 'hcpcs'),
      code: text,
      title: optional(text),
      modifiers: list(text),
      units: number,
      charge: number,
      pointers: list(number),
      dateOfService: optional(text),
      evidence,
    }),
  ),
  coder: text,
  note: optional(text),
  createdAt: text,
  updatedAt: text,
  statusHistory: list(fields({ status: text, at: text, by: text, reason: optional(text) })),
});

/** Checks a parsed value is an EncounterFile; throws an EncounterFileError naming the first bad field. */
export function asEncounterFile(value: unknown): EncounterFile {
  if (!isObject(value)) throw new EncounterFileError(`expected an object {"formatVersion": 1, "encounters": [...]}, found ${shown(value)}`);
  if (value.formatVersion !== ENCOUNTER_FILE_FORMAT_VERSION) {
    throw new EncounterFileError(`formatVersion: expected ${ENCOUNTER_FILE_FORMAT_VERSION}, found ${shown(value.formatVersion)}`);
  }
  const problem = list(encounter)(value.encounters, 'encounters');
  if (problem) throw new EncounterFileError(`encounters: ${problem}`);
  return value as unknown as EncounterFile;
}

/**
 * Parses and checks the text of an EncounterFile. A single CodedEncounter object (no `formatVersion`, has a
 * `claimId`) is read as a file of one, as `npm run cli -- check` reads it.
 */
export function parseEncounterFile(json: string): EncounterFile {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new EncounterFileError(`not valid JSON (${(error as Error).message})`);
  }
  if (isObject(value) && value.formatVersion === undefined && 'claimId' in value) {
    const problem = encounter(value, 'encounter');
    if (problem) throw new EncounterFileError(`encounter: ${problem}`);
    return { formatVersion: ENCOUNTER_FILE_FORMAT_VERSION, encounters: [value as unknown as CodedEncounter] };
  }
  return asEncounterFile(value);
}
