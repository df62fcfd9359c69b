import type { ChartDocument } from '../../chart';
import type { CodeSetCatalog } from '../../codesets';
import { evidenceList, makeExcluded, makeLine } from './lines';
import type { StageResult } from './types';
import { sentenceViews } from './text';

/**
 * Telehealth problem visits (CPT 2025). A visit held by real-time audio and video is 98000–98007 and one by audio
 * only 98008–98015, each at the level the office visit would have (the same MDM and total-time thresholds). A brief
 * virtual check-in with an established patient (5–10 minutes of medical discussion) is 98016.
 * Medicare takes none of 98000–98015: there the office code stays, with the telehealth modifier (95/93) the E/M
 * stage already warns about. 98016 replaced Medicare's G2012, so it holds for every payer.
 */
export type TelehealthModality = 'video' | 'audio' | 'check-in';

export interface TelehealthVisit {
  modality: TelehealthModality;
  start: number;
  end: number;
  text: string;
}

/** "Brief virtual check-in", "telephone check-in", "brief communication technology-based service". */
const CHECK_IN = /\b(?:virtual|brief|telephone|phone|video)\s+check[- ]?in\b|\bbrief communication technology\b|\bcommunication technology[- ]based service\b/i;
/** "Audio-only", "telephone encounter", "phone visit": no video. */
const AUDIO_ONLY = /\baudio[- ]?only\b|\b(?:tele)?phone (?:visit|encounter|appointment)\b|\bby (?:tele)?phone only\b/i;
/** "Real-time audio and video", "video visit", "telehealth (video) visit", "via video". */
const VIDEO = /\baudio[- /](?:and[- /])?video\b|\baudio-?visual\b|\bvideo (?:visit|encounter|call|appointment)\b|\bvia video\b|\btelehealth \(?video\)?|\b(?:telehealth|telemedicine|virtual) (?:visit|encounter|appointment)\b/i;
/** A modality named for a later visit ("Video follow-up in 3 weeks", "next visit by phone"). */
const LATER = /\b(?:follow[- ]?up|f\/u|next|return|schedul\w*|in \d+\s*(?:h|hrs?|hours?|days?|weeks?|months?)|will|plan)\b/i;
/** The plan tells later contacts ("Phone check in 24 h"), not how this visit was held. */
const PLAN_SECTIONS: ReadonlySet<string> = new Set(['plan', 'assessment_and_plan']);

const VIDEO_CODES: Readonly<Record<string, string>> = { '99202': '98000', '99203': '98001', '99204': '98002', '99205': '98003', '99212': '98004', '99213': '98005', '99214': '98006', '99215': '98007' };
const AUDIO_CODES: Readonly<Record<string, string>> = { '99202': '98008', '99203': '98009', '99204': '98010', '99205': '98011', '99212': '98012', '99213': '98013', '99214': '98014', '99215': '98015' };
const CHECK_IN_CODE = '98016';

/** How this visit was held, when the chart says it was by video, by audio only or as a brief virtual check-in. */
export function findTelehealthVisit(document: ChartDocument): TelehealthVisit | undefined {
  const found: Partial<Record<TelehealthModality, TelehealthVisit>> = {};
  for (const view of sentenceViews(document)) {
    if (view.section && PLAN_SECTIONS.has(view.section)) continue;
    const text = view.sentence.text;
    for (const [modality, pattern] of [['check-in', CHECK_IN], ['audio', AUDIO_ONLY], ['video', VIDEO]] as const) {
      if (found[modality]) continue;
      const m = pattern.exec(text);
      if (!m || LATER.test(text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 25))) continue;
      found[modality] = { modality, start: view.start + m.index, end: view.start + m.index + m[0].length, text: m[0] };
    }
  }
  // A check-in says the most; audio-only says more than a bare "telehealth visit" ("declined video").
  return found['check-in'] ?? found.audio ?? found.video;
}

/**
 * The E/M stage's office problem visit moved to its telehealth code. Preventive, consultation and other visit
 * services keep theirs; so does a Medicare visit (office code with modifier 95/93).
 */
export function telehealthVisitCodes(em: StageResult, document: ChartDocument, catalog: CodeSetCatalog, dateOfService: string, payer: string): StageResult {
  const visit = em.lines.find((l) => l.kind === 'em' && (VIDEO_CODES[l.code] !== undefined || l.code === '99211'));
  if (!visit) return em;
  const tele = findTelehealthVisit(document);
  if (!tele) return em;
  const established = /^9921/.test(visit.code);
  const code = tele.modality === 'check-in' ? (established ? CHECK_IN_CODE : undefined) : payer === 'medicare' ? undefined : (tele.modality === 'audio' ? AUDIO_CODES : VIDEO_CODES)[visit.code];
  if (!code) return em;
  const why = tele.modality === 'check-in' ? 'a brief virtual check-in with an established patient' : tele.modality === 'audio' ? 'an audio-only visit' : 'a real-time audio-video visit';
  const evidence = evidenceList(document, [tele]);
  const made = makeLine(catalog, dateOfService, {
    code,
    kind: 'em',
    confidence: Math.min(visit.confidence, 0.7),
    rule: `${why} (“${tele.text}”)${tele.modality === 'check-in' ? '' : `, at the level of ${visit.code}`} → ${code}`,
    evidence: [...evidence, ...visit.evidence],
    warnings: visit.warnings.filter((w) => !/^Telehealth visit:/.test(w)).concat(tele.modality === 'check-in' ? ['Virtual check-in: not billable if it follows an E/M within 7 days or leads to a visit within 24 hours.'] : ['Telehealth code family (CPT 98000–98015): confirm the payer takes it; Medicare bills the office code with modifier 95 or 93.']),
    ...(visit.emWork ? { extra: { emWork: visit.emWork } } : {}),
  });
  if (!made.line) return em;
  const aside = makeExcluded(catalog, dateOfService, visit.code, 'not-billable', `${why} (“${tele.text}”): billed as ${code}`, evidence);
  // A check-in carries no prolonged time.
  const lines = em.lines.filter((l) => l !== visit && !(tele.modality === 'check-in' && l.kind === 'prolonged'));
  return { lines: [made.line, ...lines], excluded: [...em.excluded, aside] };
}
