/**
 * Required claim data. The 837P professional claim (ASC X12 005010X222A1) cannot be sent without the
 * patient's name, date of birth and sex (loop 2010BA/2010CA), a payer (2010BB), the billing provider's tax id
 * (2010AA REF*EI, a 9-digit EIN) and address, a claim id (CLM01, at most 20 characters), a date of service and
 * at least one service line with units of 1 or more and a charge of 0 or more (SV102, SV104).
 */
import { isIsoDate } from '../age';
import { lineNameAtStart, linesOf } from '../encounter-parts';
import type { CheckResult, ClaimRule } from '../types';

const RULE = 'required-fields';
const SOURCE = '837P (005010X222A1) required claim data';

export const requiredFields: ClaimRule = {
  id: RULE,
  description: 'Patient, payer, billing provider, dates, lines, units and charges are present and well formed',
  check(encounter, ctx) {
    const out: CheckResult[] = [];
    const error = (field: string, message: string, extra: Partial<CheckResult> = {}) => out.push({ rule: RULE, severity: 'error', codes: [], message, source: SOURCE, field, ...extra });
    const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

    if (blank(encounter.claimId)) error('claimId', 'The claim id (patient control number) is missing.');
    else if (encounter.claimId.length > 20) error('claimId', `The claim id "${encounter.claimId}" is ${encounter.claimId.length} characters; CLM01 holds at most 20.`);

    const patient = encounter.patient;
    if (blank(patient?.name?.family)) error('patient.name.family', "The patient's family name is missing.");
    if (blank(patient?.name?.given)) error('patient.name.given', "The patient's given name is missing.");
    if (!isIsoDate(patient?.dob)) error('patient.dob', `The patient's date of birth ${blank(patient?.dob) ? 'is missing' : `"${patient.dob}" is not a date (YYYY-MM-DD)`}.`);
    else if (patient.dob > ctx.today) error('patient.dob', `The patient's date of birth ${patient.dob} is in the future.`);
    else if (isIsoDate(encounter.dateOfService) && patient.dob > encounter.dateOfService) error('patient.dob', `The patient's date of birth ${patient.dob} is after the date of service ${encounter.dateOfService}.`);
    if (!['F', 'M', 'U'].includes(patient?.sex as string)) error('patient.sex', `The patient's sex ${blank(patient?.sex) ? 'is missing' : `"${String(patient.sex)}" is not F, M or U`}.`);
    if (blank(patient?.mrn)) error('patient.mrn', "The patient's medical record number is missing.");
    if (blank(patient?.memberId)) error('patient.memberId', "The patient's member id (subscriber id on the payer's card) is missing; the claim's subscriber loop needs it.", { source: '837P loop 2010BA NM1*IL subscriber primary identifier' });

    if (!isIsoDate(encounter.dateOfService)) error('dateOfService', `The date of service ${blank(encounter.dateOfService) ? 'is missing' : `"${encounter.dateOfService}" is not a date (YYYY-MM-DD)`}.`);
    else if (encounter.dateOfService > ctx.today) error('dateOfService', `The date of service ${encounter.dateOfService} is in the future; a claim is sent after the service.`);

    if (blank(encounter.payer?.name)) error('payer.name', 'The payer name is missing.');
    if (blank(encounter.payer?.id)) error('payer.id', 'The payer id used on electronic claims is missing.');

    const billing = encounter.billingProvider;
    if (blank(billing?.name)) error('billingProvider.name', 'The billing provider name is missing.');
    if (typeof billing?.taxId !== 'string' || !/^\d{9}$/.test(billing.taxId)) {
      const dashed = typeof billing?.taxId === 'string' && /^\d{2}-\d{7}$/.test(billing.taxId);
      error('billingProvider.taxId', dashed ? `The billing provider tax id "${billing.taxId}" must be written as 9 digits without the dash.` : `The billing provider tax id ${blank(billing?.taxId) ? 'is missing' : `"${String(billing.taxId)}" is not 9 digits`}; the claim needs the 9-digit EIN.`, { source: '837P loop 2010AA REF*EI billing provider tax identification (9-digit EIN)' });
    }
    const address = billing?.address;
    if (!address || blank(address.line) || blank(address.city) || blank(address.state) || blank(address.zip)) error('billingProvider.address', 'The billing provider address (street, city, state, ZIP) is incomplete.');

    const lines = linesOf(encounter);
    if (lines.length === 0) error('lines', 'The encounter has no service lines.');
    for (const { line, field } of lines) {
      const at = { line: line.id, codes: line.code ? [line.code] : [] };
      if (blank(line.id)) error(`${field}.id`, `Line ${field} has no id.`, at);
      if (typeof line.units !== 'number' || !Number.isFinite(line.units) || line.units < 1) error(`${field}.units`, `${lineNameAtStart(line)} has ${JSON.stringify(line.units ?? null)} units; a line needs 1 unit or more.`, at);
      if (typeof line.charge !== 'number' || !Number.isFinite(line.charge) || line.charge < 0) error(`${field}.charge`, `${lineNameAtStart(line)} has charge ${JSON.stringify(line.charge ?? null)}; a charge is a number of dollars, 0 or more.`, at);
      if (line.dateOfService !== undefined) {
        if (!isIsoDate(line.dateOfService)) error(`${field}.dateOfService`, `${lineNameAtStart(line)} has date "${String(line.dateOfService)}", which is not a date (YYYY-MM-DD).`, at);
        else if (isIsoDate(encounter.dateOfService) && line.dateOfService < encounter.dateOfService) {
          error(`${field}.dateOfService`, `${lineNameAtStart(line)} is dated ${line.dateOfService}, before the encounter's first date of service ${encounter.dateOfService}.`, at);
        }
      }
    }
    return out;
  },
};
