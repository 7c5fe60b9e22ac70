// Checks only the writer makes: on what its caller handed it rather than on the document's content.
import Decimal from 'decimal.js';

import type { DocumentIssue, NumNumDocument } from '../model';
import type { ComputedTotals } from '../money/types';
import { MAX_AMOUNT } from '../money/decimal';

const isDecimal = (value: unknown) => Decimal.isDecimal(value);

/**
 * Why `value` is not a model from `parseDocument` (raw JSON has numbers and strings where the model has
 * Decimals), or undefined when it is one. Cheap: a look at the fields the money is computed from.
 */
export function notAParsedDocument(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return `got ${value === null ? 'null' : typeof value}`;
	const doc = value as Partial<NumNumDocument>;
	if (!Array.isArray(doc.lines) || !Array.isArray(doc.allowances) || !Array.isArray(doc.charges)) return 'lines, allowances and charges are not all lists';
	for (let i = 0; i < doc.lines.length; i++) {
		const line = doc.lines[i];
		if (!isDecimal(line?.quantity) || !isDecimal(line.unitPrice) || !isDecimal(line.baseQuantity) || !isDecimal(line.vat?.rate)) {
			return `lines.${i} holds plain numbers or text, not the parsed Decimals`;
		}
	}
	for (const [name, items] of [['allowances', doc.allowances], ['charges', doc.charges]] as const) {
		const at = items.findIndex((item) => !isDecimal(item?.amount) || !isDecimal(item.vat?.rate));
		if (at >= 0) return `${name}.${at} holds plain numbers or text, not the parsed Decimals`;
	}
	return undefined;
}

/**
 * Computed amounts beyond what the official validators carry (see MAX_AMOUNT): the inputs are bounded,
 * but a quantity × price, or many lines together, can still grow past it.
 */
export function amountsTooLarge(totals: ComputedTotals): DocumentIssue[] {
	const tooLarge = (value: Decimal) => value.abs().greaterThanOrEqualTo(MAX_AMOUNT);
	const issues: DocumentIssue[] = [];
	totals.lines.forEach(({ netAmount }, i) => {
		if (tooLarge(netAmount)) issues.push({ path: `lines.${i}`, message: `the line amount ${netAmount.toFixed(2)} ${BEYOND}` });
	});
	const totalFields = ['lineExtension', 'allowances', 'charges', 'taxExclusive', 'taxInclusive', 'payable'] as const;
	const field = totalFields.find((name) => tooLarge(totals[name]));
	const group = totals.vatBreakdown.find((entry) => tooLarge(entry.taxableAmount));
	if (issues.length === 0 && (field || group)) {
		const value = field ? totals[field] : group!.taxableAmount;
		issues.push({ path: 'lines', message: `the document's amounts add up to ${value.toFixed(2)} (${field ?? 'a VAT breakdown row'}), which ${BEYOND}` });
	}
	return issues;
}

const BEYOND = 'is 10^15 or more: beyond it the official validators lose the cent (BR-S-08, BR-CO-15); split the document';
