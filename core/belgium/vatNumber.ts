// VAT identification numbers. Belgian: BE + the 10-digit enterprise number (same mod 97 check).
// Other countries are only normalised and shape-checked: their checksums are not ours to own.
import { type CheckResult, invalid, stripSeparators, valid } from './checkResult';
import { checkEnterpriseNumber } from './enterpriseNumber';

/** Spaces, dots and dashes removed, upper case: `be 0876.543.270` → `BE0876543270`. */
export const normaliseVatNumber = (input: string): string => stripSeparators(input).toUpperCase();

/** A Belgian VAT number: `BE` + a valid enterprise number. */
export function checkBelgianVatNumber(input: string): CheckResult {
	const vat = normaliseVatNumber(input);
	if (!vat.startsWith('BE')) return invalid('a Belgian VAT number starts with BE');
	const enterprise = checkEnterpriseNumber(vat.slice(2));
	if (!enterprise.ok) {
		return invalid(
			enterprise.error.startsWith('must be')
				? 'must be BE followed by 10 digits, e.g. BE0123456749'
				: enterprise.error,
		);
	}
	return valid(`BE${enterprise.value}`);
}

/**
 * Any VAT number: two-letter prefix (country, or EL for Greece) + 2–20 letters/digits;
 * Belgian numbers additionally get the enterprise-number check.
 */
export function checkVatNumber(input: string): CheckResult {
	const vat = normaliseVatNumber(input);
	if (vat.startsWith('BE')) return checkBelgianVatNumber(vat);
	if (!/^[A-Z]{2}[A-Z0-9+*]{2,20}$/.test(vat)) {
		return invalid('must be a country prefix followed by 2–20 letters or digits, e.g. NL859016344B01');
	}
	return valid(vat);
}

/** The enterprise number inside a Belgian VAT number, or undefined for other countries. */
export function enterpriseNumberFromVat(vatNumber: string): string | undefined {
	const result = checkBelgianVatNumber(vatNumber);
	return result.ok ? result.value.slice(2) : undefined;
}
