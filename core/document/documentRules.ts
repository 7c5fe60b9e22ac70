// Rules that span the whole document: VAT categories across lines, allowances and charges
// (EN 16931 BR-S/Z/E/AE/IC/G/O/AF/AG), and the claimed totals against the computed ones.
import type Decimal from 'decimal.js';
import { computeTotals } from '../money/totals';
import { vatGroupKey } from '../money/totals';
import { categoryRule } from '../rules';
import type { NumNumDocument, VatCategory, VatInfo } from '../model';

export interface RuleIssue {
	path: (string | number)[];
	message: string;
}

interface VatUse {
	path: (string | number)[];
	vat: VatInfo;
}

function vatUses(doc: NumNumDocument): VatUse[] {
	return [
		...doc.lines.map((line, i) => ({ path: ['lines', i, 'vat'], vat: line.vat })),
		...doc.allowances.map((item, i) => ({ path: ['allowances', i, 'vat'], vat: item.vat })),
		...doc.charges.map((item, i) => ({ path: ['charges', i, 'vat'], vat: item.vat })),
	];
}

/** Categories whose use obliges the seller to show a VAT identifier (BR-S-02, BR-Z-02, BR-E-02, BR-AE-02, BR-IC-02, BR-G-02, BR-AF-02, BR-AG-02). */
const NEEDS_SELLER_VAT: ReadonlySet<VatCategory> = new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'L', 'M']);

const where = (path: (string | number)[]) => path.slice(0, 2).join('.');

function vatRules(doc: NumNumDocument): RuleIssue[] {
	const issues: RuleIssue[] = [];
	const uses = vatUses(doc);

	const firstOf = new Map<VatCategory, VatUse>();
	for (const use of uses) if (!firstOf.has(use.vat.category)) firstOf.set(use.vat.category, use);

	for (const [category, use] of firstOf) {
		const rule = categoryRule(category, '02');
		if (NEEDS_SELLER_VAT.has(category) && !doc.seller.vatNumber) {
			issues.push({
				path: ['seller', 'vatNumber'],
				message: `is required because ${where(use.path)} has VAT category ${category} (${rule})`,
			});
			break;
		}
	}
	const intraCommunity = firstOf.get('K');
	if (intraCommunity && !doc.buyer.vatNumber) {
		issues.push({
			path: ['buyer', 'vatNumber'],
			message: `is required because ${where(intraCommunity.path)} has VAT category K, intra-community supply (BR-IC-02)`,
		});
	}
	const reverseCharge = firstOf.get('AE');
	if (reverseCharge && !doc.buyer.vatNumber && !doc.buyer.enterpriseNumber) {
		issues.push({
			path: ['buyer', 'vatNumber'],
			message: `is required (or buyer.enterpriseNumber) because ${where(reverseCharge.path)} has VAT category AE, reverse charge (BR-AE-02)`,
		});
	}

	// BR-O-11…14: "not subject to VAT" cannot share a document with other categories.
	const notSubject = firstOf.get('O');
	if (notSubject) {
		for (const use of uses) {
			if (use.vat.category !== 'O') {
				issues.push({
					path: [...use.path, 'category'],
					message: `cannot be ${use.vat.category} in a document that also has category O, not subject to VAT (${where(notSubject.path)}) (BR-O-11)`,
				});
			}
		}
	}

	// One breakdown row carries one exemption reason; E must have one (BR-E-10).
	const groups = new Map<string, VatUse[]>();
	for (const use of uses) {
		const key = vatGroupKey(use.vat);
		const group = groups.get(key);
		if (group) group.push(use);
		else groups.set(key, [use]);
	}
	for (const group of groups.values()) {
		const withCode = group.filter((use) => use.vat.exemptionReasonCode !== undefined);
		const first = withCode[0];
		for (const other of withCode.slice(1)) {
			if (other.vat.exemptionReasonCode !== first.vat.exemptionReasonCode) {
				issues.push({
					path: [...other.path, 'exemptionReasonCode'],
					message: `${other.vat.exemptionReasonCode} differs from ${first.vat.exemptionReasonCode} at ${where(first.path)}: one exemption reason per VAT category and rate`,
				});
			}
		}
		const head = group[0];
		if (head.vat.category === 'E' && !group.some((use) => use.vat.exemptionReason || use.vat.exemptionReasonCode)) {
			issues.push({
				path: [...head.path, 'exemptionReason'],
				message: 'is required for category E, exempt from VAT: give exemptionReason or exemptionReasonCode (BR-E-10)',
			});
		}
	}
	return issues;
}

const TOTAL_FIELDS = ['lineExtension', 'allowances', 'charges', 'taxExclusive', 'tax', 'taxInclusive', 'payable'] as const;

/** `1210` → `1210.00`, but `1209.994` stays `1209.994`: show what was given, at least to the cent. */
const show = (value: Decimal) => (value.decimalPlaces() > 2 ? value.toFixed() : value.toFixed(2));

function totalsRules(doc: NumNumDocument): RuleIssue[] {
	const given = doc.totals;
	if (!given) return [];
	const issues: RuleIssue[] = [];
	if (given.prepaid !== undefined && doc.payment?.prepaidAmount !== undefined && !given.prepaid.equals(doc.payment.prepaidAmount)) {
		issues.push({
			path: ['totals', 'prepaid'],
			message: `${show(given.prepaid)} does not match payment.prepaidAmount ${show(doc.payment.prepaidAmount)}`,
		});
	}
	const computed = computeTotals(doc);
	for (const field of TOTAL_FIELDS) {
		const value = given[field];
		if (value !== undefined && !value.equals(computed[field])) {
			issues.push({
				path: ['totals', field],
				message: `${show(value)} does not match the computed ${computed[field].toFixed(2)}`,
			});
		}
	}
	return issues;
}

/** Every document-wide problem; empty when the document holds together. */
export function checkDocumentRules(doc: NumNumDocument): RuleIssue[] {
	return [...vatRules(doc), ...totalsRules(doc)];
}
