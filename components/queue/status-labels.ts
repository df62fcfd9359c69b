import type { EncounterStatus } from '@/lib/encounter/types';

/** How each workflow status reads for a biller. */
export const STATUS_LABELS: Record<EncounterStatus, string> = {
  draft: 'Draft',
  ready: 'Ready',
  exported: 'Exported',
  sent: 'Sent',
  accepted: 'Accepted',
  rejected: 'Rejected',
  corrected: 'Corrected',
  resent: 'Resent',
  paid: 'Paid',
  'partially-paid': 'Partially paid',
  denied: 'Denied',
  reversed: 'Reversed',
};
