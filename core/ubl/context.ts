// What every part of the writer needs to know about the document being written.
import type Decimal from 'decimal.js';

import type { NumNumDocument, VatCategory } from '../model';
import type { ComputedTotals } from '../money/types';
import { formatAmount, formatDecimal } from '../money';
import type { IssueCollector } from './errors';
import type { DocumentKind, UblProfile } from './profile';
import { trustedLeaf, type XNode } from './xml/node';

export interface CategoryUse {
	category: VatCategory;
	/** Field path of the VAT info, e.g. `lines.2.vat`. */
	path: string;
}

export interface UblContext {
	doc: NumNumDocument;
	totals: ComputedTotals;
	kind: DocumentKind;
	profile: UblProfile;
	/** Every VAT category used, with where (lines, allowances, charges). */
	categoryUses: CategoryUse[];
	/** BR-O-02…04: a document not subject to VAT (category O) carries no VAT identifiers. */
	withoutVatIds: boolean;
	issues: IssueCollector;
	warnings: string[];
}

export const hasCategory = (ctx: UblContext, category: VatCategory) => ctx.categoryUses.some((use) => use.category === category);

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
