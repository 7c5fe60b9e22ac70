// Builds parsed-model documents directly (no parser) so the money rules are tested on their own.
import Decimal from 'decimal.js';
import type { AllowanceCharge, Line, NumNumDocument, VatCategory } from '../../../core/model';

type Num = number | string;

export interface LineSpec {
	quantity: Num;
	unitPrice: Num;
	baseQuantity?: Num;
	category?: VatCategory;
	rate?: Num;
	discount?: { percent?: Num; amount?: Num };
	exemptionReason?: string;
	exemptionReasonCode?: string;
}

export function line(spec: LineSpec, index = 0): Line {
	return {
		id: String(index + 1),
		description: `line ${index + 1}`,
		quantity: new Decimal(spec.quantity),
		unitCode: 'C62',
		unitPrice: new Decimal(spec.unitPrice),
		baseQuantity: new Decimal(spec.baseQuantity ?? 1),
		discount: spec.discount && {
			percent: spec.discount.percent === undefined ? undefined : new Decimal(spec.discount.percent),
			amount: spec.discount.amount === undefined ? undefined : new Decimal(spec.discount.amount),
		},
		vat: {
			category: spec.category ?? 'S',
			rate: new Decimal(spec.rate ?? 21),
			exemptionReason: spec.exemptionReason,
			exemptionReasonCode: spec.exemptionReasonCode,
		},
	};
}

export function allowanceCharge(amount: Num, category: VatCategory, rate: Num): AllowanceCharge {
	return { amount: new Decimal(amount), reason: 'test', vat: { category, rate: new Decimal(rate) } };
}

export function documentWith(
	lines: LineSpec[],
	extra: Partial<Pick<NumNumDocument, 'allowances' | 'charges' | 'payment' | 'totals'>> = {},
): NumNumDocument {
	const party = { name: 'P', address: { countryCode: 'BE' } };
	return {
		id: 'doc',
		type: 'invoice',
		status: 'sent',
		number: '1',
		issueDate: '2026-01-01',
		currency: 'EUR',
		language: 'nl',
		seller: party,
		buyer: party,
		lines: lines.map(line),
		allowances: [],
		charges: [],
		...extra,
	};
}
