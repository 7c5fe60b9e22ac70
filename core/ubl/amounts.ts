// Amount and price elements, in the document currency.
import type Decimal from 'decimal.js';

import { formatAmount, formatDecimal } from '../money';
import type { UblContext } from './context';
import { trustedLeaf, type XNode } from './xml/node';

/** An amount element with the document currency (BR-DEC: 2 decimals; PEPPOL-EN16931-R051: one currency). */
const currencyAttrs = new Map<string, Record<string, string>>();
/** `{ currencyID }`, one shared object per currency (element trees are never changed once built). */
function currencyAttr(currency: string): Record<string, string> {
	let attrs = currencyAttrs.get(currency);
	if (!attrs) currencyAttrs.set(currency, (attrs = { currencyID: currency }));
	return attrs;
}

export function amountLeaf(name: string, value: Decimal, ctx: UblContext): XNode {
	// Amounts arrive rounded to 2 decimals (computeTotals): this only writes them out with 2.
	return trustedLeaf(name, formatAmount(value), currencyAttr(ctx.doc.currency));
}

/** A price: as precise as given (EN 16931 does not limit price decimals). */
export function priceLeaf(name: string, value: Decimal, ctx: UblContext): XNode {
	return trustedLeaf(name, formatDecimal(value), currencyAttr(ctx.doc.currency));
}
