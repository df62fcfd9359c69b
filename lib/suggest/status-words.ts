import { foldText, root } from '../search/normalize';
import { newWord, type TextWord } from './text-words';

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
    'transplant', 'arthroplasty', 'replacement', 'artificial', 'prosthetic', 'tka', 'tkr', 'tha', 'thr', 'colostomy', 'ileostomy', 'urostomy', 'tracheostomy',
    'gastrostomy', 'shunt', 'lvad',
  ].map((w) => root(foldText(w))),
);

/**
 * Devices a patient lives with (worn or implanted): said to be there ("on an insulin pump", "has a pacemaker",
 * "ICD in place", a problem-list line "Insulin pump"), they are present now, and the "Presence of …" title applies.
 * Each entry is the device's words; the last is the head noun.
 */
const WORN_DEVICES: readonly (readonly string[])[] = [['insulin', 'pump'], ['pacemaker'], ['ppm'], ['aicd'], ['defibrillator'], ['lvad'], ['cochlear', 'implant']].map((d) => d.map((w) => root(foldText(w))));

/** Words up to four words before a device that say the patient has it now ("on a tubeless insulin pump"). */
const HAS_DEVICE = /\b(?:on|has|have|wears|wearing|uses|using|with)\b(?:\s+[\w-]+){0,4}\s*$/i;

/** "managed with an insulin pump", "treated with a pump": the device is how the condition is managed now. */
const MANAGED_WITH = /\b(?:managed|treated|controlled|maintained)\s+(?:with|on|by)\s+(?:an?\s+|the\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,2}$/i;

/** Words after the trigger that may come before the device ("s/p LAD drug-eluting stent x2"). */
const WINDOW = 4;

/** Marks status phrases in `words` (in place) and returns the "presence"/"status" words to add. `text` starts at `offset`. */
export function statusWords(words: TextWord[], text = '', offset = 0): TextWord[] {
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
    for (const key of ['presence', 'status']) {
      const word = newWord(root(key), first.start, last.end, first.position, true);
      word.status = true;
      out.push(word);
    }
  }
  for (const at of wornDevices(written, text, offset)) {
    for (const w of words) if (w.position >= at.first.position && w.position <= at.last.position) w.status = true;
    const word = newWord(root('presence'), at.first.start, at.last.end, at.first.position, true);
    word.status = true;
    out.push(word);
  }
  return out;
}

/** Worn or implanted devices the sentence says the patient has: after "on"/"has"/"with" (within four words), first in the line, or "in place". */
function wornDevices(written: readonly TextWord[], text: string, offset: number): { first: TextWord; last: TextWord }[] {
  const out: { first: TextWord; last: TextWord }[] = [];
  for (let i = 0; i < written.length; i++) {
    const device = WORN_DEVICES.find((d) => d.every((key, k) => written[i + k]?.key === key));
    if (!device) continue;
    const first = written[i]!;
    const last = written[i + device.length - 1]!;
    const before = text.slice(Math.max(0, first.start - offset - 60), first.start - offset);
    const after = text.slice(last.end - offset, last.end - offset + 12);
    // A numbered line or a label that is the device ("4. Insulin pump", "Insulin pump: site rotation reviewed"); the
    // bare words (a title, a synonym rule's literal) are not.
    const lineStart = text.slice(0, first.start - offset);
    const firstInLine = /(?:^|\n)\s*(?:[-•*]|\d{1,2}[.)])?\s*$/.test(lineStart) && (/(?:[-•*]|\d{1,2}[.)])\s*$/.test(lineStart) ? /^\s*(?:$|[:\-–—,.(])/.test(after) : /^\s*[:\-–—]/.test(after));
    if (firstInLine || HAS_DEVICE.test(before) || /^\s+(?:in place|in use)\b/i.test(after) || MANAGED_WITH.test(before)) out.push({ first, last });
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
  // "Status: right artificial knee joint": a status label before the device.
  if (raw === 'hx' || raw === 'history' || raw === 'status') return 1;
  // "post CABG", "post-PCI" (the part after the hyphen is its own word at the same position).
  if (raw === 'post' && !(i > 0 && words[i - 1]!.raw === 'status')) return 1;
  return 0;
}
