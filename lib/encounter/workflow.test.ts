import { describe, expect, it } from 'vitest';
import { draftEncounter } from '../../test/support/encounters';
import type { EncounterStatus } from './types';
import { canTransition, ENCOUNTER_STATUSES, InvalidTransitionError, nextStatuses, STATUS_TRANSITIONS, transition } from './workflow';

describe('status workflow', () => {
  it('allows the documented moves', () => {
    const allowed: [EncounterStatus, EncounterStatus][] = [
      ['draft', 'ready'], ['ready', 'draft'], ['ready', 'exported'], ['ready', 'sent'], ['exported', 'sent'],
      ['exported', 'accepted'], ['sent', 'rejected'], ['resent', 'accepted'], ['rejected', 'corrected'],
      ['corrected', 'resent'], ['corrected', 'draft'], ['sent', 'paid'], ['accepted', 'partially-paid'],
      ['exported', 'denied'], ['resent', 'paid'], ['paid', 'reversed'], ['denied', 'corrected'],
    ];
    for (const [from, to] of allowed) expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
  });

  it('refuses skipping steps and going back from payment', () => {
    const refused: [EncounterStatus, EncounterStatus][] = [
      ['draft', 'sent'], ['draft', 'exported'], ['ready', 'paid'], ['paid', 'draft'], ['rejected', 'resent'], ['accepted', 'rejected'], ['denied', 'paid'], ['sent', 'draft'],
    ];
    for (const [from, to] of refused) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
  });

  it('lists next statuses for every status, all of them real statuses', () => {
    expect(nextStatuses('ready')).toEqual(['draft', 'exported', 'sent']);
    for (const status of ENCOUNTER_STATUSES) {
      for (const next of STATUS_TRANSITIONS[status]) expect(ENCOUNTER_STATUSES).toContain(next);
    }
  });

  it('returns a new encounter with the status, time and an appended history entry', () => {
    const draft = draftEncounter();
    const ready = transition(draft, 'ready', { by: 'ab', at: '2026-03-03T09:00:00.000Z', checksPass: true });
    expect(ready).not.toBe(draft);
    expect(draft.status).toBe('draft');
    expect(ready.status).toBe('ready');
    expect(ready.updatedAt).toBe('2026-03-03T09:00:00.000Z');
    expect(ready.statusHistory.at(-1)).toEqual({ status: 'ready', at: '2026-03-03T09:00:00.000Z', by: 'ab' });
    expect(ready.statusHistory).toHaveLength(draft.statusHistory.length + 1);
  });

  it('moves draft → ready and corrected → resent only when the claim checks pass', () => {
    expect(() => transition(draftEncounter(), 'ready', { by: 'ab' })).toThrow(/claim checks pass/);
    expect(() => transition(draftEncounter(), 'ready', { by: 'ab', checksPass: false })).toThrow(InvalidTransitionError);
    expect(() => transition(draftEncounter({ status: 'corrected' }), 'resent', { by: 'ab' })).toThrow(/claim checks pass/);
    expect(transition(draftEncounter({ status: 'corrected' }), 'resent', { by: 'ab', checksPass: true }).status).toBe('resent');
  });

  it('needs a reason for rejected and denied, and keeps it in the history', () => {
    expect(() => transition(draftEncounter({ status: 'sent' }), 'rejected', { by: 'ab' })).toThrow(/needs a reason/);
    expect(() => transition(draftEncounter({ status: 'sent' }), 'denied', { by: 'ab', reason: '  ' })).toThrow(/needs a reason/);
    const denied = transition(draftEncounter({ status: 'sent' }), 'denied', { by: 'ab', reason: 'CO-16' });
    expect(denied.statusHistory.at(-1)?.reason).toBe('CO-16');
  });

  it('explains a refused move with the moves that are allowed', () => {
    let error: unknown;
    try {
      transition(draftEncounter(), 'paid', { by: 'ab' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as Error).message).toBe('An encounter cannot go from draft to paid; from draft it can go to ready.');
    expect(() => transition(draftEncounter(), 'bogus' as EncounterStatus, { by: 'ab' })).toThrow(/not an encounter status/);
    expect(() => transition(draftEncounter(), 'ready', { by: ' ', checksPass: true })).toThrow(/who made it/);
  });
});
