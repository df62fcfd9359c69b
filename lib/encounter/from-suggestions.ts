/**
 * Turns the codes a coder accepted in the sidebar into a draft coded encounter: the patient from the chart
 * header, the practice's defaults for providers and payer, evidence kept with each code for later audits.
 */
import type { PatientHeader } from '../chart/types';
import { newClaimId, newEncounterId } from './ids';
import type { AdministrativeSex, BillingProvider, CodedEncounter, EncounterDiagnosis, EncounterEvidence, Payer, PersonName, RenderingProvider, ServiceLine } from './types';

/** Evidence as the suggestion engine gives it (or as already stored). */
export type EvidenceLike = { text: string; sentence?: string; start?: number; end?: number };

export interface AcceptedDiagnosis {
  code: string;
  title?: string;
  evidence?: EvidenceLike[];
}

export interface AcceptedProcedure {
  system: 'cpt' | 'hcpcs';
  code: string;
  title?: string;
  /** Default 1. */
  units?: number;
  modifiers?: string[];
  /** 1-based diagnosis pointers. Default: the first four diagnoses. */
  pointers?: number[];
  evidence?: EvidenceLike[];
}

/** The practice's settings a new draft starts from; missing ones are left empty for the claim checks to flag. */
export interface EncounterDefaults {
  billingProvider?: BillingProvider;
  renderingProvider?: RenderingProvider;
  payer?: Payer;
  /** CMS place-of-service code, e.g. "11". */
  placeOfService?: string;
  /** Who coded it. */
  coder?: string;
  /** Charge per unit by procedure code; the line charge is this times the units. Missing codes charge 0. */
  feeSchedule?: Record<string, number>;
}

export interface DraftInput {
  header?: Partial<PatientHeader>;
  diagnoses: AcceptedDiagnosis[];
  procedures: AcceptedProcedure[];
  defaults?: EncounterDefaults;
  source?: CodedEncounter['source'];
  /** Clock (ISO time). Default: now. Also gives the date of service when the header has none. */
  now?: () => Date;
}

/** A draft encounter from accepted codes (see the module comment). */
export function draftFromCodes(input: DraftInput): CodedEncounter {
  const header = input.header ?? {};
  const defaults = input.defaults ?? {};
  const now = (input.now ?? (() => new Date()))();
  const at = now.toISOString();

  const diagnoses: EncounterDiagnosis[] = [];
  for (const d of input.diagnoses) {
    const code = d.code?.trim().toUpperCase();
    if (!code) throw new Error('An accepted diagnosis has no code.');
    if (diagnoses.some((x) => x.code === code)) continue; // the same code twice on a claim is one diagnosis
    const diagnosis: EncounterDiagnosis = { code };
    if (d.title) diagnosis.title = d.title;
    diagnoses.push(withEvidence(diagnosis, d.evidence));
  }
  const defaultPointers = diagnoses.slice(0, 4).map((_, i) => i + 1);

  const lines: ServiceLine[] = input.procedures.map((p, i) => {
    if (p.system !== 'cpt' && p.system !== 'hcpcs') throw new Error(`Procedure ${p.code} has system "${String(p.system)}"; service lines take cpt or hcpcs codes.`);
    const code = p.code?.trim().toUpperCase();
    if (!code) throw new Error('An accepted procedure has no code.');
    const units = p.units ?? 1;
    if (!Number.isFinite(units) || units <= 0) throw new Error(`Procedure ${code} has ${units} units; units must be a positive number.`);
    const fee = defaults.feeSchedule?.[code] ?? 0;
    const line: ServiceLine = {
      id: String(i + 1),
      system: p.system,
      code,
      modifiers: (p.modifiers ?? []).map((m) => m.trim().toUpperCase()).filter(Boolean),
      units,
      charge: Math.round(fee * units * 100) / 100,
      pointers: p.pointers ? [...p.pointers] : [...defaultPointers],
    };
    if (p.title) line.title = p.title;
    return withEvidence(line, p.evidence);
  });

  const coder = defaults.coder ?? '';
  const encounter: CodedEncounter = {
    id: newEncounterId(),
    claimId: newClaimId(),
    status: 'draft',
    patient: {
      name: splitName(header.name ?? ''),
      dob: header.dobIso ?? '',
      sex: sexCode(header.sex),
      mrn: header.mrn?.trim() ?? '',
    },
    dateOfService: header.dateOfServiceIso ?? localDate(now),
    placeOfService: defaults.placeOfService ?? '',
    renderingProvider: defaults.renderingProvider ? structuredClone(defaults.renderingProvider) : { npi: '', name: { family: '', given: '' } },
    billingProvider: defaults.billingProvider ? structuredClone(defaults.billingProvider) : { npi: '', name: '', taxId: '', address: { line: '', city: '', state: '', zip: '' } },
    payer: defaults.payer ? { ...defaults.payer } : { name: '', id: '' },
    diagnoses,
    lines,
    coder,
    createdAt: at,
    updatedAt: at,
    statusHistory: [{ status: 'draft', at, by: coder }],
  };
  if (input.source) encounter.source = { ...input.source };
  return encounter;
}

const SUFFIXES = /^(jr|sr|ii|iii|iv|v)\.?$/i;

/** "Last, First Middle" or "First Middle Last" as a claim name; one word is taken as the family name. */
export function splitName(name: string): PersonName {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return { family: '', given: '' };
  const comma = clean.indexOf(',');
  let family: string;
  let rest: string[];
  if (comma >= 0) {
    family = clean.slice(0, comma).trim();
    rest = clean.slice(comma + 1).trim().split(' ').filter(Boolean);
    // "Doe, Jane, Jr." or "Doe, Jane Jr": the suffix belongs with the family name.
    const last = rest.at(-1)?.replace(/^,/, '');
    if (last && rest.length > 1 && SUFFIXES.test(last)) family = `${family} ${rest.pop()!.replace(/,/g, '')}`;
    rest = rest.map((w) => w.replace(/,$/, '')).filter(Boolean);
  } else {
    const words = clean.split(' ');
    const suffix = words.length > 2 && SUFFIXES.test(words.at(-1)!) ? words.pop() : undefined;
    family = words.length > 1 ? words.pop()! : words.pop() ?? '';
    if (suffix) family = `${family} ${suffix}`;
    rest = words;
  }
  const result: PersonName = { family, given: rest[0] ?? '' };
  if (rest.length > 1) result.middle = rest.slice(1).join(' ');
  return result;
}

function sexCode(sex: PatientHeader['sex'] | undefined): AdministrativeSex {
  return sex === 'female' ? 'F' : sex === 'male' ? 'M' : 'U';
}

function withEvidence<T extends { evidence?: EncounterEvidence[] }>(target: T, evidence: EvidenceLike[] | undefined): T {
  if (evidence?.length) {
    target.evidence = evidence.map((e) => {
      const copy: EncounterEvidence = { text: e.text };
      if (e.sentence !== undefined) copy.sentence = e.sentence;
      if (e.start !== undefined) copy.start = e.start;
      if (e.end !== undefined) copy.end = e.end;
      return copy;
    });
  }
  return target;
}

/** YYYY-MM-DD in local time (a visit "today" is the coder's today, not UTC's). */
function localDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
