// NumNum document → UBL 2.1 Invoice / CreditNote (Peppol BIS Billing 3.0 or plain EN 16931).

import type { DocumentIssue, Endpoint, NumNumDocument, VatCategory } from '../model';
import type { ComputedTotals } from '../money/types';
import { computeTotals, formatAmount, formatDecimal } from '../money';
import { attachmentNode, pickPdf, type PdfInput } from './attachment';
import { amountsTooLarge, notAParsedDocument } from './checks';
import { documentAllowanceChargeNode } from './allowanceCharge';
import type { UblContext } from './context';
import { deliveryNode } from './delivery';
import { endpointProblem, resolveEndpoint } from './endpoint';
import { UblBuildError } from './errors';
import { IssueCollector } from './issues';
import { ROOT_PATH } from '../document/errors';
import { ublFileNames } from './fileNames';
import { headerNodes } from './header';
import { lineNode } from './lines';
import { legalMonetaryTotalNode } from './monetaryTotal';
import { partyNode, type PartyRole } from './party';
import { nationalRuleProblems } from './nationalRules';
import { checkDueDateOrTerms, paymentMeansCodeOf, paymentMeansNode, paymentTermsNode } from './payment';
import { chooseProfile, EN16931_CUSTOMIZATION_ID, type DocumentKind, type UblProfile, type UblProfileOption } from './profile';
import { checkVatCategories, collectCategoryUses, resolveExemption, taxTotalNode } from './tax';
import { isBlankInXml } from './xml/escape';
import { el, type XChild, type XNode } from './xml/node';
import { renderDocument, type XmlRoot } from './xml/render';

export interface BuildUblOptions {
	/** `auto` (default): Peppol BIS Billing 3.0, except a proforma (EN 16931, type 325). */
	profile?: UblProfileOption;
	/** The PDF to embed (e.g. an n8n binary); `null` embeds none; absent: the document's own `pdf`. */
	pdf?: PdfInput | null;
	/** Embed the PDF (default true). */
	embedPdf?: boolean;
}

/** Amounts as written in the UBL: strings with 2 decimals. */
export interface UblTotals {
	lineExtension: string;
	allowances: string;
	charges: string;
	taxExclusive: string;
	tax: string;
	taxInclusive: string;
	prepaid: string;
	rounding: string;
	payable: string;
}

export interface UblVatBreakdownRow {
	category: VatCategory;
	rate: string;
	taxableAmount: string;
	taxAmount: string;
	exemptionReason?: string;
	exemptionReasonCode?: string;
}

export interface UblBuildResult {
	xml: string;
	/** `invoice-2026-0042.xml`; the PDF has the same base name. */
	fileName: string;
	pdfFileName: string;
	profile: UblProfile;
	customizationId: string;
	profileId?: string;
	documentKind: DocumentKind;
	typeCode: string;
	totals: UblTotals;
	vatBreakdown: UblVatBreakdownRow[];
	/** Whether a PDF went into the UBL. */
	pdfEmbedded: boolean;
	/** What the writer decided for the user (defaults it filled in, profile it fell back to…). */
	warnings: string[];
}

const NAMESPACES = {
	'xmlns:cac': 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
	'xmlns:cbc': 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};
