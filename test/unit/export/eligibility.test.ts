import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../../core/document/types';
import { checkEligibility } from '../../../core/export';

const exportable = (type: string, status: string): boolean => {
	if (type === 'quote') return false;
	if (type === 'expense') return true;
	return ['sent', 'paid', 'partially_paid', 'overdue'].includes(status);
};

describe('checkEligibility (spec table "What may be exported")', () => {
	for (const type of DOCUMENT_TYPES) {
		for (const status of DOCUMENT_STATUSES) {
			it(`${type} / ${status} → ${exportable(type, status) ? 'export' : 'skip'}`, () => {
				const result = checkEligibility(type, status);
				expect(result.eligible).toBe(exportable(type, status));
				if (!result.eligible) expect(result.reason.length).toBeGreaterThan(10);
			});
		}
	}

	it('says why a draft invoice waits', () => {
		const result = checkEligibility('invoice', 'draft');
		expect(result).toEqual({ eligible: false, reason: expect.stringContaining("this one is 'draft'") });
	});

	it('says quotes never go', () => {
		expect(checkEligibility('quote', 'sent')).toEqual({ eligible: false, reason: 'quotes are never exported to the accountant' });
	});
});
