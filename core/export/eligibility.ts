// Which documents may go to the accountant (spec: "What may be exported").
import type { DocumentStatus, DocumentType } from '../model';

/** Statuses that mean a sales document has reached the customer. */
export const SENT_STATUSES: readonly DocumentStatus[] = ['sent', 'paid', 'partially_paid', 'overdue'];

export type Eligibility = { eligible: true } | { eligible: false; reason: string };

const SALES_TYPES: readonly DocumentType[] = ['invoice', 'credit_note', 'proforma'];

export function checkEligibility(type: DocumentType, status: DocumentStatus): Eligibility {
	if (type === 'quote') return { eligible: false, reason: 'quotes are never exported to the accountant' };
	if (type === 'expense') return { eligible: true };
	if (SALES_TYPES.includes(type)) {
		if (SENT_STATUSES.includes(status)) return { eligible: true };
		return {
			eligible: false,
			reason: `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type.replace('_', ' ')} is exported only once it was sent to the customer (status ${SENT_STATUSES.join(', ')}); this one is '${status}'`,
		};
	}
	return { eligible: false, reason: `unknown document type '${String(type)}'` };
}
