/** Result of a Belgian identifier check: the normalised value, or why it is not valid. */
export type CheckResult = { ok: true; value: string } | { ok: false; error: string };

export const valid = (value: string): CheckResult => ({ ok: true, value });
export const invalid = (error: string): CheckResult => ({ ok: false, error });

/** Removes the separators people type inside identifiers: spaces, dots, dashes, slashes. */
export const stripSeparators = (input: string): string => input.replace(/[\s.\-/]/g, '');
