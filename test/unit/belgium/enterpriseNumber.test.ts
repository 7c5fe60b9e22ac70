import fc from 'fast-check';
import {
	checkBelgianVatNumber,
	checkEnterpriseNumber,
	checkVatNumber,
	enterpriseNumberCheckDigits,
	enterpriseNumberFromVat,
	formatEnterpriseNumber,
	isValidEnterpriseNumber,
	normaliseVatNumber,
} from '../../../core/belgium';

describe('enterprise number (KBO/BCE)', () => {
	it.each([
		// 08765432 mod 97 = 27 → 97 − 27 = 70
		['0876543270', '0876543270'],
		['0876.543.270', '0876543270'],
		['0876 543 270', '0876543270'],
		['0555-121-201', '0555121201'],
		['0403006195', '0403006195'],
		// 01234567 mod 97 = 48 → 49
		['0123.456.749', '0123456749'],
	])('%s is valid and normalises to %s', (input, digits) => {
		expect(checkEnterpriseNumber(input)).toEqual({ ok: true, value: digits });
	});

	it('uses 97 as check digits when the first eight are a multiple of 97', () => {
		// 00000097 mod 97 = 0 → 97 − 0 = 97
		expect(enterpriseNumberCheckDigits('00000097')).toBe('97');
		expect(isValidEnterpriseNumber('0000009797')).toBe(true);
		expect(isValidEnterpriseNumber('0000009700')).toBe(false);
	});

	it('pads a one-digit check to two digits', () => {
		// 00000096 mod 97 = 96 → 01
		expect(enterpriseNumberCheckDigits('00000096')).toBe('01');
		expect(isValidEnterpriseNumber('0000009601')).toBe(true);
	});

	it.each(['0876543271', '0876543207', '1876543270'])('%s has wrong check digits', (input) => {
		expect(checkEnterpriseNumber(input)).toEqual({ ok: false, error: 'check digits do not match (mod 97)' });
	});

	it.each(['087654327', '08765432700', 'BE0876543270', '08765432a0', ''])('%s is not 10 digits', (input) => {
		expect(checkEnterpriseNumber(input)).toEqual({ ok: false, error: 'must be 10 digits, e.g. 0123.456.749' });
	});

	it('accepts every number built by the rule and rejects every single-digit change of it', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{8}$/), fc.nat(9), fc.integer({ min: 1, max: 9 }), (firstEight, position, delta) => {
				const number = firstEight + enterpriseNumberCheckDigits(firstEight);
				expect(isValidEnterpriseNumber(number)).toBe(true);
				const changed = number.slice(0, position) + ((Number(number[position]) + delta) % 10) + number.slice(position + 1);
				expect(isValidEnterpriseNumber(changed)).toBe(false);
			}),
		);
	});

	it('formats as KBO prints it', () => {
		expect(formatEnterpriseNumber('0876543270')).toBe('0876.543.270');
	});
});

describe('VAT numbers', () => {
	it('normalises spaces, dots, dashes and case', () => {
		expect(normaliseVatNumber(' be 0555.121-201 ')).toBe('BE0555121201');
	});

	it('accepts a Belgian VAT number = BE + valid enterprise number', () => {
		expect(checkBelgianVatNumber('BE 0555.121.201')).toEqual({ ok: true, value: 'BE0555121201' });
		expect(checkVatNumber('be0876543270')).toEqual({ ok: true, value: 'BE0876543270' });
	});

	it('rejects a Belgian VAT number with a bad check', () => {
		expect(checkVatNumber('BE0876543271')).toEqual({ ok: false, error: 'check digits do not match (mod 97)' });
	});

	it('rejects a Belgian VAT number of the wrong length', () => {
		expect(checkVatNumber('BE876543270')).toEqual({
			ok: false,
			error: 'must be BE followed by 10 digits, e.g. BE0123456749',
		});
	});

	it('only shape-checks foreign VAT numbers', () => {
		expect(checkVatNumber('NL 859016344 B01')).toEqual({ ok: true, value: 'NL859016344B01' });
		expect(checkVatNumber('FR40303265045')).toEqual({ ok: true, value: 'FR40303265045' });
		expect(checkVatNumber('123456789').ok).toBe(false);
		expect(checkVatNumber('N').ok).toBe(false);
	});

	it('extracts the enterprise number from a Belgian VAT number', () => {
		expect(enterpriseNumberFromVat('BE 0876.543.270')).toBe('0876543270');
		expect(enterpriseNumberFromVat('NL859016344B01')).toBeUndefined();
		expect(enterpriseNumberFromVat('BE0876543271')).toBeUndefined();
	});
});
