/** Empty text → null, otherwise trimmed. */
export const optionalText = (text: string) => (text.trim() === '' ? null : text.trim());

/** Empty text → null, otherwise the whole number (call only after `isIntText`). */
export const optionalInt = (text: string) => (text.trim() === '' ? null : Number(text.trim()));

/** Empty, or a whole number. */
export const isIntText = (text: string) => text.trim() === '' || /^-?\d+$/.test(text.trim());
