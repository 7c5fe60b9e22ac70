// readUbl: a UBL 2.1 Invoice or CreditNote (Peppol BIS 3.0, EN 16931, any prefixes) back into a NumNum
// document, its embedded files, and every value the document has no field for (docs/read-ubl-mapping.md).
import { embeddedFilesOf } from './attachments';
import { CARRIED_CODES, derivedId, documentTypeOf } from './documentType';
import { UblReadError, type UblReadIssue } from './errors';
import { lineOf, type ReadLine } from './lines';
import { ALLOWANCE_REASON_CODES, CHARGE_REASON_CODES, CURRENCY_CODES, Dec, computeTotals, safeParseDocument, vatGroupKey, VAT_CATEGORY_RULES, type VatCategory } from './model';
import { collectNotCarried } from './notCarried';
import { addressOf, dropEmpty, partyOf } from './parties';
import { dueDateOf, paymentOf } from './payment';
import { checkAmountForms, checkTotals, totalInputsOf } from './totals';
import { at, child, childrenOf, peek, take, type El, ReadContext, xpathOf } from './tree';
import type { AllowanceChargeJson, DocumentJson, LineJson, ReadUblOptions, ReadUblResult, VatJson } from './types';
import { amountOf, dateOf } from './values';
import { exemptionsOf, vatOf } from './vat';
import { XmlSyntaxError, parseXml, type XmlLimits } from './xml';

const DEFAULT_LIMITS: XmlLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 32 };
const ROOT_ISSUE = '/';

function fail(message: string, extra: Partial<UblReadIssue> = {}): never {
	throw new UblReadError([{ path: ROOT_ISSUE, message, ...extra }]);
}

/** The input as text: a string as it is, bytes as strict UTF-8 (what UBL is written in). */
function sourceOf(xml: string | Buffer, limits: XmlLimits): string {
	if (typeof xml === 'string') return xml;
	if (!Buffer.isBuffer(xml)) fail('the UBL must be given as text or bytes');
	if (xml.length > limits.maxBytes) fail(`the document is larger than ${limits.maxBytes} bytes`);
	if ((xml[0] === 0xfe && xml[1] === 0xff) || (xml[0] === 0xff && xml[1] === 0xfe)) fail('the document is UTF-16: UBL is read as UTF-8');
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(xml);
	} catch {
		return fail('the document is not valid UTF-8');
	}
}

function rootOf(source: string, limits: XmlLimits): El {
	try {
		return parseXml(source, limits);
	} catch (error) {
		if (error instanceof XmlSyntaxError) fail(`malformed XML: ${error.reason}`, { line: error.line, column: error.column });
		throw error;
	}
}

const rateKey = (category: string, rate: string | undefined) =>
	vatGroupKey({ category: category as VatCategory, rate: new Dec(VAT_CATEGORY_RULES[category as VatCategory]?.rate === 'none' ? 0 : (rate ?? 0)) });

interface ReadAllowanceCharge {
	item: AllowanceChargeJson;
	element: El;
	isCharge: boolean;
	/** A negative allowance is a charge (and the other way round): the contract's amounts are ≥ 0. */
	flipped: boolean;
}

function allowanceChargeOf(ctx: ReadContext, element: El, currency: string): ReadAllowanceCharge | undefined {
	const stated = take(child(element, 'cbc:ChargeIndicator')) === 'true';
	const amountElement = child(element, 'cbc:Amount');
	if (!amountElement) ctx.missing(element, 'cbc:Amount', 'the amount is missing');
	const amount = amountOf(ctx, amountElement, currency, stated ? 'the charge amount' : 'the allowance amount');
	const vat = vatOf(ctx, element, 'cac:TaxCategory');
	if (amount === undefined || !vat) return undefined;
	const flipped = amount.startsWith('-') && /[1-9]/.test(amount);
	const isCharge = flipped ? !stated : stated;
	const codeElement = child(element, 'cbc:AllowanceChargeReasonCode');
	const code = peek(codeElement);
	let reasonCode: string | undefined;
	if (code && codeElement) {
		if ((isCharge ? CHARGE_REASON_CODES : ALLOWANCE_REASON_CODES).has(code)) reasonCode = take(codeElement);
		else ctx.aside(codeElement, `${code} is not a ${isCharge ? 'UNCL 7161 charge' : 'UNCL 5189 allowance'} reason code`);
	}
	// BR-33/BR-38 want a reason or a code; the contract wants the text: Build UBL's own words when there is none.
	const reason = take(child(element, 'cbc:AllowanceChargeReason')) ?? (isCharge ? 'Charge' : 'Discount');
	return { item: dropEmpty({ amount: flipped ? amount.slice(1) : amount, reason, reasonCode, vat }), element, isCharge, flipped };
}

