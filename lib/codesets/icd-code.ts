/** Helpers for writing ICD-10-CM codes the way coders read them. */

/** Inserts the dot after the third character (E1165 → E11.65); leaves short codes alone. */
export function withDot(code: string): string {
  const bare = withoutDot(code);
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

/** Removes the dot and upper-cases (e11.65 → E1165). */
export function withoutDot(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

/** ICD-10-CM code shape: a letter, two alphanumerics (QA0, O9A exist), then up to four more. Refuses garbage early. */
export const ICD10CM_CODE = /^[A-Z][0-9A-Z]{2}(\.?[0-9A-Z]{1,4})?$/;
