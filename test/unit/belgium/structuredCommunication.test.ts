import fc from 'fast-check';
import { checkStructuredCommunication, formatStructuredCommunication, isValidStructuredCommunication, looksLikeStructuredCommunication, structuredCommunicationCheckDigits, structuredCommunicationFor } from '../../../core/belgium';

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