function withExemption(vat: VatJson, exemptions: Map<string, { code?: string; reason?: string }>): VatJson {
	if (vat.exemptionReason || vat.exemptionReasonCode) return vat;
	const exemption = exemptions.get(rateKey(vat.category, vat.rate));
	if (!exemption) return vat;
	return dropEmpty({ ...vat, exemptionReason: exemption.reason, exemptionReasonCode: exemption.code });
}

/** Where a contract path (from parseDocument) came from in the UBL, for its error message. */
function issuePath(path: string, sources: { root: El; lines: El[]; allowances: El[]; charges: El[] }): string {
	const [head, index] = path.split('.');
	const listed = head === 'lines' ? sources.lines : head === 'allowances' ? sources.allowances : head === 'charges' ? sources.charges : undefined;
	if (listed && listed[Number(index)]) return xpathOf(listed[Number(index)]);
	const parties: Record<string, string> = { seller: 'cac:AccountingSupplierParty', buyer: 'cac:AccountingCustomerParty' };
	if (parties[head]) return `${xpathOf(sources.root)}/${parties[head]}`;
	return xpathOf(sources.root);
}

/**
 * Reads a UBL 2.1 Invoice or CreditNote. Throws a UblReadError (every problem with its XPath, line and
 * column) for XML that is malformed or hostile (DTD, entities, too deep, too large), a root that is not
 * an Invoice or CreditNote, or a value the NumNum document cannot hold. It reads, it does not validate:
 * what the UBL says comes out, and what the document has no field for is listed in `notCarried`.
 */
