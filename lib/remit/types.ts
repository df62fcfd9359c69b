/**
 * A parsed X12 835 (005010X221A1) remittance advice: what the payer paid, adjusted and said, claim by claim.
 * Amounts are dollars as numbers (negative on reversals); dates are ISO YYYY-MM-DD.
 */

/** CAS group: CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction/reversal. */
export type AdjustmentGroup = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';
export const ADJUSTMENT_GROUPS: readonly AdjustmentGroup[] = ['CO', 'PR', 'OA', 'PI', 'CR'];

/** One reason/amount/quantity triplet of a CAS segment. */
export interface Adjustment {
  group: AdjustmentGroup;
  /** Claim adjustment reason code (CARC), e.g. "45", "16". */
  reason: string;
  amount: number;
  units?: number;
}

/** One SVC loop (2110): a service line as the payer adjudicated it. */
export interface RemittanceService {
  /** SVC01-1 qualifier: HC (HCPCS/CPT), AD, ER, IV, N4, NU, WK. */
  qualifier: string;
  code: string;
  modifiers: string[];
  billed: number;
  paid: number;
  /** SVC05; the 835 means 1 when it is left out. */
  units: number;
  /** SVC06: the code as submitted, when the payer paid under a different one. */
  submittedCode?: string;
  /** DTM*472 (or *150 service period start). */
  date?: string;
  adjustments: Adjustment[];
  /** LQ*HE remark codes (RARC). */
  remarks: string[];
  /** REF*6R: our line id, sent in the 837P. */
  lineId?: string;
  /** AMT*B6 allowed amount. */
  allowed?: number;
}

/** CLP02 claim status codes we know; others are kept as their number. */
export const CLAIM_STATUS_CODES: Readonly<Record<string, string>> = {
  '1': 'processed as primary',
  '2': 'processed as secondary',
  '3': 'processed as tertiary',
  '4': 'denied',
  '19': 'processed as primary, forwarded to additional payer(s)',
  '20': 'processed as secondary, forwarded to additional payer(s)',
  '21': 'processed as tertiary, forwarded to additional payer(s)',
  '22': 'reversal of previous payment',
  '23': 'not our claim, forwarded to additional payer(s)',
  '25': 'predetermination pricing only, no payment',
};

/** One CLP loop (2100): one claim. */
export interface RemittanceClaim {
  /** CLP01: our patient control number (CodedEncounter.claimId). */
  claimId: string;
  /** CLP02, see {@link CLAIM_STATUS_CODES}. */
  statusCode: string;
  billed: number;
  paid: number;
  /** CLP05 (0 when left out). */
  patientResponsibility: number;
  /** CLP06 claim filing indicator, e.g. "12" PPO, "MB" Medicare Part B. */
  filingIndicator?: string;
  /** CLP07: the payer's claim control number (ICN); "" when left out. */
  payerClaimControlNumber: string;
  /** NM1*QC. */
  patient?: { family: string; given: string; middle?: string; memberId?: string };
  /** DTM*232 statement from, else DTM*472 at claim level. */
  serviceDate?: string;
  /** DTM*050 claim received by the payer. */
  receivedDate?: string;
  /** Claim-level CAS. */
  adjustments: Adjustment[];
  /** MOA/MIA remark codes (RARC) at claim level. */
  remarks: string[];
  services: RemittanceService[];
  /** Which ST/SE transaction (0-based) the claim came in; each has its own payer and payment. */
  transaction: number;
}

/** A PLB provider-level adjustment: positive amounts reduce the payment, negative ones add to it. */
export interface ProviderAdjustment {
  providerId: string;
  date?: string;
  /** PLB03-1, e.g. WO overpayment recovery, L6 interest, FB forwarding balance. */
  reason: string;
  reference?: string;
  amount: number;
}

export interface RemittanceParty {
  name: string;
  /** N104, e.g. the payer id (XV) or the payee NPI (XX) / tax id (FI). */
  id?: string;
  idQualifier?: string;
}

export interface RemittancePayment {
  /** BPR02 total actual provider payment. */
  amount: number;
  /** BPR01 transaction handling: I remittance with payment, H advice only, … */
  handling: string;
  /** BPR03 C credit, D debit. */
  creditDebit: string;
  /** BPR04: ACH, CHK, BOP, FWT, NON. */
  method: string;
  /** BPR16 payment (effective) date. */
  date?: string;
  /** TRN02: check or EFT trace number. */
  traceNumber: string;
  /** TRN03: originating company id (payer's). */
  originatorId?: string;
}

/** One ST/SE transaction: one payment from one payer to one payee. */
export interface RemittanceTransaction {
  controlNumber: string;
  payer: RemittanceParty;
  payee: RemittanceParty;
  payment: RemittancePayment;
  providerAdjustments: ProviderAdjustment[];
  /** Claims of this transaction, in file order. */
  claims: RemittanceClaim[];
}

/**
 * A whole 835 interchange. `payer`, `payee` and `payment` are those of the first transaction (most files have
 * one); `claims` holds the claims of all transactions in file order, each naming its `transaction`.
 */
export interface Remittance {
  interchangeControlNumber: string;
  senderId: string;
  receiverId: string;
  /** ISA15: T test, P production. */
  usage: string;
  payer: RemittanceParty;
  payee: RemittanceParty;
  payment: RemittancePayment;
  providerAdjustments: ProviderAdjustment[];
  claims: RemittanceClaim[];
  transactions: RemittanceTransaction[];
}
