// Document-level allowances (BG-20) and charges (BG-21), and the line allowance of a discount (BG-27).
import type Decimal from 'decimal.js';

import { ALLOWANCE_REASON_CODES, CHARGE_REASON_CODES } from '../codes';
import type { AllowanceCharge } from '../model';
import { formatAmount, formatDecimal, round2 } from '../money';
import { PERCENT } from '../money/decimal';
import { amountLeaf } from './amounts';
import type { UblContext } from './context';
import { categoryNode } from './tax';
import { isBlankInXml } from './xml/escape';
import { el, leaf, must, type XNode } from './xml/node';

/** Used when an allowance or charge has no reason text, so BR-33 / BR-38 (reason or code) still hold. */
export const DEFAULT_ALLOWANCE = { code: '95', reason: 'Discount' } as const;
export const DEFAULT_CHARGE = { code: 'ZZZ', reason: 'Charge' } as const;

function reasonOf(item: AllowanceCharge, isCharge: boolean, path: string, ctx: UblContext): { code?: string; reason: string } {
	const code = item.reasonCode?.trim().toUpperCase() || undefined;
	const known = isCharge ? CHARGE_REASON_CODES : ALLOWANCE_REASON_CODES;
	if (code && !known.has(code)) {
		ctx.issues.add(
			`${path}.reasonCode`,
			isCharge
				? `${code} is not a UNCL 7161 charge reason code (BR-CL-20, PEPPOL-EN16931-CL003), e.g. FC (freight) or ZZZ`
				: `${code} is not an allowance reason code of the UNCL 5189 subset (BR-CL-19, PEPPOL-EN16931-CL002), e.g. 95 (discount)`,
		);
	}
	if (!isBlankInXml(item.reason)) return { code, reason: item.reason };
	const fallback = isCharge ? DEFAULT_CHARGE : DEFAULT_ALLOWANCE;
	return { code: code ?? fallback.code, reason: fallback.reason };
}

/** A document-level `cac:AllowanceCharge` with its VAT category. */
export function documentAllowanceChargeNode(item: AllowanceCharge, isCharge: boolean, index: number, ctx: UblContext): XNode {
	const path = `${isCharge ? 'charges' : 'allowances'}.${index}`;
	const { code, reason } = reasonOf(item, isCharge, path, ctx);
	return must(
		el(
			'cac:AllowanceCharge',
			leaf('cbc:ChargeIndicator', isCharge ? 'true' : 'false'),
			leaf('cbc:AllowanceChargeReasonCode', code),
			leaf('cbc:AllowanceChargeReason', reason),
			amountLeaf('cbc:Amount', round2(item.amount), ctx),
			categoryNode('cac:TaxCategory', item.vat),
		),
		path,
	);
}

/**
 * The line allowance for a discount. A percent discount also states its percentage and base amount
 * (BT-138, BT-137; PEPPOL-EN16931-R041/R042 want both or neither), but only when they reproduce the
 * amount (PEPPOL-EN16931-R040, 0.02 slack): a fixed amount that differs from its stated percent goes alone.
 */
export function lineAllowanceNode(
	discount: { percent?: Decimal; reason?: string },
	discountAmount: Decimal,
	grossAmount: Decimal,
	ctx: UblContext,
): XNode | undefined {
	if (discountAmount.isZero()) return undefined;
	const base = round2(grossAmount);
	const percent = discount.percent;
	const statePercent =
		percent !== undefined && base.times(percent).times(PERCENT).minus(discountAmount).abs().lessThanOrEqualTo('0.01');
	return el(
		'cac:AllowanceCharge',
		leaf('cbc:ChargeIndicator', 'false'),
		leaf('cbc:AllowanceChargeReasonCode', DEFAULT_ALLOWANCE.code),
		leaf('cbc:AllowanceChargeReason', isBlankInXml(discount.reason) ? DEFAULT_ALLOWANCE.reason : discount.reason),
		statePercent && leaf('cbc:MultiplierFactorNumeric', formatDecimal(percent)),
		amountLeaf('cbc:Amount', discountAmount, ctx),
		statePercent && leaf('cbc:BaseAmount', formatAmount(base), { currencyID: ctx.doc.currency }),
	);
}
