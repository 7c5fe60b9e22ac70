import Decimal from 'decimal.js';
import fc from 'fast-check';
import { Dec, dec, formatAmount, formatDecimal, round2, sum } from '../../../core/money';

describe('round2: half away from zero, decimal not float', () => {
	it.each([
		['0.005', '0.01'],
		['-0.005', '-0.01'],
		['0.004999', '0'],
		['2.675', '2.68'], // a float 2.675 is 2.67499999… and would round down
		['-2.675', '-2.68'],
		['1.005', '1.01'],
		['8.1999', '8.2'],
		['27.828', '27.83'],
		['0.125', '0.13'],
		['-0.125', '-0.13'],
		['1234567890123.455', '1234567890123.46'],
	])('%s → %s', (input, expected) => {
		expect(round2(input).toString()).toBe(expected);
	});

	it('keeps exact decimal arithmetic where floats drift', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(dec('0.1').plus('0.2').toString()).toBe('0.3');
		expect(sum(['0.1', '0.2', 0.3]).toString()).toBe('0.6');
	});

	it('accepts Decimals from the default decimal.js constructor', () => {
		const foreign = new Decimal('2.675');
		expect(dec(foreign)).toBeInstanceOf(Dec);
		expect(round2(foreign).toString()).toBe('2.68');
	});

	it('is not affected by another user changing the global decimal.js rounding', () => {
		const saved = Decimal.rounding;
		Decimal.set({ rounding: Decimal.ROUND_DOWN });
		try {
			expect(round2('0.005').toString()).toBe('0.01');
			expect(dec(1).dividedBy(3).times(3).toDecimalPlaces(2).toString()).toBe('1');
		} finally {
			Decimal.set({ rounding: saved });
		}
	});

	it('formats any amount exactly as round2 then toFixed(2) would', () => {
		const decimalText = fc
			.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
			.map(([negative, digits, places]) => {
				const text = digits.toString().padStart(places + 1, '0');
				return `${negative ? '-' : ''}${text.slice(0, text.length - places)}${places ? '.' + text.slice(-places) : ''}`;
			});
		for (const fixed of ['0', '-0', '0.00', '-0.001', '-0.004', '5', '-5.1', '1e21', '1e-7', '123.45']) {
			expect(formatAmount(fixed)).toBe(round2(fixed).toFixed(2));
		}
		fc.assert(fc.property(decimalText, (text) => formatAmount(text) === round2(text).toFixed(2)), { numRuns: 2000 });
	});

	it('formats amounts with 2 decimals and decimals plainly', () => {
		expect(formatAmount('12.5')).toBe('12.50');
		expect(formatAmount('-0.005')).toBe('-0.01');
		expect(formatDecimal(dec('1.50'))).toBe('1.5');
		expect(formatDecimal(dec('1e-7'))).toBe('0.0000001');
		expect(formatDecimal(dec('1e21'))).toBe('1000000000000000000000');
	});
});
