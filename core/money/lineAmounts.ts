// Line amounts (BT-131, BG-27): net = quantity × price ÷ base quantity − line allowance.
import type Decimal from 'decimal.js';
import type { Line, LineAmounts } from '../document/types';
import { HUNDRED, ZERO, dec, round2 } from './decimal';

/** quantity × price ÷ base quantity, exact (not rounded): the base of a percent discount (BT-137). */
export function lineGrossAmount(line: Pick<Line, 'quantity' | 'unitPrice' | 'baseQuantity'>): Decimal {
	return dec(line.quantity).times(dec(line.unitPrice)).dividedBy(dec(line.baseQuantity));
}

/**
 * The line allowance (BT-136), rounded to 2 decimals.
 * - `amount` given: that amount (a fixed discount; with `percent` too, `amount` wins and `percent` is only its
 *   stated rate: the parser has checked the two agree within 0.01).
 * - only `percent`: gross × percent ÷ 100. Its sign follows the line, so a 10 % discount on a negative
 *   (corrective) line of −100.00 is −10.00 and the net is −90.00.
 */
export function lineDiscountAmount(line: Pick<Line, 'quantity' | 'unitPrice' | 'baseQuantity' | 'discount'>): Decimal {
	const discount = line.discount;
	if (!discount) return ZERO;
	if (discount.amount !== undefined) return round2(discount.amount);
	if (discount.percent !== undefined) return round2(lineGrossAmount(line).times(dec(discount.percent)).dividedBy(HUNDRED));
	return ZERO;
}

/** Net and discount of one line, each rounded half away from zero to 2 decimals. */
export function computeLineAmounts(line: Line): LineAmounts {
	const discountAmount = lineDiscountAmount(line);
	const netAmount = round2(lineGrossAmount(line).minus(discountAmount));
	return { line, discountAmount, netAmount };
}
