/**
 * Place of service. A professional claim carries a two-digit CMS place-of-service code (837P CLM05-1, CMS-1500
 * item 24B); codes CMS has not assigned are rejected.
 */
import type { ClaimRule } from '../types';

const RULE = 'place-of-service';

export const placeOfService: ClaimRule = {
  id: RULE,
  description: 'The place of service is an assigned CMS place-of-service code',
  check(encounter, ctx) {
    const code = typeof encounter.placeOfService === 'string' ? encounter.placeOfService.trim() : '';
    const at = { rule: RULE, severity: 'error' as const, codes: code ? [code] : [], field: 'placeOfService' };
    const list = ctx.edits?.placeOfService;
    const source = `CMS Place of Service code set (${ctx.edits ? ctx.edits.id : 'not loaded'}); 837P CLM05-1`;
    if (!/^\d{2}$/.test(code)) return [{ ...at, message: `The place of service "${code}" is not a two-digit CMS code (e.g. 11 for an office).`, source }];
    if (!list) return [];
    const entry = list.find((p) => p.code === code);
    if (!entry) return [{ ...at, message: `${code} is not a CMS place-of-service code.`, source }];
    if (!entry.assigned) return [{ ...at, message: `${code} is a place-of-service code CMS has not assigned, so payers reject it.`, source }];
    return [];
  },
};
