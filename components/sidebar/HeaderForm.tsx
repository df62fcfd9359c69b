import type { EncounterHeaderDraft } from '@/lib/messaging';

const TEXT_FIELDS: [keyof EncounterHeaderDraft, string, string?][] = [
  ['name', 'Patient name'],
  ['dob', 'Date of birth', 'YYYY-MM-DD'],
  ['mrn', 'MRN'],
  ['dateOfService', 'Date of service', 'YYYY-MM-DD'],
  ['provider', 'Provider'],
];

/** The patient/encounter header, prefilled from the chart and editable before the codes are sent on. */
export function HeaderForm({ value, onChange }: { value: EncounterHeaderDraft; onChange(field: keyof EncounterHeaderDraft, value: string): void }) {
  return (
    <details className="patient" open>
      <summary>Patient and encounter</summary>
      <div className="fields" onKeyDown={(e) => e.stopPropagation()}>
        {TEXT_FIELDS.map(([field, label, placeholder]) => (
          <label key={field}>
            <span>{label}</span>
            <input type="text" name={field} value={value[field]} placeholder={placeholder} autoComplete="off" onChange={(e) => onChange(field, e.target.value)} />
          </label>
        ))}
        <label>
          <span>Sex</span>
          <select name="sex" value={value.sex} onChange={(e) => onChange('sex', e.target.value)}>
            <option value="">Not stated</option>
            <option value="female">Female</option>
            <option value="male">Male</option>
            <option value="other">Other</option>
            <option value="unknown">Unknown</option>
          </select>
        </label>
        <label>
          <span>Patient</span>
          <select name="patientStatus" value={value.patientStatus} onChange={(e) => onChange('patientStatus', e.target.value)}>
            <option value="">Not stated</option>
            <option value="new">New</option>
            <option value="established">Established</option>
          </select>
        </label>
      </div>
    </details>
  );
}
