/**
 * Notices when a single-page EHR changes the note after the sidebar read it: a MutationObserver on the page
 * (and its same-origin frames) plus text-box input, debounced, comparing a fingerprint of the note's text
 * with the one taken at reading time. Our own sidebar host and highlight style are not the note and are ignored.
 */

/** Options for {@link watchNoteChanges}. */
export interface NoteWatchOptions {
  /** The elements the reader read (a site adapter's roots); default: the whole document. */
  roots?: readonly Element[];
  /** Quiet time after the last change before the note is compared (ms). Default: 400. */
  debounceMs?: number;
  /** Called once per change of the note's text from the baseline (until {@link NoteWatch.reset}). */
  onChange(): void;
}

/** A running watch. */
export interface NoteWatch {
  /** Takes the current note as the new baseline (after a re-read). */
  reset(): void;
  stop(): void;
}

/** The element names the sidebar puts on the page (its host, the highlight style). */
const OWN = new Set(['chart-coder-sidebar']);
const OWN_IDS = new Set(['chart-coder-highlight-style']);

/**
 * A cheap fingerprint of the note's text: visible-or-not text content of the roots (or each document's body)
 * and the values of text boxes, in same-origin frames too, hashed (FNV-1a) with its length.
 */
export function noteFingerprint(doc: Document, roots?: readonly Element[]): string {
  let hash = 0x811c9dc5;
  let length = 0;
  const add = (text: string) => {
    length += text.length;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  };
  for (const d of documentsOf(doc)) {
    const parts = d === doc && roots?.length ? roots : d.body ? [d.body] : [];
    for (const part of parts) {
      add(part.textContent ?? '');
      for (const box of part.querySelectorAll('textarea')) add((box as HTMLTextAreaElement).value);
    }
  }
  return `${length}:${(hash >>> 0).toString(16)}`;
}

/** Starts watching; see the module comment. */
export function watchNoteChanges(doc: Document, options: NoteWatchOptions): NoteWatch {
  const debounceMs = options.debounceMs ?? 400;
  let baseline = noteFingerprint(doc, options.roots);
  let reported = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    if (reported) return;
    if (noteFingerprint(doc, options.roots) !== baseline) {
      reported = true;
      options.onChange();
    }
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(check, debounceMs);
  };
  const onMutations = (records: MutationRecord[]) => {
    if (records.some((r) => !isOwn(r.target) && ![...r.addedNodes, ...r.removedNodes].every(isOwn))) schedule();
  };
  const onInput = (event: Event) => {
    // Typing in our own search box (inside the sidebar's shadow root) shows up as input on its host.
    if (event.isTrusted && !isOwn(event.target as Node)) schedule();
  };
  const observers: MutationObserver[] = [];
  const docs = documentsOf(doc);
  for (const d of docs) {
    const view = d.defaultView;
    if (!view || !d.documentElement) continue;
    const observer = new view.MutationObserver(onMutations);
    observer.observe(d.documentElement, { childList: true, characterData: true, subtree: true });
    observers.push(observer);
    d.addEventListener('input', onInput, true);
  }
  return {
    reset() {
      baseline = noteFingerprint(doc, options.roots);
      reported = false;
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      for (const o of observers) o.disconnect();
      for (const d of docs) d.removeEventListener('input', onInput, true);
    },
  };
}

/** Whether a node is the sidebar's own (its host or inside it, or the highlight style). */
function isOwn(node: Node | null): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === 1 && (OWN.has((n as Element).localName) || OWN_IDS.has((n as Element).id))) return true;
  }
  return false;
}

/** The document and its same-origin frames' documents (five levels deep at most, as the reader reads). */
function documentsOf(doc: Document, depth = 0): Document[] {
  const out = [doc];
  if (depth >= 5) return out;
  for (const frame of doc.querySelectorAll('iframe, frame')) {
    let inner: Document | null = null;
    try {
      inner = (frame as HTMLIFrameElement).contentDocument;
    } catch {
      inner = null;
    }
    if (inner) out.push(...documentsOf(inner, depth + 1));
  }
  return out;
}
