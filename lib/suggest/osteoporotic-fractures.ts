import type { ChartDocument } from '../chart';
import type { CodeRecord } from '../codesets/types';
import type { ExcludedCandidate, Suggestion } from './types';

/**
 * Guideline I.C.13.d: a patient with known osteoporosis who breaks a bone in a fall that would not break a healthy one
 * has a pathological fracture. It is coded M80.- for the fracture's site, side and encounter (M80.0- age-related,
 * M80.8- other osteoporosis), not as the injury (S-code), and the osteoporosis is part of it (no M81.-).
 *
 * The chart must tie the two: the osteoporosis named "with (current) fragility / pathological fracture", or the
 * fracture called a fragility, osteoporotic or low-energy one, or the fall a minor one ("from standing", "tripped").
 * A high-energy injury (a car crash, a fall from a height) keeps the injury code.
 */
export function osteoporoticFractures(document: ChartDocument, chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], resolve: (code: string) => CodeRecord | undefined): void {
  const osteoporosis = [...chosen.values()].filter((s) => /^M81\.[08]$/.test(s.code) || /^M80\.[08]0X[ADGKPS]$/.test(s.code));
  const all = [...chosen.values()].filter((s) => FRACTURE_SITE.some(([p]) => p.test(s.code)));
  // "Fragility fracture of the left wrist (distal radius)": the wrist read as a carpal bone (S62.1-) is the radius
  // named beside it in the same sentence — one fracture, of the forearm.
  const sameSentence = (a: Suggestion, b: Suggestion) => a.evidence.some((e) => b.evidence.some((x) => x.sentence === e.sentence));
  const fractures = all.filter((s) => !(/^S62\.1/.test(s.code) && all.some((o) => o.code.startsWith('S52.') && sameSentence(s, o))));
  if (fractures.length === 0) return;
  dropFracturesCodedWithOsteoporosis(chosen, excluded, fractures);
  const remaining = fractures.filter((f) => chosen.has(f.code));
  if (osteoporosis.length === 0 || remaining.length === 0) return;
  const text = document.text;
  if (HIGH_ENERGY.test(text)) return;
  const tied = osteoporosis.some((s) => s.evidence.some((e) => WITH_FRACTURE.test(e.sentence))) || MINOR_TRAUMA.test(text);
  if (!tied) return;
  const kind = osteoporosis.some((s) => s.code.startsWith('M81.8') || s.code.startsWith('M80.8')) && !osteoporosis.some((s) => s.code === 'M81.0' || s.code.startsWith('M80.0')) ? '8' : '0';
  let made = 0;
  for (const fracture of remaining) {
    const site = FRACTURE_SITE.find(([p]) => p.test(fracture.code))![1];
    const encounter = ENCOUNTER[fracture.code.at(-1)!];
    if (!encounter) continue;
    const side = /\bright\b/i.test(fracture.title) ? '1' : /\bleft\b/i.test(fracture.title) ? '2' : '9';
    const code = site === '8' ? `M80.${kind}8X${encounter}` : site === 'A' ? `M80.${kind}AX${encounter}` : `M80.${kind}${site}${side}${encounter}`;
    const record = resolve(code);
    if (!record) continue;
    chosen.delete(fracture.code);
    excluded.push({ system: 'icd10cm', code: fracture.code, title: fracture.title, reason: 'less-specific', explanation: `a fracture in known osteoporosis from minor trauma is pathological: ${record.code} (Guideline I.C.13.d)`, evidence: fracture.evidence });
    const existing = chosen.get(record.code);
    if (existing) continue;
    chosen.set(record.code, { system: 'icd10cm', code: record.code, title: record.title, confidence: 0.75, rule: `osteoporosis with a fracture from minor trauma → ${record.code} (Guideline I.C.13.d)`, evidence: [...fracture.evidence, ...osteoporosis.flatMap((s) => s.evidence)], warnings: [] });
    made++;
  }
  if (made === 0) return;
  for (const s of all) {
    if (fractures.includes(s) || !chosen.delete(s.code)) continue;
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: 'the wrist fracture is the distal radius named with it: one fracture, coded as the forearm (M80.03-)', evidence: s.evidence });
  }
  for (const s of osteoporosis) {
    if (!chosen.has(s.code) || s.code.startsWith('M80') && s.code.slice(0, 6) !== `M80.${kind}0`) continue;
    chosen.delete(s.code);
    excluded.push({ system: 'icd10cm', code: s.code, title: s.title, reason: 'less-specific', explanation: 'the osteoporosis is coded with its current fracture (M80.-)', evidence: s.evidence });
  }
}

