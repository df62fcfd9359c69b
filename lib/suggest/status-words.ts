import { foldText, root } from '../search/normalize';
import type { TextWord } from './text-words';

/**
 * Status after a procedure or a device: "s/p LAD stent", "status post CABG x3", "h/o pacemaker", "post-PCI". The
 * words of such a phrase get `status: true`, and "presence"/"status" words are added at the trigger, so the
 * "Presence of …" and "… status" titles (Z95–Z99) can match. ConText still reads "s/p" as historical: the coding
 * step lets status codes through when their match has status words (a past procedure leaves a present state).
 */

/** Devices, grafts and procedures that leave a lasting state (written forms, folded). */
const DEVICE_WORDS = new Set(
  [
    'stent', 'stents', 'stented', 'stenting', 'des', 'bms', 'pci', 'ptca', 'angioplasty', 'cabg', 'bypass', 'graft', 'grafts',
    'pacemaker', 'ppm', 'aicd', 'defibrillator', 'valve', 'tavr', 'tavi', 'savr', 'avr', 'mvr', 'implant', 'implants', 'prosthesis',
    'transplant', 'arthroplasty', 'replacement', 'tka', 'tkr', 'tha', 'thr', 'colostomy', 'ileostomy', 'urostomy', 'tracheostomy',
    'gastrostomy', 'shunt', 'lvad',
  ].map((w) => root(foldText(w))),
);

/** Words after the trigger that may come before the device ("s/p LAD drug-eluting stent x2"). */
const WINDOW = 4;

/** Marks status phrases in `words` (in place) and returns the "presence"/"status" words to add. */
export function statusWords(words: TextWord[]): TextWord[] {
  const written = words.filter((w) => !w.expanded && !w.joined);
  const out: TextWord[] = [];
  for (let i = 0; i < written.length; i++) {
    const trigger = triggerAt(written, i);
    if (!trigger) continue;
    const last = written[i + trigger - 1]!;
    const device = written.slice(i + trigger).find((w) => w.position >= last.position && w.position <= last.position + WINDOW && DEVICE_WORDS.has(w.key));
    if (!device) continue;
    const first = written[i]!;
    for (const w of words) if (w.position >= first.position && w.position <= device.position) w.status = true;
    for (const key of ['presence', 'status']) out.push({ key: root(key), start: first.start, end: last.end, position: first.position, expanded: true, status: true });
  }
  return out;
}

/** Length in words of a status trigger starting at `i`: "s/p", "status post", "h/o", "hx", "history (of)", "post". */
function triggerAt(words: readonly TextWord[], i: number): number {
  const w = words[i]!;
  const next = words[i + 1];
  const raw = w.raw ?? '';
  if ((raw === 's' && next?.raw === 'p' && next.slashed) || (raw === 'h' && next?.raw === 'o' && next.slashed)) return 2;
  if (raw === 'status' && next?.raw === 'post') return 2;
  if (raw === 'hx' || raw === 'history') return 1;
  // "post CABG", "post-PCI" (the part after the hyphen is its own word at the same position).
  if (raw === 'post' && !(i > 0 && words[i - 1]!.raw === 'status')) return 1;
  return 0;
}
