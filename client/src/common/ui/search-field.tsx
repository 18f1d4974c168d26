interface SearchFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** Shown under the box and tied to it with aria-describedby. */
  hint?: string;
  placeholder?: string;
  testId: string;
}

/** The words box of a list's filter bar. */
export function SearchField({ id, label, value, onChange, hint, placeholder, testId }: SearchFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="form-field filter-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        maxLength={200}
        autoComplete="off"
        aria-describedby={hintId}
        data-testid={testId}
      />
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
