// BIC (ISO 9362): 4 letters bank, 2 letters country, 2 letters/digits location, optional 3 for the branch.
import { type CheckResult, invalid, valid } from './checkResult';

export const normaliseBic = (input: string): string => input.replace(/\s/g, '').toUpperCase();

export function checkBic(input: string): CheckResult {
	const bic = normaliseBic(input);
	if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
		return invalid('must be a BIC of 8 or 11 characters, e.g. GKCCBEBB');
	}
	return valid(bic);
}

export const isValidBic = (input: string): boolean => checkBic(input).ok;
