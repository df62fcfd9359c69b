import rulesJson from '../../assets/rules/coding-rules.json';
import type { EncounterReasonRules } from './encounter-reasons';

/** A guideline combination: when a code from every group is present, add codes and remove the ones they replace. */
export interface CombinationRule {
  name: string;
  when: string[][];
  add: string[];
  remove: string[];
  guideline: string;
}

/** A "use additional code" companion added when a drug of a class is documented as current. */
export interface CompanionRule {
  name: string;
  /** Code patterns one of which must be coded; empty means the drug alone is enough. */
  when: string[];
  drugClass: string;
  add: string;
  guideline: string;
  /**
   * Words near the drug that show long-term use (a regular expression, case-insensitive), for classes also given as
   * single doses or short courses: "prednisone 5 mg daily for 8 months" is long-term, a 5-day burst is not.
   */
  longTermCue?: string;
}

/** The coding rules file, validated. */
export interface CodingRules {
  combinations: CombinationRule[];
  companions: CompanionRule[];
  drugClasses: Record<string, string[]>;
  firstListed: { name: string; when: string[]; guideline: string }[];
  /** Visit-purpose rules: routine exams, immunization, prenatal supervision, BMI. */
  encounterReasons: EncounterReasonRules;
  /** Code patterns never suggested from a mention alone (counseling, blood type, unspecified body region). */
  notFromMentions: string[];
  encounterCharacters: { subsequent: string[]; sequela: string[] };
  /** Chapter 18 blocks by body system, and the chapters whose confirmed diagnoses make them integral (Guideline I.B.5). */
  symptomSystems?: SymptomSystem[];
  /** The visit's reason read from a procedure billed at it, when the chart names none of its kind (IUD insertion → Z30.430). */
  procedureReasons?: ProcedureReason[];
}

/** A procedure that is itself the reason for the encounter ("Encounter for insertion of intrauterine contraceptive device"). */
export interface ProcedureReason {
  /** CPT/HCPCS code of the procedure billed. */
  procedure: string;
  /** ICD-10-CM code of the encounter it makes. */
  code: string;
  /** Diagnosis code pattern ("Z30*"): when the chart already gives one, the procedure adds none. */
  unlessCoded: string;
  /** Regular expression (case-insensitive) the chart must match: the purpose a drug has several of ("contracepti"). */
  whenChartSays?: string;
  guideline: string;
}

/**
 * Signs and symptoms of one body system ("R10-R19", digestive) and the chapters of diagnoses of that system, or the
 * code patterns of the diagnoses that routinely bring them (fever with an infection).
 */
export interface SymptomSystem {
  name: string;
  symptoms: string;
  chapters: number[];
  /** Code patterns ("A00-B99", "H66*") of diagnoses that explain the symptoms, beside the chapters. */
  diagnoses?: string[];
  /** The symptom stays integral even when the assessment lists it as its own item ("2. Fever."). */
  evenWhenListed?: boolean;
  /** Codes of the symptom range that are no sign of the system's diseases (snoring among R00-R09). */
  except?: string[];
}

/** Whether a symptom code belongs to a symptom system (its range, less its exceptions). */
export function inSymptomSystem(system: SymptomSystem, code: string): boolean {
  return codeMatcher(system.symptoms)(code) && !(system.except ?? []).some((p) => codeMatcher(p)(code));
}

/** Error for a malformed coding rules file, naming the rule at fault. */
export class CodingRuleError extends Error {
  override name = 'CodingRuleError';
}

