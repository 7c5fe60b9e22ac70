import fc from 'fast-check';
import { checkIban, formatIban, isValidIban } from '../../../core/belgium';

describe('IBAN', () => {
	it.each([
		['BE68 5390 0754 7034', 'BE68539007547034'],
		['be71096123456769', 'BE71096123456769'],
		['NL91ABNA0417164300', 'NL91ABNA0417164300'],
		['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
		['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
		['GB82WEST12345698765432', 'GB82WEST12345698765432'],
		['LU28 0019 4006 4475 0000', 'LU280019400644750000'],
	])('%s is valid', (input, iban) => {
		expect(checkIban(input)).toEqual({ ok: true, value: iban });
	});

	it('rejects a wrong check digit', () => {
		expect(checkIban('BE68539007547035')).toEqual({ ok: false, error: 'check digits do not match (mod 97)' });
		expect(checkIban('BE69539007547034')).toEqual({ ok: false, error: 'check digits do not match (mod 97)' });
	});

	it('rejects a wrong length for the country', () => {
		expect(checkIban('BE6853900754703')).toEqual({ ok: false, error: 'a BE IBAN has 16 characters, got 15' });
	});

	it('rejects unknown countries and garbage', () => {
		expect(checkIban('ZZ68539007547034')).toEqual({ ok: false, error: 'country ZZ does not issue IBANs' });
		expect(checkIban('123').ok).toBe(false);
		expect(checkIban('BE68 5390 0754 703!').ok).toBe(false);
	});

	it('catches every single-character change of a valid IBAN', () => {
		const iban = 'BE68539007547034';
		fc.assert(
			fc.property(fc.integer({ min: 2, max: iban.length - 1 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
				const changed = iban.slice(0, position) + ((Number(iban[position]) + delta) % 10) + iban.slice(position + 1);
				expect(isValidIban(changed)).toBe(false);
			}),
		);
	});

	it('formats in groups of four', () => {
		expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
	});
});
