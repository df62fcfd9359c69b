/**
 * National Provider Identifier check digit (CMS, "Requirements for NPI check digit"): the Luhn formula over
 * the prefix 80840 (the NPI's ISO 7812 issuer id) followed by the first nine digits. Applying the prefix is the
 * same as adding 24 to the doubled-digit sum of the nine digits.
 */

/** The check digit for the first nine digits of an NPI. */
export function npiCheckDigit(firstNine: string): number {
  if (!/^\d{9}$/.test(firstNine)) throw new Error(`An NPI check digit needs nine digits, not "${firstNine}"`);
  let sum = 24; // the digits of 80840 after Luhn doubling
  for (let i = 0; i < 9; i++) {
    let digit = Number(firstNine[i]);
    // Counting from the check digit leftwards, every second digit is doubled: positions 1, 3, 5, 7, 9 here.
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Why a string is not a valid NPI, or undefined when it is one. */
export function npiProblem(npi: unknown): string | undefined {
  if (typeof npi !== 'string' || npi.trim() === '') return 'no NPI is given';
  if (!/^\d{10}$/.test(npi)) return `"${npi}" is not 10 digits`;
  const expected = npiCheckDigit(npi.slice(0, 9));
  if (Number(npi[9]) !== expected) return `the check digit of ${npi} is wrong (the first nine digits give ${expected}), so a digit was probably mistyped`;
  return undefined;
}

/** Whether a string is a 10-digit NPI with a correct check digit. */
export function isValidNpi(npi: unknown): npi is string {
  return npiProblem(npi) === undefined;
}
