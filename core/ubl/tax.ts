// VAT categories in UBL: category elements, the VAT breakdown (BG-23) and the rules each category sets
// on rates, exemption reasons and VAT identifiers (EN 16931 BR-S/Z/E/AE/IC/G/O/AF/AG, Peppol P0104…P0111).
import type Decimal from 'decimal.js';

import { CATEGORY_OF_VATEX, VATEX_CODES } from '../codes';
import type { VatCategory, VatInfo } from '../model';
import type { VatBreakdownEntry } from '../money/types';
import { VAT_CATEGORY_RULES, formatDecimal } from '../money';
import { VAT_CATEGORY_RULE_PREFIX } from '../rules';
import { amountLeaf } from './amounts';
import type { CategoryUse, UblContext } from './context';
import { el, leaf, must, type XNode } from './xml/node';

/** Exemption code and text written when the document gives none (the categories that demand one). */
export const DEFAULT_EXEMPTIONS: Partial<Record<VatCategory, { code: string; reason: string }>> = {
	AE: { code: 'VATEX-EU-AE', reason: 'Reverse charge' },
	K: { code: 'VATEX-EU-IC', reason: 'Intra-community supply' },
	G: { code: 'VATEX-EU-G', reason: 'Export outside the EU' },
	O: { code: 'VATEX-EU-O', reason: 'Not subject to VAT' },
};

/** Categories that must not carry an exemption reason (BR-S-10, BR-Z-10, BR-AF-10, BR-AG-10). */
const NO_EXEMPTION: ReadonlySet<VatCategory> = new Set(['S', 'Z', 'L', 'M']);


/** `cac:TaxScheme` VAT, the one node every tax category and party tax scheme shares (trees are never changed once built). */
export const VAT_SCHEME: XNode = must(el('cac:TaxScheme', leaf('cbc:ID', 'VAT')), 'tax scheme');
const vatScheme = () => VAT_SCHEME;
const categoryNodes = new Map<string, XNode>();
const MAX_CACHED_CATEGORIES = 1000;

/** `rate` as UBL Percent, absent for O (BR-O-05…07, BR-48). */
const percentOf = (category: VatCategory, rate: Decimal) =>
	VAT_CATEGORY_RULES[category].rate === 'none' ? undefined : leaf('cbc:Percent', formatDecimal(rate));

/** `cac:ClassifiedTaxCategory` (line) or `cac:TaxCategory` (allowance/charge): id, percent, scheme. */
export function categoryNode(name: 'cac:ClassifiedTaxCategory' | 'cac:TaxCategory', vat: Pick<VatInfo, 'category' | 'rate'>): XNode {
	const key = `${name}|${vat.category}|${vat.rate.toString()}`;
	let node = categoryNodes.get(key);
	if (!node) {
		node = must(el(name, leaf('cbc:ID', vat.category), percentOf(vat.category, vat.rate), vatScheme()), name);
		if (categoryNodes.size >= MAX_CACHED_CATEGORIES) categoryNodes.clear();
		categoryNodes.set(key, node);
	}
	return node;
}

export interface ResolvedExemption {
	code?: string;
	reason?: string;
}

/** The exemption a breakdown row carries: as given, else the default of its category; none for S, Z, L, M. */
export function resolveExemption(entry: Pick<VatBreakdownEntry, 'category' | 'exemptionReason' | 'exemptionReasonCode'>): ResolvedExemption {
	if (NO_EXEMPTION.has(entry.category)) return {};
	const code = entry.exemptionReasonCode?.trim().toUpperCase() || undefined;
	const reason = entry.exemptionReason?.trim() || undefined;
	if (code || reason) return { code, reason };
	const fallback = DEFAULT_EXEMPTIONS[entry.category];
	return fallback ? { code: fallback.code, reason: fallback.reason } : {};
}

/** One `cac:TaxSubtotal` of the VAT breakdown. */
export function taxSubtotalNode(entry: VatBreakdownEntry, ctx: UblContext): XNode {
	const exemption = resolveExemption(entry);
	return must(
		el(
			'cac:TaxSubtotal',
			amountLeaf('cbc:TaxableAmount', entry.taxableAmount, ctx),
			amountLeaf('cbc:TaxAmount', entry.taxAmount, ctx),
			el(
				'cac:TaxCategory',
				leaf('cbc:ID', entry.category),
				percentOf(entry.category, entry.rate),
				leaf('cbc:TaxExemptionReasonCode', exemption.code),
				leaf('cbc:TaxExemptionReason', exemption.reason),
				vatScheme(),
			),
		),
		'tax subtotal',
	);
}

/** `cac:TaxTotal`: the total VAT (BT-110) and one subtotal per category and rate (PEPPOL-EN16931-R053: exactly one). */
export function taxTotalNode(ctx: UblContext): XNode {
	return must(
		el('cac:TaxTotal', amountLeaf('cbc:TaxAmount', ctx.totals.tax, ctx), ...ctx.totals.vatBreakdown.map((entry) => taxSubtotalNode(entry, ctx))),
		'tax total',
	);
}

/** Where each VAT category is used: lines, document allowances, document charges. */
export function collectCategoryUses(ctx: Pick<UblContext, 'doc'>): CategoryUse[] {
	const uses: CategoryUse[] = [];
	ctx.doc.lines.forEach((line, i) => uses.push({ category: line.vat.category, path: `lines.${i}.vat` }));
	(ctx.doc.allowances ?? []).forEach((item, i) => uses.push({ category: item.vat.category, path: `allowances.${i}.vat` }));
	(ctx.doc.charges ?? []).forEach((item, i) => uses.push({ category: item.vat.category, path: `charges.${i}.vat` }));
	return uses;
}

