import { sectionAt, type ChartDocument } from '../chart';
import { contextForChart } from '../context';
import type { Evidence, Suggestion } from './types';

/**
 * Guideline I.C.2.e.2: when the visit is for giving antineoplastic chemotherapy, immunotherapy or radiation, Z51.11,
 * Z51.12 or Z51.0 is first-listed and the cancer follows. It needs the treatment given at this visit: a chemotherapy
 * administration line of the procedure stage (964xx-965xx but the hormonal 96402), or the chart saying so ("cycle 2
 * day 8", "C2D8 gemcitabine infused", "chemotherapy infusion today"). A treatment planned, held or discussed is not.
 */

export interface TreatmentEncounter {
  code: 'Z51.11' | 'Z51.12' | 'Z51.0';
  evidence: Evidence[];
  rule: string;
}

/** Chemotherapy administration codes (not 96402, hormonal antineoplastic by injection; not 96523, a port flush). */
const CHEMO_ADMINISTRATION = /^96(?:40[139]|41[1-7]|42[0-5]|44[0-9]|45[0-9]|5(?:0[0-9]|1[0-9]|2[0-24-9]|3[0-9]|4[0-9]))$/;
/** Words for a treatment given today. */
const CYCLE = /\b(?:C\d{1,2}\s*D\d{1,2}|cycle\s*#?\d{1,2},?\s*(?:day|d)\s*\d{1,2})\b/i;
const GIVEN = /\b(?:today|given|administered|infused|infusing|infusion|received|delivered|tolerated|started|proceed(?:ed|ing)? with|treatment (?:day|visit))\b/i;
const NOT_GIVEN = /\b(?:held|hold|holding|deferred|defer|postponed?|delayed?|cancel+ed|not (?:given|administered)|will (?:start|begin|receive)|plan(?:s|ned)? (?:to|for)|next (?:week|cycle|visit)|to start|discuss\w*|consider\w*|candidate for|referr?\w*|s\/p|status post|completed|finished)\b/i;
const CHEMO_WORDS = /\b(?:chemo(?:therapy)?|chemotherapy infusion|antineoplastic|C\d{1,2}\s*D\d{1,2}|cycle\s*#?\d{1,2},?\s*(?:day|d)\s*\d)/i;
const IMMUNO_WORDS = /\b(?:immunotherapy|immune checkpoint|checkpoint inhibitor)\b/i;
const RADIATION = /\b(?:radiation(?: therapy| treatment)?|radiotherapy|xrt|sbrt|imrt)\b[^.;]{0,40}\b(?:fraction\s*\d+|session|delivered|given) today\b|\bfraction\s*\d+\s*(?:of|\/)\s*\d+\b[^.;]{0,30}\b(?:delivered|given|today)\b/i;

/** Sections where a treatment given at the visit is written. */
const TREATMENT_SECTIONS = new Set(['assessment', 'assessment_and_plan', 'plan', 'procedures', 'reason_for_visit', 'chief_complaint', 'history_of_present_illness', 'diagnoses', 'encounters', undefined]);

export function treatmentEncounters(document: ChartDocument, procedures: readonly Suggestion[], immunotherapyDrugs: readonly string[]): TreatmentEncounter[] {
  const out: TreatmentEncounter[] = [];
  const chemoLines = procedures.filter((p) => CHEMO_ADMINISTRATION.test(p.code));
  const drugLines = procedures.filter((p) => /^(J9\d{3}|Q5\d{3})$/.test(p.code));
  const immunoDrug = (text: string) => immunotherapyDrugs.some((d) => text.toLowerCase().includes(d));

  // The chart's own words, sentence by sentence, affirmed and not planned.
  const said: { kind: 'chemo' | 'immuno' | 'radiation'; evidence: Evidence }[] = [];
  const targets: { kind: 'chemo' | 'immuno' | 'radiation'; start: number; end: number; sentence: string; section?: string }[] = [];
  for (const sentence of document.sentences) {
    const section = sectionAt(document.sections, sentence.start)?.category;
    if (!TREATMENT_SECTIONS.has(section)) continue;
    const text = sentence.text;
    const cycle = CYCLE.exec(text);
    const chemo = CHEMO_WORDS.exec(text);
    const cue = cycle ?? chemo;
    if (cue && GIVEN.test(text) && !NOT_GIVEN.test(clauseAt(text, cue.index))) {
      const m = (cycle ?? chemo)!;
      const kind = IMMUNO_WORDS.test(text) || (immunoDrug(text) && !/\bchemo/i.test(text)) ? 'immuno' : 'chemo';
      targets.push({ kind, start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, sentence: text, ...(section ? { section } : {}) });
      if (kind === 'immuno' && /\bchemo/i.test(text)) targets.push({ kind: 'chemo', start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, sentence: text, ...(section ? { section } : {}) });
    }
    const radiation = RADIATION.exec(text);
    if (radiation && !NOT_GIVEN.test(clauseAt(text, radiation.index))) targets.push({ kind: 'radiation', start: sentence.start + radiation.index, end: sentence.start + radiation.index + radiation[0].length, sentence: text, ...(section ? { section } : {}) });
  }
  const contexts = targets.length ? contextForChart(document, targets) : [];
  targets.forEach((t, i) => {
    const c = contexts[i]!;
    if (c.negated || c.hypothetical || c.historical || c.family || c.otherExperiencer) return;
    said.push({ kind: t.kind, evidence: { start: t.start, end: t.end, text: document.text.slice(t.start, t.end), sentence: t.sentence, ...(t.section ? { section: t.section } : {}) } });
  });

  const lineEvidence = (lines: Suggestion[]) => lines.flatMap((l) => l.evidence.slice(0, 1));
  const immunoLines = drugLines.filter((l) => immunoDrug(`${l.title} ${l.evidence.map((e) => e.text).join(' ')}`));
  const chemoDrugLines = drugLines.filter((l) => !immunoLines.includes(l));
  const chemoSaid = said.filter((s) => s.kind === 'chemo');
  const immunoSaid = said.filter((s) => s.kind === 'immuno');
  // Administration lines decide when the procedure stage found them; the drugs given say which kind.
  if (chemoLines.length) {
    if (chemoDrugLines.length || chemoSaid.length || (!immunoLines.length && !immunoSaid.length)) out.push({ code: 'Z51.11', evidence: [...lineEvidence(chemoLines), ...chemoSaid.map((s) => s.evidence)].slice(0, 3), rule: 'chemotherapy given at this visit (administration line)' });
    if (immunoLines.length || immunoSaid.length) out.push({ code: 'Z51.12', evidence: [...lineEvidence(immunoLines), ...immunoSaid.map((s) => s.evidence)].slice(0, 3), rule: 'antineoplastic immunotherapy given at this visit' });
  } else {
    if (chemoSaid.length) out.push({ code: 'Z51.11', evidence: chemoSaid.map((s) => s.evidence).slice(0, 3), rule: 'chemotherapy given at this visit (the chart says so)' });
    if (immunoSaid.length) out.push({ code: 'Z51.12', evidence: immunoSaid.map((s) => s.evidence).slice(0, 3), rule: 'antineoplastic immunotherapy given at this visit (the chart says so)' });
  }
  const radiation = said.filter((s) => s.kind === 'radiation');
  if (radiation.length) out.push({ code: 'Z51.0', evidence: radiation.map((s) => s.evidence).slice(0, 3), rule: 'radiation therapy given at this visit' });
  return out;
}

/** The clause of a sentence around an offset: between the commas or semicolons either side. */
function clauseAt(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf(';', at), text.lastIndexOf(',', at)) + 1;
  const ends = [text.indexOf(';', at), text.indexOf(',', at)].filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) : text.length);
}
