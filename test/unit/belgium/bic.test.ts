import { checkBic } from '../../../core/belgium';

describe('BIC', () => {
	it.each(['GKCCBEBB', 'gebabebb', 'DEUTDEFF500', 'KRED BE BB'])('%s is valid', (input) => {
		expect(checkBic(input).ok).toBe(true);
	});

	it.each(['GKCCBEB', 'GKCC1EBB', 'GKCCBEBB5', 'GKCCBEBB50012'])('%s is not a BIC', (input) => {
		expect(checkBic(input)).toEqual({ ok: false, error: 'must be a BIC of 8 or 11 characters, e.g. GKCCBEBB' });
	});
});
