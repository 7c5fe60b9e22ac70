// Invoice and credit note lines (BG-25). The contract's line has one allowance (its discount) and no
// charge: several line allowances add up into the discount, and each line charge becomes a line of its own.
import { ALLOWANCE_REASON_CODES } from './model';
import { child, childrenOf, peek, take, takeAttr, type El, type ReadContext } from './tree';
import { dropEmpty } from './parties';
import type { LineJson } from './types';
import { amountOf, decimalOf } from './values';
import { toUnitCode } from './model';
import { vatOf } from './vat';

export interface ReadLine {
	line: LineJson;
	/** cbc:LineExtensionAmount, compared with the computed net afterwards. */
	netElement?: El;
	/** The lines made of this line's charges: their nets add to the stated line amount. */
	chargeLines: LineJson[];
}

/** The discount line allowance code (UNCL 5189 95): the discount itself says it. */
const DISCOUNT_CODE = '95';

function quantityOf(ctx: ReadContext, line: El, quantityKey: string): { quantity?: string; unitCode?: string } {
	const element = child(line, quantityKey);
	if (!element) {
		ctx.missing(line, quantityKey, 'the line quantity is missing (BT-129)');
		return {};
	}
	const quantity = decimalOf(ctx, element, { what: 'the quantity' });
	const unit = takeAttr(element, 'unitCode');
	const unitCode = unit === undefined ? 'C62' : toUnitCode(unit);
	if (unitCode === undefined) ctx.issue(element, `unitCode ${unit} is not a UN/ECE Rec. 20 unit code`);
	return { quantity, unitCode };
}

