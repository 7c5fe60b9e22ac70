// UBL leaf values checked against what the contract can hold; a value it cannot hold is an issue that
// names the element (a rate with 5 decimals, a currency that is not ISO 4217, a date that is not one).
import { isIsoDate } from './model';
import { take, takeAttr, type El, type ReadContext } from './tree';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const UBL_DATE = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/** Decimals the contract keeps exactly: money to the cent (BR-DEC), VAT rates to 4 places. */
export const MAX_AMOUNT_DECIMALS = 2;
export const MAX_RATE_DECIMALS = 4;
/** Beyond 18 significant digits a decimal is no longer an invoice amount but an attack on the arithmetic. */
const MAX_DIGITS = 18;

export interface DecimalRule {
	maxDecimals?: number;
	nonNegative?: boolean;
	what: string;
}

export function decimalOf(ctx: ReadContext, element: El | undefined, rule: DecimalRule): string | undefined {
	const value = take(element);
	if (value === undefined || !element) return undefined;
	if (!DECIMAL.test(value) || value.replace(/\D/g, '').replace(/^0+/, '').length > MAX_DIGITS) {
		ctx.issue(element, `${rule.what} must be a decimal number, got "${value.slice(0, 40)}"`);
		return undefined;
	}
	const decimals = value.includes('.') ? value.split('.')[1].length : 0;
	if (rule.maxDecimals !== undefined && decimals > rule.maxDecimals) {
		ctx.issue(element, `${rule.what} ${value} has ${decimals} decimals; the NumNum document holds at most ${rule.maxDecimals}`);
		return undefined;
	}
	if (rule.nonNegative && value.startsWith('-') && /[1-9]/.test(value)) {
		ctx.issue(element, `${rule.what} must not be negative, got ${value}`);
		return undefined;
	}
	return value;
}

/** An amount (2 decimals) in the document currency; another currencyID is reported, not converted. */
export function amountOf(ctx: ReadContext, element: El | undefined, currency: string, what: string, nonNegative = false): string | undefined {
	const value = decimalOf(ctx, element, { maxDecimals: MAX_AMOUNT_DECIMALS, nonNegative, what });
	if (element && value !== undefined) currencyCheck(ctx, element, currency);
	return value;
}

export function currencyCheck(ctx: ReadContext, element: El, currency: string): void {
	const id = element.attrs?.currencyID;
	if (id === undefined) return;
	if (id.trim() === currency) takeAttr(element, 'currencyID');
	else ctx.aside(element, `the amount says currency ${id}, the document currency is ${currency} (DocumentCurrencyCode); read as ${currency}`, 'currencyID');
}

export function dateOf(ctx: ReadContext, element: El | undefined, what: string): string | undefined {
	const value = take(element);
	if (value === undefined || !element) return undefined;
	const match = UBL_DATE.exec(value);
	if (!match || !isIsoDate(match[1])) {
		ctx.issue(element, `${what} must be a calendar date written YYYY-MM-DD, got "${value.slice(0, 40)}"`);
		return undefined;
	}
	return match[1];
}

/** Free text the contract keeps as it is (it trims and wants it non-empty). */
export const textOf = take;