export function readUbl(xml: string | Buffer, options: ReadUblOptions = {}): ReadUblResult {
	const limits: XmlLimits = { maxBytes: options.maxBytes ?? DEFAULT_LIMITS.maxBytes, maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth };
	const source = sourceOf(xml, limits);
	const root = rootOf(source, limits);
	if (root.key !== 'Invoice' && root.key !== 'CreditNote') {
		fail(`the root element <${root.qname}> is not a UBL 2.1 Invoice or CreditNote (namespace urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 or CreditNote-2)`);
	}
	const kind: 'Invoice' | 'CreditNote' = root.key;
	const isCredit = kind === 'CreditNote';
	const ctx = new ReadContext(source, root);

	const ubl = dropEmpty({
		kind,
		ublVersionId: take(child(root, 'cbc:UBLVersionID')),
		customizationId: take(child(root, 'cbc:CustomizationID')),
		profileId: take(child(root, 'cbc:ProfileID')),
		typeCode: peek(child(root, isCredit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode')),
	});
	const number = take(child(root, 'cbc:ID'));
	if (!number) ctx.missing(root, 'cbc:ID', 'the document number (BT-1) is missing');
	const issueDate = dateOf(ctx, child(root, 'cbc:IssueDate'), 'the issue date');
	if (!child(root, 'cbc:IssueDate')) ctx.missing(root, 'cbc:IssueDate', 'the issue date (BT-2) is missing');
	const currencyElement = child(root, 'cbc:DocumentCurrencyCode');
	let currency = take(currencyElement)?.toUpperCase() ?? 'EUR';
	if (currencyElement && !CURRENCY_CODES.has(currency)) {
		ctx.issue(currencyElement, `${currency} is not an ISO 4217 currency code`);
		currency = 'EUR';
	}

	const seller = partyOf(ctx, child(root, 'cac:AccountingSupplierParty'), 'seller');
	const buyer = partyOf(ctx, child(root, 'cac:AccountingCustomerParty'), 'buyer');
	const { payment, paymentDueDate } = paymentOf(ctx, root);
	const dueDate = dueDateOf(ctx, child(root, 'cbc:DueDate')) ?? dueDateOf(ctx, paymentDueDate);
	const { prepaid, rounding } = totalInputsOf(ctx, root, currency);
	const exemptions = exemptionsOf(ctx, root, rateKey);

	const lineElements = childrenOf(root, isCredit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine');
	if (lineElements.length === 0) ctx.missing(root, isCredit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', 'the document has no lines');
	const readLines = lineElements.map((element, i) => lineOf(ctx, element, i, isCredit, currency));
	const documentLevel = childrenOf(root, 'cac:AllowanceCharge').map((element) => allowanceChargeOf(ctx, element, currency));
	checkAmountForms(ctx, root, lineElements);
	ctx.throwIfAny();
	const readAllowances = (documentLevel as ReadAllowanceCharge[]).filter((read) => !read.isCharge);
	const readCharges = (documentLevel as ReadAllowanceCharge[]).filter((read) => read.isCharge);
	const allowanceElements = readAllowances.map((read) => read.element);
	const chargeElements = readCharges.map((read) => read.element);
	const flippedTotal = (documentLevel as ReadAllowanceCharge[]).reduce((total, read) => (read.flipped ? total.plus(read.item.amount) : total), new Dec(0));
	if (!seller || !buyer || !number || !issueDate) return fail('the document is incomplete');

	const lines: LineJson[] = [];
	const lineSources: El[] = [];
	for (const [i, read] of (readLines as ReadLine[]).entries()) {
		for (const line of [read.line, ...read.chargeLines]) {
			lines.push({ ...line, vat: withExemption(line.vat, exemptions) });
			lineSources.push(lineElements[i]);
		}
	}
	const typeCodeElement = child(root, isCredit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode');
	const type = documentTypeOf(kind, ubl.typeCode, buyer, options.ourCompany);
	if (ubl.typeCode && CARRIED_CODES.has(ubl.typeCode)) take(typeCodeElement);

	const period = child(root, 'cac:InvoicePeriod');
	const invoicePeriod = period ? dropEmpty({ start: dateOf(ctx, child(period, 'cbc:StartDate'), 'the period start'), end: dateOf(ctx, child(period, 'cbc:EndDate'), 'the period end') }) : undefined;
	const billing = at(root, 'cac:BillingReference', 'cac:InvoiceDocumentReference');
	const billingNumber = take(child(billing, 'cbc:ID'));
	const deliveryElement = child(root, 'cac:Delivery');
	const deliveryAddress = addressOf(ctx, at(deliveryElement, 'cac:DeliveryLocation', 'cac:Address'), 'the delivery address');
	const deliveryDate = dateOf(ctx, child(deliveryElement, 'cbc:ActualDeliveryDate'), 'the delivery date');
	const onlyCountry = deliveryAddress && Object.keys(deliveryAddress).length === 1;
	const delivery =
		deliveryDate || deliveryAddress
			? dropEmpty({ date: deliveryDate, countryCode: onlyCountry ? deliveryAddress.countryCode : undefined, address: onlyCountry ? undefined : deliveryAddress })
			: undefined;
	const paymentWithPrepaid = prepaid ? { ...payment, prepaidAmount: prepaid } : payment;

	const document: DocumentJson = dropEmpty({
		id: derivedId(seller, type, number),
		type,
		status: type === 'expense' ? 'received' : 'sent',
		number,
		issueDate,
		dueDate,
		currency,
		language: options.language ?? 'nl',
		seller,
		buyer,
		buyerReference: take(child(root, 'cbc:BuyerReference')),
		orderReference: take(at(root, 'cac:OrderReference', 'cbc:ID')),
		invoiceReference: billingNumber ? dropEmpty({ number: billingNumber, issueDate: dateOf(ctx, child(billing, 'cbc:IssueDate'), 'the referenced invoice date') }) : undefined,
		invoicePeriod: invoicePeriod && Object.keys(invoicePeriod).length > 0 ? invoicePeriod : undefined,
		delivery,
		note: take(child(root, 'cbc:Note')),
		lines,
		allowances: readAllowances.map(({ item }) => ({ ...item, vat: withExemption(item.vat, exemptions) })),
		charges: readCharges.map(({ item }) => ({ ...item, vat: withExemption(item.vat, exemptions) })),
		payment: paymentWithPrepaid,
	});
	ctx.throwIfAny();

	const parsed = safeParseDocument(document);
	if (!parsed.ok) {
		const sources = { root, lines: lineSources, allowances: allowanceElements, charges: chargeElements };
		throw new UblReadError(parsed.issues.map((issue) => ({ path: issuePath(issue.path, sources), message: `${issue.path} ${issue.message}` })));
	}
	const computed = computeTotals(parsed.document);
	let lineIndex = 0;
	const lineNets = (readLines as ReadLine[]).map((read) => {
		const count = 1 + read.chargeLines.length;
		const net = computed.lines.slice(lineIndex, lineIndex + count).reduce((total, amounts) => total.plus(amounts.netAmount), new Dec(0));
		lineIndex += count;
		return { element: read.netElement, computed: net };
	});
	const totals = checkTotals(ctx, { root, currency, computed, rounding: new Dec(rounding ?? 0), lineNets, flippedTotal });
	if (totals) document.totals = totals;

	const files = embeddedFilesOf(ctx, root, number);
	return {
		document,
		...(files.pdf ? { pdf: files.pdf } : {}),
		attachments: files.attachments,
		notCarried: collectNotCarried(root, ctx.setAside),
		ubl,
	};
}
