// Belgian enterprise number (KBO/BCE): 10 digits, the last two are 97 − (first eight mod 97).
// The same rule Peppol applies to scheme 0208 (u:mod97-0208).
import { type CheckResult, invalid, stripSeparators, valid } from './checkResult';

/** The two check digits for the first eight digits of an enterprise number. */
export function enterpriseNumberCheckDigits(firstEight: string): string {
	const remainder = Number(firstEight) % 97;
	return String(97 - remainder).padStart(2, '0');
}

/** Accepts `0123456749`, `0123.456.749`, `0123 456 749`; returns the 10 bare digits. */
export function checkEnterpriseNumber(input: string): CheckResult {
	const digits = stripSeparators(input);
	if (!/^\d{10}$/.test(digits)) return invalid('must be 10 digits, e.g. 0123.456.749');
	if (digits.slice(8) !== enterpriseNumberCheckDigits(digits.slice(0, 8))) {
		return invalid('check digits do not match (mod 97)');
	}
	return valid(digits);
}

export const isValidEnterpriseNumber = (input: string): boolean => checkEnterpriseNumber(input).ok;

/** `0123456749` → `0123.456.749`, the way KBO prints it. */
export const formatEnterpriseNumber = (digits: string): string =>
	`${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
