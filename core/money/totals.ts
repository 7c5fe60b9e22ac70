// Document totals by EN 16931 BR-CO-10…17 and the VAT breakdown (BG-23) per category and rate.
import type Decimal from 'decimal.js';
import type { AllowanceCharge, NumNumDocument, VatInfo } from '../model';
import type { ComputedTotals, VatBreakdownEntry } from './types';
import { PERCENT, ZERO, dec, round2, sum } from './decimal';
import { computeLineAmounts } from './lineAmounts';
import { VAT_CATEGORY_RULES } from './vatCategories';

/** The key of a VAT breakdown group: category + rate (O has no rate, so all of O is one group). */
export function vatGroupKey(vat: Pick<VatInfo, 'category' | 'rate'>): string {
	return VAT_CATEGORY_RULES[vat.category].rate === 'none' ? vat.category : `${vat.category}|${dec(vat.rate).toFixed()}`;
}

interface GroupAccumulator {
	entry: Omit<VatBreakdownEntry, 'taxAmount'>;
}

function addToGroup(groups: Map<string, GroupAccumulator>, vat: VatInfo, amount: Decimal): void {
	const key = vatGroupKey(vat);
	let group = groups.get(key);
	if (!group) {
		const rate = VAT_CATEGORY_RULES[vat.category].rate === 'none' ? ZERO : dec(vat.rate);
		group = { entry: { category: vat.category, rate, taxableAmount: ZERO } };
		groups.set(key, group);
	}
	group.entry.taxableAmount = group.entry.taxableAmount.plus(amount);
	// One breakdown row carries one exemption reason: the first one given in the group.
	if (group.entry.exemptionReason === undefined && vat.exemptionReason) group.entry.exemptionReason = vat.exemptionReason;
	if (group.entry.exemptionReasonCode === undefined && vat.exemptionReasonCode) {
		group.entry.exemptionReasonCode = vat.exemptionReasonCode;
	}
}

/** Tax of one breakdown row: taxable × rate ÷ 100 rounded to 2 for taxed categories (S, L, M), else 0. */
export function vatGroupTax(category: VatInfo['category'], rate: Decimal, taxableAmount: Decimal): Decimal {
	if (!VAT_CATEGORY_RULES[category].taxed) return ZERO;
	return round2(taxableAmount.times(rate).times(PERCENT));
}

const amountsOf = (items: AllowanceCharge[]) => items.map((item) => round2(item.amount));

/**
 * Everything EN 16931 derives from the lines:
 * - line net (BT-131) = round2(quantity × price ÷ base quantity − line allowance);
 * - VAT breakdown per category and rate: taxable = Σ line nets − allowances + charges of the group,
 *   tax = round2(taxable × rate ÷ 100) (0 for Z, E, AE, K, G, O);
 * - BR-CO-10 lineExtension = Σ line nets; BR-CO-11/12 allowances, charges = Σ amounts;
 *   BR-CO-13 taxExclusive = lineExtension − allowances + charges; BR-CO-14 tax = Σ group tax;
 *   BR-CO-15 taxInclusive = taxExclusive + tax; BR-CO-16 payable = taxInclusive − prepaid + rounding.
 * Prepaid (BT-113) comes from `payment.prepaidAmount` (else `totals.prepaid`) and rounding (BT-114)
 * from `totals.rounding`: they are inputs, not results.
 */
export function computeTotals(doc: NumNumDocument): ComputedTotals {
	const lines = doc.lines.map(computeLineAmounts);
	const groups = new Map<string, GroupAccumulator>();
	for (const { line, netAmount } of lines) addToGroup(groups, line.vat, netAmount);
	for (const allowance of doc.allowances ?? []) addToGroup(groups, allowance.vat, round2(allowance.amount).negated());
	for (const charge of doc.charges ?? []) addToGroup(groups, charge.vat, round2(charge.amount));

	const vatBreakdown: VatBreakdownEntry[] = [...groups.values()].map(({ entry }) => ({
		...entry,
		taxAmount: vatGroupTax(entry.category, entry.rate, entry.taxableAmount),
	}));

	const lineExtension = sum(lines.map((l) => l.netAmount));
	const allowances = sum(amountsOf(doc.allowances ?? []));
	const charges = sum(amountsOf(doc.charges ?? []));
	const taxExclusive = lineExtension.minus(allowances).plus(charges);
	const tax = sum(vatBreakdown.map((entry) => entry.taxAmount));
	const taxInclusive = taxExclusive.plus(tax);
	const prepaid = round2(doc.payment?.prepaidAmount ?? doc.totals?.prepaid ?? ZERO);
	const rounding = round2(doc.totals?.rounding ?? ZERO);
	const payable = taxInclusive.minus(prepaid).plus(rounding);

	return {
		lines,
		lineExtension,
		allowances,
		charges,
		taxExclusive,
		tax,
		taxInclusive,
		prepaid,
		rounding,
		payable,
		vatBreakdown,
	};
}
