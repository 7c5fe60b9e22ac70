// What money computes from a document: line amounts, the VAT breakdown and the totals.
import type Decimal from 'decimal.js';

import type { Line, VatCategory } from '../model';

/** One row of the VAT breakdown (BG-23): per category and rate. */
export interface VatBreakdownEntry {
	category: VatCategory;
	rate: Decimal;
	taxableAmount: Decimal;
	taxAmount: Decimal;
	exemptionReason?: string;
	exemptionReasonCode?: string;
}

/** A line with its computed amounts, each rounded half away from zero to 2 decimals. */
export interface LineAmounts {
	line: Line;
	/** quantity × price ÷ base quantity, exact: the base of a percent discount (BT-137). */
	grossAmount: Decimal;
	/** The line allowance (BG-27) amount, 0 when there is no discount. */
	discountAmount: Decimal;
	/** BT-131: quantity × price ÷ base quantity − discount. */
	netAmount: Decimal;
}

/** Document totals computed from the lines by EN 16931 BR-CO-10…17 (all rounded to 2 decimals). */
export interface ComputedTotals {
	lines: LineAmounts[];
	lineExtension: Decimal;
	allowances: Decimal;
	charges: Decimal;
	taxExclusive: Decimal;
	tax: Decimal;
	taxInclusive: Decimal;
	prepaid: Decimal;
	rounding: Decimal;
	payable: Decimal;
	vatBreakdown: VatBreakdownEntry[];
}
