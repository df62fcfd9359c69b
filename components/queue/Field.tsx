import type { ReactNode } from 'react';

/** A labelled form control: the label wraps the control, so clicking the text focuses it. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}
