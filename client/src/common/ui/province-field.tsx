import { FormField } from './form-field';

interface ProvinceFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  provinces: ReadonlyArray<{ code: string; name: string }>;
  value: string;
  onChange(code: string): void;
}

/** The province a new record belongs to, for users who may write in more than one. */
export function ProvinceField({ id, label, hint, error, provinces, value, onChange }: ProvinceFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(a11y) => (
        <select {...a11y} value={value} onChange={(e) => onChange(e.target.value)}>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
