// Line amounts (BT-131, BG-27): net = quantity × price ÷ base quantity − line allowance.
import type Decimal from 'decimal.js';
import type { Line } from '../model';
import type { LineAmounts } from './types';
import { ONE, PERCENT, ZERO, dec, round2 } from './decimal';

/** quantity × price ÷ base quantity, exact (not rounded): the base of a percent discount (BT-137). */
export function lineGrossAmount(line: Pick<Line, 'quantity' | 'unitPrice' | 'baseQuantity'>): Decimal {
	const amount = dec(line.quantity).times(dec(line.unitPrice));
	// Most lines have a base quantity of 1, and a decimal division is the dearest step of a line.
	const baseQuantity = dec(line.baseQuantity);
	return baseQuantity.equals(ONE) ? amount : amount.dividedBy(baseQuantity);
}

/**
 * The line allowance (BT-136), rounded to 2 decimals.
 * - `amount` given: that amount (a fixed discount; with `percent` too, `amount` wins and `percent` is only its
 *   stated rate: the parser has checked the two agree within 0.01).
 * - only `percent`: gross × percent ÷ 100. Its sign follows the line, so a 10 % discount on a negative
 *   (corrective) line of −100.00 is −10.00 and the net is −90.00.
 */
export function lineDiscountAmount(
	line: Pick<Line, 'quantity' | 'unitPrice' | 'baseQuantity' | 'discount'>,
	grossAmount?: Decimal,
): Decimal {
	const discount = line.discount;
	if (!discount) return ZERO;
	if (discount.amount !== undefined) return round2(discount.amount);
	if (discount.percent !== undefined) {
		return round2((grossAmount ?? lineGrossAmount(line)).times(dec(discount.percent)).times(PERCENT));
	}
	return ZERO;
}

/** Gross, discount and net of one line; discount and net rounded half away from zero to 2 decimals. */
export function computeLineAmounts(line: Line): LineAmounts {
	const grossAmount = lineGrossAmount(line);
	const discountAmount = lineDiscountAmount(line, grossAmount);
	const netAmount = round2(grossAmount.minus(discountAmount));
	return { line, grossAmount, discountAmount, netAmount };
}
