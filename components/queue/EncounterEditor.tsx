import { useEffect, useState } from 'react';
import { Field } from './Field';
import type { CodedEncounter, ServiceLine } from '@/lib/encounter/types';

interface Props {
  encounter: CodedEncounter;
  /** Locked statuses (sent, paid…) are shown read-only: correct them through the workflow instead. */
  readOnly: boolean;
  onSave(encounter: CodedEncounter): Promise<void>;
}

/** Letters A–L for diagnosis pointers, as on the claim form. */
const letter = (n: number) => String.fromCharCode(64 + n);
const parsePointers = (text: string) =>
  text
    .toUpperCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((t) => (/^[A-L]$/.test(t) ? t.charCodeAt(0) - 64 : Number(t)))
    .filter((n) => Number.isInteger(n) && n > 0);

/**
 * Every field of a coded encounter, editable. Edits stay local until Save, so a half-typed NPI never
 * reaches the store (and the audit log records one change per save, not per keystroke).
 */
export function EncounterEditor({ encounter, readOnly, onSave }: Props) {
  const [draft, setDraft] = useState(encounter);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(encounter), [encounter]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(encounter);

  const set = (mutate: (e: CodedEncounter) => void) =>
    setDraft((old) => {
      const copy = structuredClone(old);
      mutate(copy);
      return copy;
    });
  const setLine = (i: number, mutate: (l: ServiceLine) => void) => set((e) => mutate(e.lines[i]!));
  const moveDiagnosis = (i: number, to: number) =>
    set((e) => {
      if (to < 0 || to >= e.diagnoses.length) return;
      const [d] = e.diagnoses.splice(i, 1);
      e.diagnoses.splice(to, 0, d!);
      // Pointers follow their diagnosis, not its old position.
      const map = (p: number) => (p === i + 1 ? to + 1 : i < to && p > i + 1 && p <= to + 1 ? p - 1 : i > to && p >= to + 1 && p < i + 1 ? p + 1 : p);
      for (const l of e.lines) l.pointers = l.pointers.map(map);
    });

  return (
    <form
      className="encounter-editor"
      aria-label={`Encounter ${encounter.claimId}`}
      onSubmit={async (ev) => {
        ev.preventDefault();
        setSaving(true);
        try {
          await onSave(draft);
        } finally {
          setSaving(false);
        }
      }}
    >
      <fieldset disabled={readOnly}>
        <legend>Patient</legend>
        <Field label="Last name">
          <input data-testid="edit-patient-family" value={draft.patient.name.family} onChange={(e) => set((d) => void (d.patient.name.family = e.target.value))} />
        </Field>
        <Field label="First name">
          <input value={draft.patient.name.given} onChange={(e) => set((d) => void (d.patient.name.given = e.target.value))} />
        </Field>
        <Field label="Date of birth">
          <input type="date" value={draft.patient.dob} onChange={(e) => set((d) => void (d.patient.dob = e.target.value))} />
        </Field>
        <Field label="Sex">
          <select value={draft.patient.sex} onChange={(e) => set((d) => void (d.patient.sex = e.target.value as 'F' | 'M' | 'U'))}>
            <option value="F">Female</option>
            <option value="M">Male</option>
            <option value="U">Unknown</option>
          </select>
        </Field>
        <Field label="MRN">
          <input value={draft.patient.mrn} onChange={(e) => set((d) => void (d.patient.mrn = e.target.value))} />
        </Field>
        <Field label="Member id">
          <input value={draft.patient.memberId ?? ''} onChange={(e) => set((d) => void (d.patient.memberId = e.target.value || undefined))} />
        </Field>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>Encounter</legend>
        <Field label="Date of service">
          <input type="date" data-testid="edit-dos" value={draft.dateOfService} onChange={(e) => set((d) => void (d.dateOfService = e.target.value))} />
        </Field>
        <Field label="Place of service">
          <input data-testid="edit-pos" value={draft.placeOfService} maxLength={2} onChange={(e) => set((d) => void (d.placeOfService = e.target.value))} />
        </Field>
        <Field label="Payer">
          <input value={draft.payer.name} onChange={(e) => set((d) => void (d.payer.name = e.target.value))} />
        </Field>
        <Field label="Payer id">
          <input value={draft.payer.id} onChange={(e) => set((d) => void (d.payer.id = e.target.value))} />
        </Field>
        <Field label="Rendering NPI">
          <input data-testid="edit-rendering-npi" inputMode="numeric" value={draft.renderingProvider.npi} onChange={(e) => set((d) => void (d.renderingProvider.npi = e.target.value.trim()))} />
        </Field>
        <Field label="Rendering provider">
          <input
            value={`${draft.renderingProvider.name.given} ${draft.renderingProvider.name.family}`.trim()}
            onChange={(e) =>
              set((d) => {
                const parts = e.target.value.trim().split(/\s+/);
                d.renderingProvider.name = { given: parts.slice(0, -1).join(' '), family: parts.at(-1) ?? '' };
              })
            }
          />
        </Field>
        <Field label="Billing NPI">
          <input data-testid="edit-billing-npi" inputMode="numeric" value={draft.billingProvider.npi} onChange={(e) => set((d) => void (d.billingProvider.npi = e.target.value.trim()))} />
        </Field>
        <Field label="Coder">
          <input value={draft.coder} onChange={(e) => set((d) => void (d.coder = e.target.value))} />
        </Field>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>Diagnoses (claim order, A–L)</legend>
        <ol className="editor-list">
          {draft.diagnoses.map((d, i) => (
            <li key={`${i}-${d.code}`} data-testid="edit-diagnosis">
              <span aria-hidden="true">{letter(i + 1)}</span>
              <input aria-label={`Diagnosis ${letter(i + 1)} code`} value={d.code} onChange={(e) => set((x) => void (x.diagnoses[i]!.code = e.target.value.trim().toUpperCase()))} />
              <span className="muted">{d.title}</span>
              <button type="button" aria-label={`Move ${d.code} up`} onClick={() => moveDiagnosis(i, i - 1)} disabled={i === 0}>
                ↑
              </button>
              <button type="button" aria-label={`Move ${d.code} down`} onClick={() => moveDiagnosis(i, i + 1)} disabled={i === draft.diagnoses.length - 1}>
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove ${d.code}`}
                onClick={() =>
                  set((x) => {
                    x.diagnoses.splice(i, 1);
                    for (const l of x.lines) l.pointers = l.pointers.filter((p) => p !== i + 1).map((p) => (p > i + 1 ? p - 1 : p));
                  })
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => set((x) => void x.diagnoses.push({ code: '' }))}>
          Add diagnosis
        </button>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>Service lines</legend>
        <table className="editor-lines">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Modifiers</th>
              <th scope="col">Units</th>
              <th scope="col">Charge</th>
              <th scope="col">Pointers</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.lines.map((l, i) => (
              <tr key={l.id} data-testid="edit-line">
                <td>
                  <input aria-label={`Line ${i + 1} code`} value={l.code} onChange={(e) => setLine(i, (x) => void (x.code = e.target.value.trim().toUpperCase()))} />
                </td>
                <td>
                  <input
                    aria-label={`Line ${i + 1} modifiers`}
                    value={l.modifiers.join(' ')}
                    onChange={(e) => setLine(i, (x) => void (x.modifiers = e.target.value.toUpperCase().split(/[\s,]+/).filter(Boolean)))}
                  />
                </td>
                <td>
                  <input aria-label={`Line ${i + 1} units`} data-testid="edit-units" type="number" min={1} value={l.units} onChange={(e) => setLine(i, (x) => void (x.units = Number(e.target.value)))} />
                </td>
                <td>
                  <input aria-label={`Line ${i + 1} charge`} type="number" min={0} step="0.01" value={l.charge} onChange={(e) => setLine(i, (x) => void (x.charge = Number(e.target.value)))} />
                </td>
                <td>
                  <PointerInput line={i + 1} pointers={l.pointers} onChange={(pointers) => setLine(i, (x) => void (x.pointers = pointers))} />
                </td>
                <td>
                  <button type="button" aria-label={`Remove line ${i + 1}`} onClick={() => set((x) => void x.lines.splice(i, 1))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() =>
            set((x) =>
              void x.lines.push({ id: String(Math.max(0, ...x.lines.map((l) => Number(l.id) || 0)) + 1), system: 'cpt', code: '', modifiers: [], units: 1, charge: 0, pointers: x.diagnoses.length ? [1] : [] }),
            )
          }
        >
          Add line
        </button>
      </fieldset>

      <Field label="Note">
        <textarea value={draft.note ?? ''} disabled={readOnly} onChange={(e) => set((d) => void (d.note = e.target.value || undefined))} />
      </Field>
      {!readOnly && (
        <div className="actions">
          <button type="submit" data-testid="save-encounter" disabled={!dirty || saving}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" disabled={!dirty || saving} onClick={() => setDraft(encounter)}>
            Discard changes
          </button>
        </div>
      )}
    </form>
  );
}

/** Pointers typed as letters (A C) or numbers (1 3); kept as typed until the field loses focus. */
function PointerInput({ line, pointers, onChange }: { line: number; pointers: number[]; onChange(p: number[]): void }) {
  const shown = pointers.map(letter).join(' ');
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return <input aria-label={`Line ${line} diagnosis pointers (letters A–L)`} data-testid="edit-pointers" value={text} onChange={(e) => setText(e.target.value)} onBlur={() => onChange(parsePointers(text))} />;
}
