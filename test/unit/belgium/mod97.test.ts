import fc from 'fast-check';
import { mod97 } from '../../../core/belgium';

describe('mod97', () => {
	it('matches BigInt arithmetic on long digit strings', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{1,40}$/), (digits) => {
				expect(mod97(digits)).toBe(Number(BigInt(digits) % 97n));
			}),
		);
	});
});
