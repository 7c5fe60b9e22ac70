// Belgian structured communication (gestructureerde mededeling / communication structurée):
// 12 digits shown as +++123/4567/89002+++ (or ***…***); the last two digits are the first ten mod 97,
// with 97 instead of 0.
import { type CheckResult, invalid, valid } from './checkResult';

const DECORATED = /^(\+{3}|\*{3})\s*(\d{3})\s*\/\s*(\d{4})\s*\/\s*(\d{5})\s*(\+{3}|\*{3})$/;

/** The two check digits for the first ten digits. */
export function structuredCommunicationCheckDigits(firstTen: string): string {
	const remainder = Number(firstTen) % 97;
	return String(remainder === 0 ? 97 : remainder).padStart(2, '0');
}

/** True when the text is written like a structured communication (+++…+++ or ***…***), valid or not. */
export const looksLikeStructuredCommunication = (input: string): boolean => /^\s*(\+{3}|\*{3})/.test(input);

/** Accepts `+++123/4567/89002+++`, `***123/4567/89002***` and `123456789002`; returns the 12 digits. */
export function checkStructuredCommunication(input: string): CheckResult {
	const text = input.trim();
	let digits: string;
	const decorated = DECORATED.exec(text);
	if (decorated) {
		if (decorated[1] !== decorated[5]) return invalid('must open and close with the same +++ or ***');
		digits = decorated[2] + decorated[3] + decorated[4];
	} else if (/^\d{12}$/.test(text)) {
		digits = text;
	} else {
		return invalid('must be a structured communication like +++123/4567/89002+++ (12 digits)');
	}
	if (digits.slice(10) !== structuredCommunicationCheckDigits(digits.slice(0, 10))) {
		return invalid('check digits do not match (mod 97)');
	}
	return valid(digits);
}

export const isValidStructuredCommunication = (input: string): boolean => checkStructuredCommunication(input).ok;

/** `123456789002` → `+++123/4567/89002+++`. */
export const formatStructuredCommunication = (digits: string): string =>
	`+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;

/** A valid structured communication with the given 10-digit base: handy for tests and for issuers. */
export const structuredCommunicationFor = (firstTen: string): string =>
	formatStructuredCommunication(firstTen + structuredCommunicationCheckDigits(firstTen));
