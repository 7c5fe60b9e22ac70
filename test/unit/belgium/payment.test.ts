import fc from 'fast-check';
import {
	checkBic,
	checkIban,
	checkStructuredCommunication,
	formatIban,
	formatStructuredCommunication,
	isValidIban,
	isValidStructuredCommunication,
	looksLikeStructuredCommunication,
	mod97,
	structuredCommunicationCheckDigits,
	structuredCommunicationFor,
} from '../../../core/belgium';

describe('mod97', () => {
	it('matches BigInt arithmetic on long digit strings', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{1,40}$/), (digits) => {
				expect(mod97(digits)).toBe(Number(BigInt(digits) % 97n));
			}),
		);
	});
});

describe('structured communication', () => {
	it.each([
		// 1234567890 mod 97 = 2 → 02
		['+++123/4567/89002+++', '123456789002'],
		['***123/4567/89002***', '123456789002'],
		['123456789002', '123456789002'],
		['+++ 123 / 4567 / 89002 +++', '123456789002'],
		// 2026004200 mod 97 = 23
		['+++202/6004/20023+++', '202600420023'],
	])('%s is valid', (input, digits) => {
		expect(checkStructuredCommunication(input)).toEqual({ ok: true, value: digits });
	});

	it('uses 97 when the first ten digits are a multiple of 97', () => {
		// 0000000097 mod 97 = 0 → 97
		expect(structuredCommunicationCheckDigits('0000000097')).toBe('97');
		expect(isValidStructuredCommunication('+++000/0000/09797+++')).toBe(true);
		expect(isValidStructuredCommunication('+++000/0000/09700+++')).toBe(false);
	});

	it.each(['+++123/4567/89003+++', '123456789003'])('%s has a wrong check', (input) => {
		expect(checkStructuredCommunication(input)).toEqual({ ok: false, error: 'check digits do not match (mod 97)' });
	});

	it.each(['+++123/4567/8900+++', '+++123/4567/89002', 'INV 2026-0042', '12345678900'])('%s is malformed', (input) => {
		expect(checkStructuredCommunication(input)).toEqual({
			ok: false,
			error: 'must be a structured communication like +++123/4567/89002+++ (12 digits)',
		});
	});

	it('refuses mixed +++ and *** delimiters', () => {
		expect(checkStructuredCommunication('+++123/4567/89002***').ok).toBe(false);
	});

	it('recognises the decorated form even when invalid', () => {
		expect(looksLikeStructuredCommunication('+++123/4567/89003+++')).toBe(true);
		expect(looksLikeStructuredCommunication('***1')).toBe(true);
		expect(looksLikeStructuredCommunication('123456789002')).toBe(false);
	});

	it('formats and builds valid communications', () => {
		expect(formatStructuredCommunication('123456789002')).toBe('+++123/4567/89002+++');
		fc.assert(
			fc.property(fc.stringMatching(/^\d{10}$/), (firstTen) => {
				expect(isValidStructuredCommunication(structuredCommunicationFor(firstTen))).toBe(true);
			}),
		);
	});
});

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

describe('BIC', () => {
	it.each(['GKCCBEBB', 'gebabebb', 'DEUTDEFF500', 'KRED BE BB'])('%s is valid', (input) => {
		expect(checkBic(input).ok).toBe(true);
	});

	it.each(['GKCCBEB', 'GKCC1EBB', 'GKCCBEBB5', 'GKCCBEBB50012'])('%s is not a BIC', (input) => {
		expect(checkBic(input)).toEqual({ ok: false, error: 'must be a BIC of 8 or 11 characters, e.g. GKCCBEBB' });
	});
});
