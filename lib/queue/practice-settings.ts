/**
 * The practice's settings for new encounters and claim files: billing and rendering provider, payer,
 * place of service, X12 submitter ids, and who is working. No patient data lives here.
 */
import type { CoderDB } from '../db';
import type { EncounterDefaults } from '../encounter/from-suggestions';

export const PRACTICE_SETTINGS_KEY = 'practiceSettings';
export const X12_CONTROL_NUMBER_KEY = 'x12ControlNumber';

export interface PracticeSettings {
  /** The person working in this browser (recorded in the audit log). */
  user: string;
  defaults: EncounterDefaults;
  /** 837P envelope: who sends (submitter / ISA06) and who receives (clearinghouse / ISA08). */
  x12: { senderId: string; senderName: string; receiverId: string; receiverName: string; contactName: string; contactPhone: string; usage: 'T' | 'P' };
}

export const DEFAULT_PRACTICE_SETTINGS: PracticeSettings = {
  user: '',
  defaults: { placeOfService: '11' },
  x12: { senderId: '', senderName: '', receiverId: '', receiverName: '', contactName: '', contactPhone: '', usage: 'T' },
};

export async function loadPracticeSettings(db: CoderDB): Promise<PracticeSettings> {
  const stored = (await db.settings.get(PRACTICE_SETTINGS_KEY))?.value as Partial<PracticeSettings> | undefined;
  return {
    ...DEFAULT_PRACTICE_SETTINGS,
    ...stored,
    defaults: { ...DEFAULT_PRACTICE_SETTINGS.defaults, ...stored?.defaults },
    x12: { ...DEFAULT_PRACTICE_SETTINGS.x12, ...stored?.x12 },
  };
}

export async function savePracticeSettings(db: CoderDB, settings: PracticeSettings): Promise<void> {
  await db.settings.put({ key: PRACTICE_SETTINGS_KEY, value: settings });
}

/**
 * The next interchange control number (ISA13), 1–999,999,999, kept across exports so a clearinghouse
 * never sees the same number twice. Taken in a transaction so two pages never get the same one.
 */
export async function nextControlNumber(db: CoderDB): Promise<number> {
  return db.transaction('rw', db.settings, async () => {
    const last = Number((await db.settings.get(X12_CONTROL_NUMBER_KEY))?.value ?? 0);
    const next = last >= 999_999_999 || !Number.isInteger(last) ? 1 : last + 1;
    await db.settings.put({ key: X12_CONTROL_NUMBER_KEY, value: next });
    return next;
  });
}
