import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CoderDB } from '../db/schema';
import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_LOCK_SETTING_KEY, IdleLock, type IdleClock, readIdleLockMinutes, saveIdleLockMinutes } from './idle-lock';

/** A manual clock: time moves only when the test says so, firing due timers. */
class FakeClock implements IdleClock {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  now() {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number) {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
  get pending() {
    return this.timers.size;
  }
}

const MINUTE = 60_000;

function setup(minutes?: number) {
  const clock = new FakeClock();
  let locks = 0;
  const lock = new IdleLock({ minutes, clock, onLock: () => locks++ });
  return { clock, lock, locks: () => locks };
}

describe('IdleLock', () => {
  it('locks after 15 minutes without activity by default, once', () => {
    const { clock, locks } = setup();
    clock.advance(15 * MINUTE - 1);
    expect(locks()).toBe(0);
    clock.advance(1);
    expect(locks()).toBe(1);
    clock.advance(60 * MINUTE);
    expect(locks()).toBe(1);
  });

  it('counts from the last activity', () => {
    const { clock, lock, locks } = setup(5);
    clock.advance(4 * MINUTE);
    lock.touch();
    clock.advance(4 * MINUTE);
    expect(locks()).toBe(0);
    clock.advance(MINUTE);
    expect(locks()).toBe(1);
  });

  it('ignores activity after locking until started again on unlock', () => {
    const { clock, lock, locks } = setup(1);
    clock.advance(MINUTE);
    lock.touch();
    clock.advance(5 * MINUTE);
    expect(locks()).toBe(1);
    lock.start();
    expect(lock.active).toBe(true);
    clock.advance(MINUTE);
    expect(locks()).toBe(2);
  });

  it('never locks with 0 minutes, and a new delay counts from the last activity', () => {
    const { clock, lock, locks } = setup(0);
    clock.advance(24 * 60 * MINUTE);
    expect(locks()).toBe(0);
    expect(lock.active).toBe(false);
    lock.setMinutes(10);
    clock.advance(10 * MINUTE);
    expect(locks()).toBe(1);
  });

  it('shortening the delay past the idle time locks at once; stop cancels without locking', () => {
    const a = setup(30);
    a.clock.advance(20 * MINUTE);
    a.lock.setMinutes(10);
    a.clock.advance(0);
    expect(a.locks()).toBe(1);

    const b = setup(1);
    b.lock.stop();
    b.clock.advance(10 * MINUTE);
    expect(b.locks()).toBe(0);
    expect(b.clock.pending).toBe(0);
  });

  it('refuses a delay that is not whole minutes from 0 to a day', () => {
    expect(() => setup(-1)).toThrow(/whole number of minutes/);
    expect(() => setup(1.5)).toThrow(/whole number of minutes/);
    expect(() => setup().lock.setMinutes(100_000)).toThrow(/1440/);
  });
});

describe('idle-lock setting', () => {
  it('reads the default until saved, then the saved value; refuses bad values', async () => {
    const db = new CoderDB(`idle-${Math.random()}`);
    try {
      expect(await readIdleLockMinutes(db)).toBe(DEFAULT_IDLE_LOCK_MINUTES);
      await saveIdleLockMinutes(db, 0);
      expect(await readIdleLockMinutes(db)).toBe(0);
      await expect(saveIdleLockMinutes(db, -3)).rejects.toThrow(/whole number/);
      await db.settings.put({ key: IDLE_LOCK_SETTING_KEY, value: 'ten' });
      expect(await readIdleLockMinutes(db)).toBe(DEFAULT_IDLE_LOCK_MINUTES);
    } finally {
      db.close();
      await Dexie.delete(db.name);
    }
  });
});