/** Validates assets/rules/coding-rules.json: known keys, code patterns that parse, companions naming known drug classes. */
export function loadCodingRules(json: unknown, source = 'coding-rules.json'): CodingRules {
  const file = json as Partial<CodingRules> & { formatVersion?: unknown };
  if (file?.formatVersion !== 1) throw new CodingRuleError(`${source}: formatVersion must be 1`);
  for (const key of ['combinations', 'companions', 'firstListed', 'notFromMentions'] as const) {
    if (!Array.isArray(file[key])) throw new CodingRuleError(`${source}: "${key}" must be a list`);
  }
  if (!file.drugClasses || typeof file.drugClasses !== 'object') throw new CodingRuleError(`${source}: "drugClasses" must be an object`);
  for (const rule of file.combinations!) {
    if (!rule.name || !Array.isArray(rule.when) || !Array.isArray(rule.add) || !Array.isArray(rule.remove) || !rule.guideline) {
      throw new CodingRuleError(`${source}: combination "${rule.name ?? '?'}" needs name, when, add, remove and guideline`);
    }
    for (const pattern of [...rule.when.flat(), ...rule.add, ...rule.remove]) codeMatcher(pattern, `${source}: combination "${rule.name}"`);
  }
  const reasons = file.encounterReasons as Partial<EncounterReasonRules> | undefined;
  if (!reasons?.preventive || !reasons.immunization || !reasons.prenatal || !reasons.bmi) throw new CodingRuleError(`${source}: encounterReasons needs preventive, immunization, prenatal and bmi`);
  for (const pattern of file.notFromMentions!) codeMatcher(pattern, `${source}: notFromMentions`);
  for (const system of file.symptomSystems ?? []) {
    if (!system.name || !Array.isArray(system.chapters) || system.chapters.some((c) => !Number.isInteger(c) || c < 1 || c > 22)) {
      throw new CodingRuleError(`${source}: symptom system "${system.name ?? '?'}" needs a name, a symptoms pattern and chapters 1-22`);
    }
    codeMatcher(system.symptoms, `${source}: symptom system "${system.name}"`);
    for (const pattern of [...(system.diagnoses ?? []), ...(system.except ?? [])]) codeMatcher(pattern, `${source}: symptom system "${system.name}"`);
  }
  for (const reason of file.procedureReasons ?? []) {
    if (!reason.procedure || !reason.guideline) throw new CodingRuleError(`${source}: procedure reason "${reason.code ?? '?'}" needs a procedure and a guideline`);
    codeMatcher(reason.code, `${source}: procedure reason for ${reason.procedure}`);
    codeMatcher(reason.unlessCoded, `${source}: procedure reason for ${reason.procedure}`);
    if (reason.whenChartSays !== undefined) {
      try {
        new RegExp(reason.whenChartSays, 'i');
      } catch {
        throw new CodingRuleError(`${source}: procedure reason for ${reason.procedure} has a whenChartSays that is not a valid regular expression`);
      }
    }
  }
  for (const rule of file.companions!) {
    if (!file.drugClasses[rule.drugClass]) throw new CodingRuleError(`${source}: companion "${rule.name}" names unknown drug class "${rule.drugClass}"`);
    for (const pattern of rule.when) codeMatcher(pattern, `${source}: companion "${rule.name}"`);
    if (rule.longTermCue !== undefined) {
      try {
        new RegExp(rule.longTermCue, 'i');
      } catch {
        throw new CodingRuleError(`${source}: companion "${rule.name}" has a longTermCue that is not a valid regular expression`);
      }
    }
  }
  return file as CodingRules;
}

/**
 * Turns a code pattern into a test: "I10" exact, "I50.*" prefix, "N18.1-N18.4" or "E08-E13" range
 * (compared on the code cut to the pattern's length).
 */
export function codeMatcher(pattern: string, where = 'pattern'): (code: string) => boolean {
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return (code) => code.startsWith(prefix);
  }
  const range = /^([A-Z0-9.]+)-([A-Z0-9.]+)$/.exec(pattern);
  if (range) {
    const [, lo, hi] = range as unknown as [string, string, string];
    return (code) => {
      const cut = code.slice(0, Math.max(lo.length, hi.length));
      return cut >= lo && code.slice(0, hi.length) <= hi;
    };
  }
  if (!/^[A-Z][0-9A-Z]{2}(\.[0-9A-Z]{1,4})?$/.test(pattern)) throw new CodingRuleError(`${where}: "${pattern}" is not a code, prefix* or range`);
  return (code) => code === pattern;
}

/** The rules shipped with Chart Coder. */
export const defaultCodingRules: CodingRules = loadCodingRules(rulesJson);
