/**
 * Locks the queue after a spell of inactivity. No DOM here: the page calls `touch()` on its own activity
 * events and `onLock` forgets the key; the clock and timer are injectable so tests never wait.
 */
import type { CoderDB } from '../db/schema';

/** Settings key of the idle-lock delay in minutes (0 = never lock on inactivity). */
export const IDLE_LOCK_SETTING_KEY = 'queueIdleLockMinutes';
export const DEFAULT_IDLE_LOCK_MINUTES = 15;
/** One day: longer would be the same as never and more likely a typo. */
export const MAX_IDLE_LOCK_MINUTES = 24 * 60;

/** The clock and timer the lock uses (the real ones by default). */
export interface IdleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface IdleLockOptions {
  /** Default: {@link DEFAULT_IDLE_LOCK_MINUTES}; 0 never locks. */
  minutes?: number;
  onLock: () => void;
  clock?: IdleClock;
}

/**
 * Fires `onLock` once after `minutes` without `touch()`. It starts running when made; after it fires it
 * stays quiet (touches are ignored) until `start()` is called again, on the next unlock.
 */
export class IdleLock {
  private minutes: number;
  private readonly clock: IdleClock;
  private lastActivity = 0;
  private handle: unknown;
  private running = false;

  constructor(private readonly options: IdleLockOptions) {
    this.minutes = checkMinutes(options.minutes ?? DEFAULT_IDLE_LOCK_MINUTES);
    this.clock = options.clock ?? realClock;
    this.start();
  }

  /** (Re)starts counting from now, e.g. after unlocking. */
  start(): void {
    this.running = true;
    this.lastActivity = this.clock.now();
    this.arm(this.delayMs());
  }

  /** Activity: postpones the lock. Cheap enough to call on every key press or mouse move. */
  touch(): void {
    // Only the time is recorded; the pending timer re-arms itself for the remainder when it fires.
    if (this.running) this.lastActivity = this.clock.now();
  }

  /** Changes the delay (0 = never), counting from the last activity. */
  setMinutes(minutes: number): void {
    this.minutes = checkMinutes(minutes);
    if (this.running) this.arm(Math.max(0, this.lastActivity + this.delayMs() - this.clock.now()));
  }

  /** Stops watching without locking (page closing, queue locked by hand). */
  stop(): void {
    this.running = false;
    this.disarm();
  }

  /** True while counting (not stopped and not yet fired). */
  get active(): boolean {
    return this.running && this.minutes > 0;
  }

  private delayMs(): number {
    return this.minutes * 60_000;
  }

  private arm(ms: number): void {
    this.disarm();
    if (this.minutes === 0) return;
    this.handle = this.clock.setTimeout(() => this.fire(), ms);
  }

  private disarm(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private fire(): void {
    this.handle = undefined;
    if (!this.running || this.minutes === 0) return;
    const remaining = this.lastActivity + this.delayMs() - this.clock.now();
    if (remaining > 0) return this.arm(remaining);
    this.running = false;
    this.options.onLock();
  }
}

/** The stored idle-lock delay; an unset or unusable value gives the default. */
export async function readIdleLockMinutes(db: CoderDB): Promise<number> {
  const value = (await db.settings.get(IDLE_LOCK_SETTING_KEY))?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_IDLE_LOCK_MINUTES ? value : DEFAULT_IDLE_LOCK_MINUTES;
}

export async function saveIdleLockMinutes(db: CoderDB, minutes: number): Promise<void> {
  await db.settings.put({ key: IDLE_LOCK_SETTING_KEY, value: checkMinutes(minutes) });
}

function checkMinutes(minutes: unknown): number {
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_IDLE_LOCK_MINUTES) {
    throw new Error(`The idle lock must be a whole number of minutes from 0 (never) to ${MAX_IDLE_LOCK_MINUTES}; got ${String(minutes)}.`);
  }
  return minutes;
}