/**
 * "Osteoporosis with current pathological vertebral fracture at T12": the chart already names the M80.- code, and the
 * fracture read from "fracture at T12" (S22.0-) is the same one, of the site that code names: it goes.
 */
function dropFracturesCodedWithOsteoporosis(chosen: Map<string, Suggestion>, excluded: ExcludedCandidate[], fractures: readonly Suggestion[]): void {
  const sites = new Set([...chosen.keys()].filter((c) => /^M80\.[08]/.test(c)).map((c) => c.charAt(5)));
  if (sites.size === 0) return;
  for (const fracture of fractures) {
    const site = FRACTURE_SITE.find(([p]) => p.test(fracture.code))![1];
    if (!sites.has(site) || !chosen.delete(fracture.code)) continue;
    excluded.push({ system: 'icd10cm', code: fracture.code, title: fracture.title, reason: 'less-specific', explanation: 'the fracture is the pathological one coded with the osteoporosis (M80.-, Guideline I.C.13.d)', evidence: fracture.evidence });
  }
}

/** Injury categories of the sites M80.- names: shoulder 1, humerus 2, forearm 3, hand 4, femur 5, lower leg 6, ankle and foot 7, vertebra 8, pelvis B. */
const FRACTURE_SITE: readonly [RegExp, string][] = [
  [/^S42\.[01]/, '1'],
  [/^S42\.[2-4]/, '2'],
  [/^S52\./, '3'],
  [/^S62\./, '4'],
  [/^S72\./, '5'],
  [/^S82\.(?:[5-6]|8[4-6])/, '7'],
  [/^S82\./, '6'],
  [/^S92\./, '7'],
  [/^S(?:22\.0|32\.0)/, '8'],
  // A collapsed vertebra ("compression fracture of vertebra NOS") in osteoporosis is M80.-, as M48.5's Excludes1 says.
  [/^M48\.5/, '8'],
];

/** The fracture's 7th character → the M80 one: initial, routine healing, delayed healing, nonunion, malunion, sequela. */
const ENCOUNTER: Record<string, string> = { A: 'A', B: 'A', C: 'A', D: 'D', E: 'D', F: 'D', G: 'G', H: 'G', J: 'G', K: 'K', M: 'K', N: 'K', P: 'P', Q: 'P', R: 'P', S: 'S' };

/** "Osteoporosis with current fragility fracture of the left distal radius". */
const WITH_FRACTURE = /\bosteoporo\w*\b[^.;]{0,40}\bwith\b[^.;]{0,30}\b(?:fragility|pathologic(?:al)?|osteoporotic|insufficiency)?\s*fracture/i;
/** A fall or injury that would not break a healthy bone, or a fracture the chart calls fragile. */
const MINOR_TRAUMA = /\b(?:fragility|osteoporotic)\b(?:\s+\(?[a-z-]+\)?){0,2}\s+fracture|\bfracture due to (?:age-related |senile |postmenopausal )?osteoporosis|\blow[- ]energy|\bground[- ]level fall|\bfall from standing|\bfell from standing|\bstanding height|\btripped\b|\bslipped\b|\bminor fall\b|\bfell (?:at home|in (?:the|her|his) (?:home|bathroom|kitchen))/i;
/** An injury that would break a healthy bone. */
const HIGH_ENERGY = /\bmotor vehicle|\bMVC\b|\bMVA\b|\bcar (?:crash|accident)|\bhigh[- ]energy|\bfell from (?:a |the )?(?:ladder|roof|height|tree|horse|bicycle|bike)|\bfall from (?:a |the )?(?:ladder|roof|height)/i;