const ROOTS: Record<DocumentKind, XmlRoot> = {
	Invoice: { name: 'Invoice', namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', attrs: NAMESPACES },
	CreditNote: { name: 'CreditNote', namespace: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2', attrs: NAMESPACES },
};

const wrap = (name: string, party: XNode) => el(name, party);

/** What keeps a document out of Peppol BIS 3.0 while EN 16931 would take it. */
function peppolOnlyProblems(
	doc: NumNumDocument,
	kind: DocumentKind,
	endpoints: Record<PartyRole, Endpoint | undefined>,
	totals: ComputedTotals,
): DocumentIssue[] {
	const problems: DocumentIssue[] = [];
	for (const role of ['seller', 'buyer'] as const) {
		if (!endpoints[role]) {
			problems.push({
				path: `${role}.endpoint`,
				message: `Peppol needs the ${role}'s electronic address: give ${role}.endpoint, or a VAT or enterprise number to derive it from (${role === 'seller' ? 'PEPPOL-EN16931-R020' : 'PEPPOL-EN16931-R010'})`,
			});
		}
	}
	const means = paymentMeansCodeOf(doc, kind);
	if (means === '59' && isBlankInXml(doc.payment?.reference)) {
		problems.push({ path: 'payment.reference', message: 'a direct debit needs the mandate reference, given in payment.reference (PEPPOL-EN16931-R061)' });
	}
	problems.push(...nationalRuleProblems(doc, kind, means, totals.payable));
	return problems;
}

function checkRequiredText(doc: NumNumDocument, issues: IssueCollector): void {
	if (isBlankInXml(doc.number)) issues.add('number', 'the document number is required (BR-02)');
	if (isBlankInXml(doc.seller.name)) issues.add('seller.name', "the seller's name is required (BR-06)");
	if (isBlankInXml(doc.buyer.name)) issues.add('buyer.name', "the buyer's name is required (BR-07)");
	doc.lines.forEach((line, i) => {
		if (isBlankInXml(line.id)) issues.add(`lines.${i}.id`, 'every line needs an identifier (BR-21)');
	});
	if (doc.invoiceReference && isBlankInXml(doc.invoiceReference.number)) {
		issues.add('invoiceReference.number', 'a reference to a preceding invoice needs its number (BR-55)');
	}
	const period = doc.invoicePeriod;
	if (period) {
		if (!period.start && !period.end) issues.add('invoicePeriod', 'an invoice period needs a start or an end date (BR-CO-19)');
		if (period.start && period.end && period.end < period.start) {
			issues.add('invoicePeriod.end', 'the invoice period ends before it starts (BR-29)');
		}
	}
}

/**
 * Builds the UBL e-invoice for a parsed NumNum document.
 * Throws a `UblBuildError` (with `issues`) for a quote, a proforma forced into Peppol, or a document that
 * cannot meet an EN 16931 / Peppol rule; it never writes XML that the official rules would reject.
 */
export function buildUbl(document: NumNumDocument, options: BuildUblOptions = {}): UblBuildResult {
	const notParsed = notAParsedDocument(document);
	if (notParsed) {
		throw new UblBuildError([{ path: ROOT_PATH, message: `buildUbl takes the document parseDocument returns: call parseDocument(json) first (${notParsed})` }]);
	}
	const requested = options.profile ?? 'auto';
	let choice = chooseProfile(document.type, requested);
	const issues = new IssueCollector();
	const warnings = [...choice.warnings];

	// Peppol-only rules a document can miss while it is still a valid EN 16931 invoice: both parties need an
	// electronic address (PEPPOL-EN16931-R010/R020), direct debit a mandate (R061), and the supplier's
	// country may add national rules. Auto falls back to plain EN 16931 and says why (e.g. a buyer outside
	// Europe without endpoint, a Dutch supplier without street); an explicit Peppol request is refused.
	const totals = computeTotals(document);
	for (const problem of amountsTooLarge(totals)) issues.add(problem.path, problem.message);
	const endpoints: Record<PartyRole, ReturnType<typeof resolveEndpoint>> = {
		seller: resolveEndpoint(document.seller),
		buyer: resolveEndpoint(document.buyer),
	};
	if (choice.profile === 'peppol') {
		const peppolProblems = peppolOnlyProblems(document, choice.documentKind, endpoints, totals);
		if (peppolProblems.length > 0) {
			if (requested === 'auto') {
				choice = { ...choice, profile: 'en16931', customizationId: EN16931_CUSTOMIZATION_ID, profileId: undefined };
				warnings.push(
					`written as plain EN 16931, not Peppol BIS Billing 3.0, because of Peppol-only rules: ${peppolProblems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
				);
			} else {
				for (const problem of peppolProblems) issues.add(problem.path, problem.message);
			}
		}
	}
	for (const role of ['seller', 'buyer'] as const) {
		const endpoint = endpoints[role];
		const problem = endpoint && endpointProblem(endpoint);
		// Outside Peppol only the scheme list applies (BR-CL-25); the check-digit rules are Peppol's.
		if (problem && (choice.profile === 'peppol' || problem.includes('BR-CL-25'))) issues.add(`${role}.endpoint`, problem);
	}

	const ctx: UblContext = {
		doc: document,
		totals,
		kind: choice.documentKind,
		profile: choice.profile,
		categoryUses: collectCategoryUses({ doc: document }),
		withoutVatIds: false,
		issues,
		warnings,
	};
	ctx.withoutVatIds = ctx.categoryUses.some((use) => use.category === 'O');

	checkRequiredText(document, issues);
	checkVatCategories(ctx);
	checkDueDateOrTerms(ctx);

	// PEPPOL-EN16931-R003: a buyer reference or an order reference. NumNum often has neither; the
	// document number is the reference the buyer knows the document by.
	let buyerReference = document.buyerReference;
	if (choice.profile === 'peppol' && isBlankInXml(buyerReference) && isBlankInXml(document.orderReference)) {
		buyerReference = document.number;
		warnings.push(`no buyerReference or orderReference: the document number ${document.number} is written as the buyer reference (PEPPOL-EN16931-R003)`);
	}

	const names = ublFileNames(document);
	const pdf = pickPdf(document, options.pdf, options.embedPdf !== false, issues);

	const fragments: XChild[] = [
		...headerNodes(ctx, choice, buyerReference),
		pdf && attachmentNode(pdf, names.base, names.pdf),
		wrap('cac:AccountingSupplierParty', partyNode('seller', document.seller, { endpoint: endpoints.seller, withVatId: !ctx.withoutVatIds }, ctx)),
		wrap('cac:AccountingCustomerParty', partyNode('buyer', document.buyer, { endpoint: endpoints.buyer, withVatId: !ctx.withoutVatIds }, ctx)),
		deliveryNode(ctx),
		paymentMeansNode(ctx),
		paymentTermsNode(ctx),
		...(document.allowances ?? []).map((item, i) => documentAllowanceChargeNode(item, false, i, ctx)),
		...(document.charges ?? []).map((item, i) => documentAllowanceChargeNode(item, true, i, ctx)),
		taxTotalNode(ctx),
		legalMonetaryTotalNode(ctx),
		...totals.lines.map((amounts, i) => lineNode(amounts, i, ctx)),
	];
	issues.throwIfAny();

	const xml = renderDocument(
		ROOTS[choice.documentKind],
		fragments.filter((node): node is XNode => !!node),
	);
	return {
		xml,
		fileName: names.xml,
		pdfFileName: names.pdf,
		profile: choice.profile,
		customizationId: choice.customizationId,
		...(choice.profileId ? { profileId: choice.profileId } : {}),
		documentKind: choice.documentKind,
		typeCode: choice.typeCode,
		totals: {
			lineExtension: formatAmount(totals.lineExtension),
			allowances: formatAmount(totals.allowances),
			charges: formatAmount(totals.charges),
			taxExclusive: formatAmount(totals.taxExclusive),
			tax: formatAmount(totals.tax),
			taxInclusive: formatAmount(totals.taxInclusive),
			prepaid: formatAmount(totals.prepaid),
			rounding: formatAmount(totals.rounding),
			payable: formatAmount(totals.payable),
		},
		vatBreakdown: totals.vatBreakdown.map((entry) => {
			const exemption = resolveExemption(entry);
			return {
				category: entry.category,
				rate: formatDecimal(entry.rate),
				taxableAmount: formatAmount(entry.taxableAmount),
				taxAmount: formatAmount(entry.taxAmount),
				...(exemption.reason ? { exemptionReason: exemption.reason } : {}),
				...(exemption.code ? { exemptionReasonCode: exemption.code } : {}),
			};
		}),
		pdfEmbedded: !!pdf,
		warnings,
	};
}