function vatInfoAt(ctx: UblContext, path: string): VatInfo | undefined {
	const match = /^(lines|allowances|charges)\.(\d+)\.vat$/.exec(path);
	if (!match) return undefined;
	const list = match[1] === 'lines' ? ctx.doc.lines : match[1] === 'allowances' ? ctx.doc.allowances : ctx.doc.charges;
	return list?.[Number(match[2])]?.vat;
}

/**
 * Checks the category rules a document must meet before it can be written; each failure becomes an
 * issue naming the field and the rule. Missing exemption texts for AE, K, G and O are not failures:
 * their VATEX defaults are written (see DEFAULT_EXEMPTIONS).
 */
export function checkVatCategories(ctx: UblContext): void {
	const { doc, issues } = ctx;
	const used = new Set(ctx.categoryUses.map((use) => use.category));
	const firstUse = (category: VatCategory) => ctx.categoryUses.find((use) => use.category === category)!;

	for (const use of ctx.categoryUses) {
		const vat = vatInfoAt(ctx, use.path);
		if (!vat) continue;
		const rule = VAT_CATEGORY_RULES[vat.category];
		const prefix = VAT_CATEGORY_RULE_PREFIX[vat.category];
		const rateRule = use.path.startsWith('lines') ? '05' : use.path.startsWith('allowances') ? '06' : '07';
		if (rule.rate === 'positive' && (vat.rate.isNegative() || vat.rate.isZero())) {
			issues.add(`${use.path}.rate`, `a standard-rated (S) rate must be above 0 (${prefix}-${rateRule})`);
		} else if (rule.rate === 'zero' && !vat.rate.isZero()) {
			issues.add(`${use.path}.rate`, `category ${vat.category} (${rule.label}) has rate 0 (${prefix}-${rateRule})`);
		} else if (rule.rate === 'nonNegative' && vat.rate.isNegative()) {
			issues.add(`${use.path}.rate`, `category ${vat.category} (${rule.label}) needs a rate of 0 or more (${prefix}-${rateRule})`);
		} else if (rule.rate === 'none' && !vat.rate.isZero()) {
			issues.add(`${use.path}.rate`, `category O (not subject to VAT) has no rate: give 0 (BR-O-${rateRule})`);
		}
		const code = vat.exemptionReasonCode?.trim().toUpperCase();
		if (code) {
			if (!VATEX_CODES.has(code)) {
				issues.add(`${use.path}.exemptionReasonCode`, `${code} is not a VATEX exemption reason code (BR-CL-22)`);
			} else if (CATEGORY_OF_VATEX[code] && CATEGORY_OF_VATEX[code] !== vat.category) {
				issues.add(
					`${use.path}.exemptionReasonCode`,
					`${code} belongs to category ${CATEGORY_OF_VATEX[code]}, not ${vat.category} (PEPPOL-EN16931-P0104…P0111)`,
				);
			}
		}
	}

	// One row per category for the zero-rated families (BR-Z/E/AE/IC/G/O-01 "exactly one"): their rates are 0.
	for (const entry of ctx.totals.vatBreakdown) {
		const exemption = resolveExemption(entry);
		if (VAT_CATEGORY_RULES[entry.category].needsExemptionReason && !exemption.code && !exemption.reason) {
			issues.add(
				`${firstUse(entry.category).path}.exemptionReason`,
				`category ${entry.category} (${VAT_CATEGORY_RULES[entry.category].label}) needs an exemption reason or a VATEX code, e.g. VATEX-EU-132 (${VAT_CATEGORY_RULE_PREFIX[entry.category]}-10)`,
			);
		}
		if (NO_EXEMPTION.has(entry.category) && (entry.exemptionReason || entry.exemptionReasonCode)) {
			ctx.warnings.push(
				`category ${entry.category} carries no exemption reason (${VAT_CATEGORY_RULE_PREFIX[entry.category]}-10): the one given was left out`,
			);
		}
	}

	// BR-O-11…14: "not subject to VAT" cannot be mixed with any other category.
	if (used.has('O') && used.size > 1) {
		const other = ctx.categoryUses.find((use) => use.category !== 'O')!;
		issues.add(
			`${other.path}.category`,
			`a document with category O (not subject to VAT) cannot also use category ${other.category} (BR-O-11…14): split it into two documents`,
		);
	}

	// VAT identifiers each category demands.
	const sellerVat = !!doc.seller.vatNumber;
	const buyerVat = !!doc.buyer.vatNumber;
	const needSellerVat = [...used].filter((category) => category !== 'O');
	if (needSellerVat.length > 0 && !sellerVat) {
		const rules = needSellerVat.map((category) => `${VAT_CATEGORY_RULE_PREFIX[category]}-02`).join(', ');
		issues.add(
			'seller.vatNumber',
			`the seller's VAT number is required for VAT category ${needSellerVat.join(', ')} (${rules}; first used at ${firstUse(needSellerVat[0]).path})`,
		);
	}
	for (const category of used) {
		const use = firstUse(category);
		if (category === 'K' && !buyerVat) {
			issues.add('buyer.vatNumber', `an intra-community supply (K) needs the buyer's VAT number (BR-IC-02; used at ${use.path})`);
		}
		if (category === 'AE' && !buyerVat && !doc.buyer.enterpriseNumber) {
			issues.add('buyer.vatNumber', `a reverse-charge (AE) document needs the buyer's VAT number or legal registration number (BR-AE-02; used at ${use.path})`);
		}
	}
	if (used.has('O') && (sellerVat || buyerVat)) {
		ctx.warnings.push(
			'category O (not subject to VAT): the VAT numbers of seller and buyer are left out of the UBL, as BR-O-02 requires; the enterprise number identifies the seller',
		);
	}
}
