import { randomBytes } from './bytes';

const CLAIM_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

/** A new claim id (patient control number, CLM01): 12 characters of [0-9A-Z], 60 random bits. */
export function newClaimId(): string {
  return Array.from(randomBytes(12), (b) => CLAIM_ID_ALPHABET[b & 31]).join('');
}

/** A new encounter id (UUID v4). */
export function newEncounterId(): string {
  return crypto.randomUUID();
}
