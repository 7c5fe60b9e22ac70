// The totals a UBL states (cac:LegalMonetaryTotal, cac:TaxTotal, line amounts) against the ones the
// contract computes from the lines. The contract carries stated totals only when they agree (it would
// refuse them otherwise); a total that disagrees is reported in notCarried with both figures.
import { Dec, formatAmount, vatGroupKey, VAT_CATEGORY_RULES, type ComputedTotals, type VatCategory } from './model';
import { child, childrenOf, markUsed, peek, take, type El, type ReadContext } from './tree';
import type { TotalsJson } from './types';
import { MAX_AMOUNT_DECIMALS, amountOf, decimalOf } from './values';

const VAT_CATEGORY_KEYS: ReadonlySet<string> = new Set(Object.keys(VAT_CATEGORY_RULES));

const TOTAL_ELEMENTS = {
	lineExtension: 'cbc:LineExtensionAmount',
	taxExclusive: 'cbc:TaxExclusiveAmount',
	taxInclusive: 'cbc:TaxInclusiveAmount',
	allowances: 'cbc:AllowanceTotalAmount',
	charges: 'cbc:ChargeTotalAmount',
	payable: 'cbc:PayableAmount',
} as const;

/** An amount element that should equal a computed value: used when it does, reported with both when not. */
function agrees(ctx: ReadContext, element: El | undefined, computed: Dec, currency: string, what: string): boolean {
	if (!element) return true;
	const stated = amountOf(ctx, element, currency, what);
	if (stated === undefined) return false;
	if (new Dec(stated).equals(computed)) return true;
	ctx.aside(element, `${what} is ${stated}, the lines give ${formatAmount(computed)}: the document carries the computed amount`);
	return false;
}

export interface TotalsCheck {
	root: El;
	currency: string;
	computed: ComputedTotals;
	rounding: Dec;
	/** Per UBL line: its amount element and the computed net of the line and its charge lines. */
	lineNets: { element?: El; computed: Dec }[];
	/** Negative allowances and charges read as the other kind: the stated totals count them with their sign. */
	flippedTotal: Dec;
}

/** Checks every stated total; returns the totals the document carries, or undefined when one disagrees. */
export function checkTotals(ctx: ReadContext, check: TotalsCheck): TotalsJson | undefined {
	const { root, currency, computed, rounding } = check;
	let allAgree = true;
	for (const line of check.lineNets) allAgree = agrees(ctx, line.element, line.computed, currency, 'the line amount') && allAgree;

	const monetary = child(root, 'cac:LegalMonetaryTotal');
	const payable = computed.payable.plus(rounding);
	const expected: Record<keyof typeof TOTAL_ELEMENTS, Dec> = {
		lineExtension: computed.lineExtension,
		taxExclusive: computed.taxExclusive,
		taxInclusive: computed.taxInclusive,
		allowances: computed.allowances.minus(check.flippedTotal),
		charges: computed.charges.minus(check.flippedTotal),
		payable,
	};
	for (const [field, key] of Object.entries(TOTAL_ELEMENTS) as [keyof typeof TOTAL_ELEMENTS, string][]) {
		allAgree = agrees(ctx, child(monetary, key), expected[field], currency, `the total ${key.slice(4)}`) && allAgree;
	}
	allAgree = checkTaxTotal(ctx, root, currency, computed) && allAgree;
	if (!allAgree) {
		const roundingElement = child(monetary, 'cbc:PayableRoundingAmount');
		if (roundingElement?.used) {
			ctx.aside(roundingElement, 'the rounding amount is kept only with totals that agree with the lines');
		}
		return undefined;
	}
	const totals: TotalsJson = {
		lineExtension: formatAmount(computed.lineExtension),
		taxExclusive: formatAmount(computed.taxExclusive),
		tax: formatAmount(computed.tax),
		taxInclusive: formatAmount(computed.taxInclusive),
		payable: formatAmount(payable),
	};
	if (child(monetary, 'cbc:AllowanceTotalAmount')) totals.allowances = formatAmount(computed.allowances);
	if (child(monetary, 'cbc:ChargeTotalAmount')) totals.charges = formatAmount(computed.charges);
	if (!computed.prepaid.isZero()) totals.prepaid = formatAmount(computed.prepaid);
	if (!rounding.isZero()) totals.rounding = formatAmount(rounding);
	return totals;
}

