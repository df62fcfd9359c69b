/** Where the sidebar sits and how wide it is, remembered per site (origin) in `browser.storage.local`. */
export interface SidebarLayout {
  side: 'right' | 'left';
  width: number;
}

export const DEFAULT_LAYOUT: SidebarLayout = { side: 'right', width: 380 };
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 900;

/** The storage key of a site's layout. */
export function layoutKey(origin: string): string {
  return `sidebar-layout:${origin}`;
}

/** A width the page has room for: between {@link MIN_WIDTH} and the smaller of {@link MAX_WIDTH} and most of the window. */
export function clampWidth(width: number, viewport = Number.POSITIVE_INFINITY): number {
  const max = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, viewport - 80));
  return Math.round(Math.min(Math.max(Number.isFinite(width) ? width : DEFAULT_LAYOUT.width, MIN_WIDTH), max));
}

/** A stored layout, or the default for anything unreadable. */
export function readLayout(stored: unknown): SidebarLayout {
  if (!stored || typeof stored !== 'object') return DEFAULT_LAYOUT;
  const s = stored as Partial<SidebarLayout>;
  return { side: s.side === 'left' ? 'left' : 'right', width: clampWidth(typeof s.width === 'number' ? s.width : DEFAULT_LAYOUT.width) };
}