export function lineOf(ctx: ReadContext, element: El, index: number, isCredit: boolean, currency: string): ReadLine | undefined {
	const id = take(child(element, 'cbc:ID')) ?? String(index + 1);
	const { quantity, unitCode } = quantityOf(ctx, element, isCredit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity');
	const item = child(element, 'cac:Item');
	const nameElement = child(item, 'cbc:Name');
	const description = take(nameElement);
	if (!description) ctx.missing(item ?? element, item ? 'cbc:Name' : 'cac:Item/cbc:Name', 'the item name is missing (BT-153)');
	const vat = item ? vatOf(ctx, item, 'cac:ClassifiedTaxCategory') : undefined;
	const price = child(element, 'cac:Price');
	const priceElement = child(price, 'cbc:PriceAmount');
	if (!priceElement) ctx.missing(price ?? element, price ? 'cbc:PriceAmount' : 'cac:Price/cbc:PriceAmount', 'the net price is missing (BT-146)');
	const unitPrice = decimalOf(ctx, priceElement, { nonNegative: true, what: 'the net price' });
	if (priceElement && unitPrice !== undefined) {
		const id = priceElement.attrs?.currencyID;
		if (id !== undefined && id.trim() === currency) takeAttr(priceElement, 'currencyID');
		else if (id !== undefined) ctx.aside(priceElement, `the price says currency ${id}, the document currency is ${currency}`, 'currencyID');
	}
	const baseElement = child(price, 'cbc:BaseQuantity');
	const baseQuantity = decimalOf(ctx, baseElement, { what: 'the base quantity' });
	if (baseElement && baseQuantity !== undefined && /^-|^[0.]+$/.test(baseQuantity)) ctx.issue(baseElement, 'the base quantity must be above 0');
	if (baseElement?.attrs?.unitCode !== undefined && toUnitCode(baseElement.attrs.unitCode) === unitCode) takeAttr(baseElement, 'unitCode');

	const allowances: LineAllowance[] = [];
	const charges: { amount: string; reason?: string }[] = [];
	for (const charge of childrenOf(element, 'cac:AllowanceCharge')) {
		const isCharge = take(child(charge, 'cbc:ChargeIndicator')) === 'true';
		const amount = amountOf(ctx, child(charge, 'cbc:Amount'), currency, 'the line allowance or charge amount');
		if (amount === undefined) continue;
		const reason = take(child(charge, 'cbc:AllowanceChargeReason'));
		const code = child(charge, 'cbc:AllowanceChargeReasonCode');
		if (isCharge) {
			const codeText = take(code);
			// A negative charge lowers the line like an allowance: it adds to the discount.
			if (amount.startsWith('-')) allowances.push({ amount: amount.slice(1), reason: reason ?? codeText });
			else charges.push({ amount, reason: reason ?? codeText });
			continue;
		}
		if (peek(code) === DISCOUNT_CODE || (peek(code) && ALLOWANCE_REASON_CODES.has(peek(code)!) && !reason)) take(code);
		allowances.push({ amount, reason, factor: child(charge, 'cbc:MultiplierFactorNumeric'), base: child(charge, 'cbc:BaseAmount') });
	}
	if (!quantity || !unitCode || !description || !vat || unitPrice === undefined) return undefined;

	const line: LineJson = dropEmpty({ id, description, quantity, unitCode, unitPrice, baseQuantity: baseQuantity ?? undefined, vat, discount: undefined });
	const percentOnly = allowances.length === 1 && allowances[0].amount.startsWith('-') ? percentDiscountOf(ctx, allowances[0], line, currency) : undefined;
	if (percentOnly) line.discount = percentOnly;
	else {
		// A negative allowance (other than a stated percentage of a negative line) raises the line: a charge.
		for (const allowance of allowances.filter((a) => a.amount.startsWith('-'))) charges.push({ amount: allowance.amount.slice(1), reason: allowance.reason });
		const positive = allowances.filter((a) => !a.amount.startsWith('-'));
		if (positive.length > 0) line.discount = discountOf(ctx, positive, line, currency);
	}
	const chargeLines = charges.map((charge, i): LineJson => ({
		id: `${id}-charge-${i + 1}`,
		description: charge.reason ?? 'Charge',
		quantity: '1',
		unitCode: 'C62',
		unitPrice: charge.amount,
		vat,
	}));
	return { line, netElement: child(element, 'cbc:LineExtensionAmount'), chargeLines };
}

interface LineAllowance {
	amount: string;
	reason?: string;
	factor?: El;
	base?: El;
}

/** The percentage (BT-138) of one allowance when its base (BT-137) is the line's gross amount and it gives the amount. */
function statedPercent(allowance: LineAllowance, line: LineJson): string | undefined {
	const factor = peek(allowance.factor);
	const base = peek(allowance.base);
	if (!factor || !base || !/^\d+(\.\d+)?$/.test(factor) || Number(factor) > 100) return undefined;
	const gross = (Number(line.quantity) * Number(line.unitPrice)) / Number(line.baseQuantity ?? '1');
	const agrees = Math.abs(Number(base) - gross) <= 0.005 && Math.abs((Number(base) * Number(factor)) / 100 - Number(allowance.amount)) <= 0.01;
	return agrees ? factor : undefined;
}

/** A negative allowance on a negative (corrective) line: the contract says it as the percentage alone. */
function percentDiscountOf(ctx: ReadContext, allowance: LineAllowance, line: LineJson, currency: string): LineJson['discount'] {
	const percent = statedPercent(allowance, line);
	if (!percent) return undefined;
	take(allowance.factor);
	amountOf(ctx, allowance.base, currency, 'the line allowance base amount');
	return dropEmpty({ percent, reason: allowance.reason });
}

function discountOf(ctx: ReadContext, allowances: LineAllowance[], line: LineJson, currency: string): LineJson['discount'] {
	const amount = allowances.reduce((total, a) => total + Math.round(Number(a.amount) * 100), 0);
	const reasons = allowances.map((a) => a.reason).filter((r): r is string => !!r);
	const discount: NonNullable<LineJson['discount']> = { amount: (amount / 100).toFixed(2) };
	if (reasons.length > 0) discount.reason = reasons.join('; ');
	// One allowance with its percentage (BT-138) and base (BT-137): the contract keeps the percentage when the
	// base is the line's gross amount (quantity × price ÷ base quantity), as the contract computes it.
	const percent = allowances.length === 1 ? statedPercent(allowances[0], line) : undefined;
	if (percent) {
		discount.percent = percent;
		take(allowances[0].factor);
		amountOf(ctx, allowances[0].base, currency, 'the line allowance base amount');
	}
	return discount;
}
