// Decimal arithmetic for money: a dedicated decimal.js clone so no other user of decimal.js can
// change our precision or rounding. ROUND_HALF_UP in decimal.js is half away from zero
// (0.005 → 0.01, −0.005 → −0.01), the rounding EN 16931 expects.
import Decimal from 'decimal.js';

//
// Exact for every input the contract admits: at most MAX_SIGNIFICANT_DIGITS digits and MAX_DECIMALS
// decimals, below MAX_AMOUNT. Sums and products of such inputs fit in 100 digits exactly; the one
// inexact step, ÷ base quantity, lands at least 1e-55 away from a half cent unless it is exactly on it,
// far more than 100 digits resolve, so rounding to the cent never rounds twice.
export const Dec = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

export const MAX_SIGNIFICANT_DIGITS = 20;
export const MAX_DECIMALS = 20;
/**
 * Amounts, given or computed, stay below 10^15: the official validators compute some sums in
 * floating point (BR-S-08's taxable amount ± 1), which no longer carries the cent from ~10^16 on.
 */
export const MAX_AMOUNT: Decimal = new Dec('1e15');

export const ZERO: Decimal = new Dec(0);
export const ONE: Decimal = new Dec(1);
export const HUNDRED: Decimal = new Dec(100);
/** × 0.01 is ÷ 100, exactly, without decimal.js's long division to 100 digits. */
export const PERCENT: Decimal = new Dec('0.01');

/** Any Decimal (from any clone), number or decimal string as one of ours. */
export function dec(value: Decimal.Value): Decimal {
	return value instanceof Dec ? value : new Dec(value);
}

/** Rounded half away from zero to 2 decimals. */
export function round2(value: Decimal.Value): Decimal {
	return dec(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Σ of the values, exact. */
export function sum(values: Iterable<Decimal.Value>): Decimal {
	let total = ZERO;
	for (const value of values) total = total.plus(dec(value));
	return total;
}

/** `12.5` → `"12.50"`: an amount as written in UBL and in messages. */
export function formatAmount(value: Decimal.Value): string {
	const amount = dec(value);
	const places = amount.decimalPlaces();
	if (places > 2) return round2(amount).toFixed(2);
	// Already at most 2 decimals: pad the plain notation instead of rounding a copy (one Decimal less per amount).
	const plain = amount.toFixed();
	return places === 2 ? plain : places === 1 ? `${plain}0` : `${plain}.00`;
}

/** A decimal without exponent notation or trailing zeros beyond what it holds (`1.50` → `"1.5"`). */
export function formatDecimal(value: Decimal.Value): string {
	return dec(value).toFixed();
}
