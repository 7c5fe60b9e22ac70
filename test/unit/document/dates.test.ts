import fc from 'fast-check';
import { compareIsoDates, daysInMonth, isIsoDate, isLeapYear } from '../../../core/document';

describe('dates', () => {
	it.each(['2026-11-20', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01'])('%s is a real date', (date) => {
		expect(isIsoDate(date)).toBe(true);
	});

	it.each(['2026-02-30', '2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-13-01', '2026-01-00', '2026-1-01', ' 2026-01-01', '2026-01-01T00:00:00Z', ''])(
		'%p is not',
		(date) => {
			expect(isIsoDate(date)).toBe(false);
		},
	);

	it('knows leap years and month lengths', () => {
		expect([1900, 2000, 2024, 2026].map(isLeapYear)).toEqual([false, true, true, false]);
		expect([1, 2, 4, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 30, 31]);
	});

	it('agrees with the JavaScript calendar for any year-month-day', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
				const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
				const date = new Date(Date.UTC(y, m - 1, d));
				const real = m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
				expect(isIsoDate(text)).toBe(real);
			}),
		);
	});

	it('compares dates', () => {
		expect(compareIsoDates('2026-01-01', '2026-01-02')).toBeLessThan(0);
		expect(compareIsoDates('2026-01-02', '2026-01-02')).toBe(0);
		expect(compareIsoDates('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
	});
});
