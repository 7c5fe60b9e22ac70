// VAT categories of lines, allowances and charges (cac:ClassifiedTaxCategory / cac:TaxCategory).
import { CATEGORY_OF_VATEX, VAT_CATEGORIES, VAT_CATEGORY_RULES, VATEX_CODES, type VatCategory } from './model';
import { at, child, childrenOf, peek, take, type El, type ReadContext } from './tree';
import type { VatJson } from './types';
import { MAX_RATE_DECIMALS, decimalOf } from './values';

const CATEGORIES: ReadonlySet<string> = new Set(VAT_CATEGORIES);

export function vatOf(ctx: ReadContext, parent: El, key: 'cac:ClassifiedTaxCategory' | 'cac:TaxCategory'): VatJson | undefined {
	const category = child(parent, key);
	if (!category) {
		ctx.missing(parent, key, 'the VAT category is missing');
		return undefined;
	}
	const idElement = child(category, 'cbc:ID');
	const id = take(idElement)?.toUpperCase();
	if (!id || !idElement) {
		ctx.missing(category, 'cbc:ID', 'the VAT category code is missing');
		return undefined;
	}
	if (!CATEGORIES.has(id)) {
		ctx.issue(idElement, `${id} is not a VAT category the NumNum document knows (${VAT_CATEGORIES.join(', ')})`);
		return undefined;
	}
	const scheme = at(category, 'cac:TaxScheme', 'cbc:ID');
	if (take(scheme)?.toUpperCase() !== 'VAT' && scheme) ctx.issue(scheme, 'only VAT is known: the tax scheme must be VAT');
	const percent = child(category, 'cbc:Percent');
	const rate = decimalOf(ctx, percent, { maxDecimals: MAX_RATE_DECIMALS, what: 'the VAT rate' });
	if (VAT_CATEGORY_RULES[id as VatCategory].rate === 'none') return { category: id };
	return rate === undefined ? { category: id } : { category: id, rate };
}

export interface Exemption {
	code?: string;
	reason?: string;
}

/**
 * Exemption reasons per VAT breakdown row (cac:TaxSubtotal/cac:TaxCategory). The contract keeps them on
 * each line's VAT; they are put on every line, allowance and charge of the row. A code that is not
 * VATEX, or pins another category, is not carried.
 */
export function exemptionsOf(ctx: ReadContext, root: El, keyOf: (category: string, rate: string | undefined) => string): Map<string, Exemption> {
	const exemptions = new Map<string, Exemption>();
	for (const taxTotal of childrenOf(root, 'cac:TaxTotal')) {
		for (const subtotal of childrenOf(taxTotal, 'cac:TaxSubtotal')) {
			const category = child(subtotal, 'cac:TaxCategory');
			const id = peek(child(category, 'cbc:ID'))?.toUpperCase();
			if (!id || !CATEGORIES.has(id) || !VAT_CATEGORY_RULES[id as VatCategory].needsExemptionReason) continue;
			const percent = peek(child(category, 'cbc:Percent'));
			if (percent !== undefined && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(percent)) continue;
			const codeElement = child(category, 'cbc:TaxExemptionReasonCode');
			let code = peek(codeElement)?.toUpperCase();
			if (code && codeElement) {
				const pinned = CATEGORY_OF_VATEX[code];
				const problem = !VATEX_CODES.has(code)
					? `${code} is not a VATEX exemption reason code`
					: pinned && pinned !== id
						? `${code} belongs to VAT category ${pinned}, not ${id}`
						: undefined;
				if (problem) {
					ctx.aside(codeElement, problem);
					code = undefined;
				} else take(codeElement);
			}
			const reason = take(child(category, 'cbc:TaxExemptionReason'));
			const key = keyOf(id, percent);
			if ((code || reason) && !exemptions.has(key)) exemptions.set(key, { code, reason });
		}
	}
	return exemptions;
}
