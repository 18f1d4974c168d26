import type { ReactNode } from 'react';

/** A link in an error summary that moves focus to the input it is about (the URL stays as it is). */
export function FieldLink({ inputId, children }: { inputId: string; children: ReactNode }) {
  return (
    <a
      href={`#${inputId}`}
      onClick={(ev) => {
        ev.preventDefault();
        document.getElementById(inputId)?.focus();
      }}
    >
      {children}
    </a>
  );
}