const groupKey = (category: string, rate: string | undefined) =>
	vatGroupKey({ category: category as VatCategory, rate: new Dec(VAT_CATEGORY_RULES[category as VatCategory].rate === 'none' ? 0 : (rate ?? 0)) });

/** cac:TaxTotal (in the document currency) and its subtotals against the computed VAT breakdown. */
function checkTaxTotal(ctx: ReadContext, root: El, currency: string, computed: ComputedTotals): boolean {
	const taxTotals = childrenOf(root, 'cac:TaxTotal');
	// With a tax currency (BT-6) there is a second TaxTotal without subtotals: that one is not carried.
	const taxTotal = taxTotals.find((total) => (child(total, 'cbc:TaxAmount')?.attrs?.currencyID ?? currency) === currency) ?? taxTotals[0];
	if (!taxTotal) return true;
	let ok = agrees(ctx, child(taxTotal, 'cbc:TaxAmount'), computed.tax, currency, 'the VAT total');
	const rows = new Map(computed.vatBreakdown.map((entry) => [vatGroupKey(entry), entry]));
	for (const subtotal of childrenOf(taxTotal, 'cac:TaxSubtotal')) {
		const category = child(subtotal, 'cac:TaxCategory');
		const id = peek(child(category, 'cbc:ID'))?.toUpperCase();
		if (!id || !VAT_CATEGORY_KEYS.has(id)) continue;
		const percent = peek(child(category, 'cbc:Percent'));
		if (percent !== undefined && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(percent)) continue;
		const row = rows.get(groupKey(id, percent));
		if (!row) {
			ok = false;
			ctx.aside(child(category, 'cbc:ID')!, `a VAT breakdown row ${id} ${percent ?? ''} that no line, allowance or charge has`);
			continue;
		}
		take(child(category, 'cbc:ID'));
		take(child(category, 'cbc:Percent'));
		markUsed(child(child(category, 'cac:TaxScheme'), 'cbc:ID'));
		ok = agrees(ctx, child(subtotal, 'cbc:TaxableAmount'), row.taxableAmount, currency, `the taxable amount of VAT ${id}`) && ok;
		ok = agrees(ctx, child(subtotal, 'cbc:TaxAmount'), row.taxAmount, currency, `the VAT of ${id}`) && ok;
	}
	return ok;
}

/** PrepaidAmount and PayableRoundingAmount are inputs to the totals, not results: read them first. */
export function totalInputsOf(ctx: ReadContext, root: El, currency: string): { prepaid?: string; rounding?: string } {
	const monetary = child(root, 'cac:LegalMonetaryTotal');
	const prepaid = amountOf(ctx, child(monetary, 'cbc:PrepaidAmount'), currency, 'the prepaid amount', true);
	const rounding = amountOf(ctx, child(monetary, 'cbc:PayableRoundingAmount'), currency, 'the rounding amount');
	return { prepaid: prepaid && new Dec(prepaid).isZero() ? undefined : prepaid, rounding };
}

/** The stated amounts are compared only once the document parses: their form is checked up front, with the rest. */
export function checkAmountForms(ctx: ReadContext, root: El, lines: El[]): void {
	const monetary = child(root, 'cac:LegalMonetaryTotal');
	for (const key of Object.values(TOTAL_ELEMENTS)) decimalOf(ctx, child(monetary, key), { maxDecimals: MAX_AMOUNT_DECIMALS, what: `the total ${key.slice(4)}` });
	for (const taxTotal of childrenOf(root, 'cac:TaxTotal')) {
		decimalOf(ctx, child(taxTotal, 'cbc:TaxAmount'), { maxDecimals: MAX_AMOUNT_DECIMALS, what: 'the VAT total' });
		for (const subtotal of childrenOf(taxTotal, 'cac:TaxSubtotal')) {
			decimalOf(ctx, child(subtotal, 'cbc:TaxableAmount'), { maxDecimals: MAX_AMOUNT_DECIMALS, what: 'the taxable amount' });
			decimalOf(ctx, child(subtotal, 'cbc:TaxAmount'), { maxDecimals: MAX_AMOUNT_DECIMALS, what: 'the VAT amount' });
		}
	}
	for (const line of lines) decimalOf(ctx, child(line, 'cbc:LineExtensionAmount'), { maxDecimals: MAX_AMOUNT_DECIMALS, what: 'the line amount' });
}
