import { DocumentError, parseDocument, type NumNumDocument } from '../../../core/document';
import { buildUbl, EN16931_CUSTOMIZATION_ID, PEPPOL_CUSTOMIZATION_ID, PEPPOL_PROFILE_ID, UblBuildError, type BuildUblOptions } from '../../../core/ubl';
import { tinyPdf } from '../../fixtures/corpus/tinyPdf';

type Raw = Record<string, unknown>;

const seller = {
	name: 'Bakkerij De Zon BV',
	vatNumber: 'BE0876543270',
	enterpriseNumber: '0876543270',
	address: { street: 'Veldstraat 12', city: 'Gent', postalCode: '9000', countryCode: 'BE' },
	contact: { name: 'An Peeters', email: 'an@dezon.be', phone: '+32 9 123 45 67' },
};
const buyer = { name: 'Hotel Zeezicht NV', vatNumber: 'BE0555121201', address: { street: 'Zeedijk 200', city: 'Oostende', postalCode: '8400', countryCode: 'BE' } };
const buyerNL = { name: 'Klaassen BV', vatNumber: 'NL859016344B01', address: { city: 'Breda', countryCode: 'NL' } };

function raw(over: Raw = {}): Raw {
	return {
		id: 'doc_1',
		type: 'invoice',
		status: 'sent',
		number: '2026-0042',
		issueDate: '2026-11-20',
		dueDate: '2026-12-20',
		seller,
		buyer,
		buyerReference: 'PO-7781',
		lines: [{ description: 'Croissants', quantity: 12, unitCode: 'BX', unitPrice: '32.50', vat: { category: 'S', rate: 6 } }],
		payment: { iban: 'BE68539007547034', bic: 'GKCCBEBB', reference: '+++202/6004/20023+++', terms: '30 dagen' },
		...over,
	};
}

const parse = (over: Raw = {}) => parseDocument(raw(over));
const build = (over: Raw = {}, options?: BuildUblOptions) => buildUbl(parse(over), options);

/** The issues a build throws; fails when it does not throw a UblBuildError. */
function refusal(run: () => unknown): Array<{ path: string; message: string }> {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(UblBuildError);
		expect(error).toBeInstanceOf(DocumentError);
		return (error as UblBuildError).issues;
	}
	throw new Error('expected buildUbl to refuse the document');
}

/** Positions of the given top-level elements (depth 1, two-space indent) in document order. */
function topLevelOrder(xml: string): string[] {
	return [...xml.matchAll(/^ {2}<((?:cbc|cac):\w+)/gm)].map((m) => m[1]);
}

const count = (xml: string, needle: string) => xml.split(needle).length - 1;

describe('profiles and ids', () => {
	test('Peppol BIS Billing 3.0 ids exactly', () => {
		const result = build();
		expect(result).toMatchObject({ profile: 'peppol', customizationId: PEPPOL_CUSTOMIZATION_ID, profileId: PEPPOL_PROFILE_ID, documentKind: 'Invoice', typeCode: '380' });
		expect(PEPPOL_CUSTOMIZATION_ID).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
		expect(PEPPOL_PROFILE_ID).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
		expect(result.xml).toContain(`<cbc:CustomizationID>${PEPPOL_CUSTOMIZATION_ID}</cbc:CustomizationID>\n  <cbc:ProfileID>${PEPPOL_PROFILE_ID}</cbc:ProfileID>`);
	});

	test('EN 16931 profile: plain customization id, no ProfileID', () => {
		const result = build({}, { profile: 'en16931' });
		expect(result.customizationId).toBe(EN16931_CUSTOMIZATION_ID);
		expect(result.profileId).toBeUndefined();
		expect(result.xml).not.toContain('ProfileID');
	});

	test('proforma: EN 16931, type 325, warning; forced Peppol refused naming type', () => {
		const result = build({ type: 'proforma' });
		expect(result).toMatchObject({ profile: 'en16931', typeCode: '325', customizationId: 'urn:cen.eu:en16931:2017' });
		expect(result.warnings).toEqual([expect.stringContaining('PEPPOL-EN16931-P0100')]);
		expect(refusal(() => build({ type: 'proforma' }, { profile: 'peppol' }))).toEqual([{ path: 'type', message: expect.stringContaining('P0100') }]);
	});

	test('quote: refused under every profile, naming type', () => {
		for (const profile of ['auto', 'peppol', 'en16931'] as const) {
			expect(refusal(() => build({ type: 'quote' }, { profile }))).toEqual([{ path: 'type', message: expect.stringMatching(/^quotes are never exported/) }]);
		}
	});

	test('expense: the supplier is the seller as given, 380', () => {
		const result = build({ type: 'expense', status: 'received', seller: { ...buyer, name: 'Meelfabriek NV' }, buyer: seller });
		expect(result.typeCode).toBe('380');
		const supplier = result.xml.slice(result.xml.indexOf('<cac:AccountingSupplierParty>'), result.xml.indexOf('</cac:AccountingSupplierParty>'));
		expect(supplier).toContain('<cbc:RegistrationName>Meelfabriek NV</cbc:RegistrationName>');
	});

	test('a buyer without any address: Auto falls back to EN 16931 with a warning, explicit Peppol names buyer.endpoint', () => {
		const us = { name: 'Bagels Inc', address: { city: 'New York', countryCode: 'US' } };
		const lines = [{ description: 'Waffles', quantity: 1, unitPrice: 10, vat: { category: 'G', rate: 0 } }];
		const auto = build({ buyer: us, lines });
		expect(auto.profile).toBe('en16931');
		expect(auto.warnings).toEqual([expect.stringContaining('PEPPOL-EN16931-R010')]);
		expect(refusal(() => build({ buyer: us, lines }, { profile: 'peppol' }))).toEqual([
			{ path: 'buyer.endpoint', message: expect.stringContaining('PEPPOL-EN16931-R010') },
		]);
	});
});

describe('element order (UBL 2.1 XSD)', () => {
	test('invoice header, parties, payment, allowances, totals, lines', () => {
		const { xml } = build(
			{
				note: 'Bedankt',
				orderReference: 'ORD-1',
				invoicePeriod: { start: '2026-11-01', end: '2026-11-30' },
				invoiceReference: { number: '2026-0001', issueDate: '2026-10-01' },
				delivery: { date: '2026-11-19', countryCode: 'BE' },
				allowances: [{ amount: 1, reason: 'Korting', vat: { category: 'S', rate: 6 } }],
				charges: [{ amount: 2, reason: 'Transport', vat: { category: 'S', rate: 21 } }],
			},
			{ pdf: { content: tinyPdf() } },
		);
		expect(topLevelOrder(xml)).toEqual([
			'cbc:CustomizationID', 'cbc:ProfileID', 'cbc:ID', 'cbc:IssueDate', 'cbc:DueDate', 'cbc:InvoiceTypeCode', 'cbc:Note',
			'cbc:DocumentCurrencyCode', 'cbc:BuyerReference', 'cac:InvoicePeriod', 'cac:OrderReference', 'cac:BillingReference',
			'cac:AdditionalDocumentReference', 'cac:AccountingSupplierParty', 'cac:AccountingCustomerParty', 'cac:Delivery',
			'cac:PaymentMeans', 'cac:PaymentTerms', 'cac:AllowanceCharge', 'cac:AllowanceCharge', 'cac:TaxTotal',
			'cac:LegalMonetaryTotal', 'cac:InvoiceLine',
		]);
	});

	test('credit note: no DueDate, the due date inside PaymentMeans, credited quantities, billing reference', () => {
		const result = build({ type: 'credit_note', invoiceReference: { number: '2026-0042', issueDate: '2026-11-20' } });
		const { xml } = result;
		expect(result).toMatchObject({ documentKind: 'CreditNote', typeCode: '381' });
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/);
		expect(topLevelOrder(xml)).not.toContain('cbc:DueDate');
		expect(xml).toContain('<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>\n    <cbc:PaymentDueDate>2026-12-20</cbc:PaymentDueDate>');
		expect(xml).toContain('<cac:BillingReference>\n    <cac:InvoiceDocumentReference>\n      <cbc:ID>2026-0042</cbc:ID>\n      <cbc:IssueDate>2026-11-20</cbc:IssueDate>');
		expect(xml).toContain('<cac:CreditNoteLine>');
		expect(xml).toContain('<cbc:CreditedQuantity unitCode="XBX">12</cbc:CreditedQuantity>');
	});

	test('party: endpoint, name, address, tax scheme, legal entity, contact', () => {
		const { xml } = build();
		const party = xml.slice(xml.indexOf('<cac:AccountingSupplierParty>'), xml.indexOf('</cac:AccountingSupplierParty>'));
		const order = [...party.matchAll(/^ {6}<(c\w\w:\w+)/gm)].map((m) => m[1]);
		expect(order).toEqual(['cbc:EndpointID', 'cac:PartyName', 'cac:PostalAddress', 'cac:PartyTaxScheme', 'cac:PartyLegalEntity', 'cac:Contact']);
		expect(party).toContain('<cbc:EndpointID schemeID="0208">0876543270</cbc:EndpointID>');
		expect(party).toContain('<cbc:CompanyID schemeID="0208">0876543270</cbc:CompanyID>');
		expect(party).toContain('<cbc:CompanyID>BE0876543270</cbc:CompanyID>');
	});

	test('tax category: id, percent, exemption code, exemption text, scheme', () => {
		const { xml } = build({ lines: [{ description: 'Renovatie', quantity: 1, unitPrice: 100, vat: { category: 'AE', rate: 0 } }] });
		expect(xml).toContain(
			'<cac:TaxCategory>\n        <cbc:ID>AE</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>\n        <cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>\n        <cbc:TaxExemptionReason>Reverse charge</cbc:TaxExemptionReason>\n        <cac:TaxScheme>',
		);
	});

	test('line: id, quantity, net, allowance, item, price with base quantity in the same unit', () => {
		const { xml } = build({
			lines: [{ description: 'Bloem', quantity: 250, unitCode: 'KGM', unitPrice: 62, baseQuantity: 100, discount: { percent: 10, reason: 'Actie' }, vat: { category: 'S', rate: 6 } }],
		});
		const line = xml.slice(xml.indexOf('<cac:InvoiceLine>'));
		expect([...line.matchAll(/^ {4}<(c\w\w:\w+)/gm)].map((m) => m[1])).toEqual([
			'cbc:ID', 'cbc:InvoicedQuantity', 'cbc:LineExtensionAmount', 'cac:AllowanceCharge', 'cac:Item', 'cac:Price',
		]);
		expect(line).toContain('<cbc:LineExtensionAmount currencyID="EUR">139.50</cbc:LineExtensionAmount>');
		expect(line).toContain('<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>\n      <cbc:Amount currencyID="EUR">15.50</cbc:Amount>\n      <cbc:BaseAmount currencyID="EUR">155.00</cbc:BaseAmount>');
		expect(line).toContain('<cbc:PriceAmount currencyID="EUR">62</cbc:PriceAmount>\n      <cbc:BaseQuantity unitCode="KGM">100</cbc:BaseQuantity>');
	});
});

describe('no empty elements, one note, escaped text', () => {
	test('blank optional values leave no element behind', () => {
		// The parser refuses blank strings; a document handed over directly may still carry them.
		const doc = parse();
		doc.note = '   ';
		doc.seller.contact = { name: ' ', email: '', phone: '\n' };
		doc.payment!.terms = '  ';
		doc.seller.address.street = '\t';
		const { xml } = buildUbl(doc);
		expect(xml).not.toMatch(/<[\w:]+[^>]*>\s*<\/[\w:]+>/);
		expect(xml).not.toMatch(/<[\w:]+[^>]*\/>/);
		expect(xml).not.toContain('<cac:Contact>');
		expect(xml).not.toContain('<cbc:Note>');
	});

	test('exactly one document-level note', () => {
		expect(count(topLevelOrder(build({ note: 'a\nb' }).xml).join(' '), 'cbc:Note')).toBe(1);
	});

	test('&<>"\' in text are escaped', () => {
		const { xml } = build({ note: `R&D; <b> "q" 'a'`, lines: [{ description: 'A & B <c>', quantity: 1, unitPrice: 1, vat: { category: 'S', rate: 21 } }] });
		expect(xml).toContain(`<cbc:Note>R&amp;D; &lt;b&gt; "q" 'a'</cbc:Note>`);
		expect(xml).toContain('<cbc:Name>A &amp; B &lt;c&gt;</cbc:Name>');
	});
});

describe('VAT categories', () => {
	const one = (vat: Raw, over: Raw = {}) => build({ lines: [{ description: 'Item', quantity: 2, unitPrice: 50, vat }], ...over });

	test.each([
		['AE', 'VATEX-EU-AE', 'Reverse charge'],
		['K', 'VATEX-EU-IC', 'Intra-community supply'],
		['G', 'VATEX-EU-G', 'Export outside the EU'],
		['O', 'VATEX-EU-O', 'Not subject to VAT'],
	])('%s gets the default exemption %s', (category, code, text) => {
		const result = one({ category, rate: 0 }, category === 'K' ? { buyer: buyerNL } : {});
		expect(result.vatBreakdown).toEqual([{ category, rate: '0', taxableAmount: '100.00', taxAmount: '0.00', exemptionReason: text, exemptionReasonCode: code }]);
		expect(result.xml).toContain(`<cbc:TaxExemptionReasonCode>${code}</cbc:TaxExemptionReasonCode>`);
	});

	test('a given exemption wins over the default', () => {
		const result = one({ category: 'AE', rate: 0, exemptionReason: 'Verlegging van heffing' });
		expect(result.vatBreakdown[0]).toMatchObject({ exemptionReason: 'Verlegging van heffing' });
		expect(result.vatBreakdown[0].exemptionReasonCode).toBeUndefined();
	});

	test('O: no rate, no VAT identifiers, the enterprise number identifies the seller', () => {
		const { xml, warnings } = one({ category: 'O', rate: 0 });
		expect(xml).not.toContain('<cbc:Percent>');
		expect(xml).not.toContain('<cac:PartyTaxScheme>');
		expect(xml).toContain('<cbc:CompanyID schemeID="0208">0876543270</cbc:CompanyID>');
		expect(warnings).toEqual([expect.stringContaining('BR-O-02')]);
	});

	test('K: delivery country and date default to the buyer and issue date, with warnings', () => {
		const { xml, warnings } = one({ category: 'K', rate: 0 }, { buyer: buyerNL });
		expect(xml).toContain('<cac:Delivery>\n    <cbc:ActualDeliveryDate>2026-11-20</cbc:ActualDeliveryDate>');
		expect(xml).toMatch(/<cac:DeliveryLocation>\s*<cac:Address>\s*<cac:Country>\s*<cbc:IdentificationCode>NL</);
		expect(warnings).toEqual([expect.stringContaining('BR-IC-11'), expect.stringContaining('BR-IC-12')]);
		expect(xml).toContain('<cbc:EndpointID schemeID="9944">NL859016344B01</cbc:EndpointID>');
	});

	test('S with an exemption reason: dropped with a warning (BR-S-10)', () => {
		const doc = parse();
		doc.lines[0].vat.exemptionReason = 'not for S';
		const result = buildUbl(doc);
		expect(result.xml).not.toContain('TaxExemptionReason');
		expect(result.warnings).toEqual([expect.stringContaining('BR-S-10')]);
	});

	// The parser refuses these already; the writer refuses them too when handed such a document directly.
	test('K without the buyer VAT number: refused naming buyer.vatNumber and BR-IC-02', () => {
		const doc = parse({ buyer: buyerNL, lines: [{ description: 'x', quantity: 1, unitPrice: 1, vat: { category: 'K', rate: 0 } }] });
		delete (doc.buyer as { vatNumber?: string }).vatNumber;
		doc.buyer.endpoint = { scheme: '9944', id: 'NL859016344B01' };
		expect(refusal(() => buildUbl(doc))).toContainEqual({ path: 'buyer.vatNumber', message: expect.stringContaining('BR-IC-02') });
	});

	test('E without an exemption reason: refused naming the line and BR-E-10', () => {
		const doc = parse({ lines: [{ description: 'x', quantity: 1, unitPrice: 1, vat: { category: 'E', rate: 0, exemptionReason: 'art. 44' } }] });
		delete doc.lines[0].vat.exemptionReason;
		expect(refusal(() => buildUbl(doc))).toContainEqual({ path: 'lines.0.vat.exemptionReason', message: expect.stringContaining('BR-E-10') });
	});

	test('S without the seller VAT number, S rate 0, O mixed with S: each refused with its rule', () => {
		const noVat = parse();
		delete (noVat.seller as { vatNumber?: string }).vatNumber;
		expect(refusal(() => buildUbl(noVat))).toContainEqual({ path: 'seller.vatNumber', message: expect.stringContaining('BR-S-02') });
		const zero = parse();
		zero.lines[0].vat.rate = zero.lines[0].vat.rate.minus(6);
		expect(refusal(() => buildUbl(zero))).toContainEqual({ path: 'lines.0.vat.rate', message: expect.stringContaining('BR-S-05') });
		const mixed = parse({ lines: [{ description: 'a', quantity: 1, unitPrice: 1, vat: { category: 'S', rate: 21 } }, { description: 'b', quantity: 1, unitPrice: 1, vat: { category: 'S', rate: 21 } }] });
		mixed.lines[1].vat = { category: 'O', rate: mixed.lines[1].vat.rate.minus(21) };
		expect(refusal(() => buildUbl(mixed))).toContainEqual({ path: 'lines.0.vat.category', message: expect.stringContaining('BR-O-11') });
	});

	test('every category in one place: L and M carry their rates and tax', () => {
		const result = build({
			seller: { name: 'Dulces SL', vatNumber: 'ESB35123456', address: { city: 'Las Palmas', countryCode: 'ES' } },
			lines: [
				{ description: 'a', quantity: 1, unitPrice: 100, vat: { category: 'L', rate: 7 } },
				{ description: 'b', quantity: 1, unitPrice: 100, vat: { category: 'M', rate: 4 } },
			],
		});
		expect(result.vatBreakdown.map((row) => [row.category, row.rate, row.taxAmount])).toEqual([['L', '7', '7.00'], ['M', '4', '4.00']]);
		expect(result.xml).toContain('<cbc:EndpointID schemeID="9920">ESB35123456</cbc:EndpointID>');
	});
});

describe('payment', () => {
	test('an IBAN without means is a SEPA credit transfer (58) to that account, with the structured communication', () => {
		const { xml } = build();
		expect(xml).toContain(
			'<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>\n    <cbc:PaymentID>+++202/6004/20023+++</cbc:PaymentID>\n    <cac:PayeeFinancialAccount>\n      <cbc:ID>BE68539007547034</cbc:ID>\n      <cac:FinancialInstitutionBranch>\n        <cbc:ID>GKCCBEBB</cbc:ID>',
		);
		expect(xml).toContain('<cac:PaymentTerms>\n    <cbc:Note>30 dagen</cbc:Note>');
	});

	test.each([
		['credit_transfer', '30'],
		['card', '48'],
		['cash', '10'],
	])('%s is UNCL 4461 code %s', (means, code) => {
		expect(build({ payment: { means, iban: 'BE68539007547034' } }).xml).toContain(`<cbc:PaymentMeansCode>${code}</cbc:PaymentMeansCode>`);
	});

	test('direct debit: mandate from payment.reference, the IBAN as the debited account', () => {
		const { xml } = build({ payment: { means: 'direct_debit', iban: 'BE71096123456769', reference: 'MANDATE-1' } });
		expect(xml).toContain('<cac:PaymentMandate>\n      <cbc:ID>MANDATE-1</cbc:ID>\n      <cac:PayerFinancialAccount>\n        <cbc:ID>BE71096123456769</cbc:ID>');
		expect(xml).not.toContain('PayeeFinancialAccount');
		// Without a mandate reference: Peppol-only rule R061, so Auto writes EN 16931, explicit Peppol refuses.
		const noMandate = { payment: { means: 'direct_debit', iban: 'BE71096123456769' } };
		expect(build(noMandate)).toMatchObject({ profile: 'en16931', warnings: [expect.stringContaining('PEPPOL-EN16931-R061')] });
		expect(refusal(() => build(noMandate, { profile: 'peppol' }))).toContainEqual({
			path: 'payment.reference',
			message: expect.stringContaining('PEPPOL-EN16931-R061'),
		});
	});

	test('a credit transfer without IBAN is refused (BR-61)', () => {
		const doc = parse({ payment: { means: 'credit_transfer', iban: 'BE68539007547034' } });
		delete doc.payment!.iban;
		expect(refusal(() => buildUbl(doc))).toContainEqual({ path: 'payment.iban', message: expect.stringContaining('BR-61') });
	});

	test('BR-CO-25: an invoice with an amount due needs a due date or terms; a credit note or a zero/negative invoice does not', () => {
		expect(refusal(() => build({ dueDate: undefined, payment: undefined }))).toEqual([{ path: 'dueDate', message: expect.stringContaining('BR-CO-25') }]);
		expect(build({ dueDate: undefined, payment: { terms: 'Bij ontvangst' } }).xml).toContain('<cbc:Note>Bij ontvangst</cbc:Note>');
		expect(build({ type: 'credit_note', dueDate: undefined, payment: undefined }).xml).not.toContain('PaymentMeans');
		const negative = build({ dueDate: undefined, payment: undefined, lines: [{ description: 'Retour', quantity: -2, unitPrice: 10, vat: { category: 'S', rate: 21 } }] });
		expect(negative.totals.payable).toBe('-24.20');
		expect(negative.typeCode).toBe('380');
	});

	test('prepaid: PrepaidAmount and payable = total − prepaid', () => {
		const result = build({ payment: { iban: 'BE68539007547034', prepaidAmount: 100 } });
		expect(result.totals).toEqual({
			lineExtension: '390.00', allowances: '0.00', charges: '0.00', taxExclusive: '390.00', tax: '23.40',
			taxInclusive: '413.40', prepaid: '100.00', rounding: '0.00', payable: '313.40',
		});
		expect(result.xml).toContain('<cbc:PrepaidAmount currencyID="EUR">100.00</cbc:PrepaidAmount>\n    <cbc:PayableAmount currencyID="EUR">313.40</cbc:PayableAmount>');
	});
});

describe('allowances and charges', () => {
	test('reason codes: given ones are written, unknown ones refused, blank reasons get a default text and code', () => {
		const doc = parse({ allowances: [{ amount: 5, reason: 'Korting', reasonCode: '95', vat: { category: 'S', rate: 6 } }], charges: [{ amount: 3, reason: 'Vracht', reasonCode: 'FC', vat: { category: 'S', rate: 6 } }] });
		expect(buildUbl(doc).xml).toContain('<cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode>\n    <cbc:AllowanceChargeReason>Vracht</cbc:AllowanceChargeReason>');
		doc.allowances[0].reason = ' ';
		delete doc.allowances[0].reasonCode;
		expect(buildUbl(doc).xml).toContain('<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>\n    <cbc:AllowanceChargeReason>Discount</cbc:AllowanceChargeReason>');
		doc.charges[0].reasonCode = 'NOPE';
		expect(refusal(() => buildUbl(doc))).toContainEqual({ path: 'charges.0.reasonCode', message: expect.stringContaining('UNCL 7161') });
	});

	test('a fixed line discount is written without percentage and base', () => {
		const { xml } = build({ lines: [{ description: 'x', quantity: 2, unitPrice: 10, discount: { amount: 3 }, vat: { category: 'S', rate: 21 } }] });
		expect(xml).toContain('<cbc:AllowanceChargeReason>Discount</cbc:AllowanceChargeReason>\n      <cbc:Amount currencyID="EUR">3.00</cbc:Amount>\n    </cac:AllowanceCharge>');
		expect(xml).not.toContain('MultiplierFactorNumeric');
	});
});

describe('PDF', () => {
	test('the document PDF goes in by default, named like the UBL; embedPdf false or pdf null leaves it out', () => {
		const withPdf = { pdf: { filename: 'x.pdf', contentBase64: tinyPdf().toString('base64') } };
		const result = build(withPdf);
		expect(result.pdfEmbedded).toBe(true);
		expect(result.xml).toContain('<cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="invoice-2026-0042.pdf">');
		expect(build(withPdf, { embedPdf: false }).xml).not.toContain('AdditionalDocumentReference');
		expect(build(withPdf, { pdf: null }).pdfEmbedded).toBe(false);
	});

	test('something that is not a PDF is refused, naming the field', () => {
		expect(refusal(() => build({}, { pdf: { content: Buffer.from('GIF89a...'), mimeType: 'application/octet-stream' } }))).toEqual([
			{ path: 'pdf', message: expect.stringContaining('%PDF-') },
		]);
		expect(refusal(() => build({}, { pdf: { content: tinyPdf(), mimeType: 'image/png' } }))).toEqual([{ path: 'pdf.mimeType', message: expect.any(String) }]);
		expect(refusal(() => build({}, { pdf: { content: Buffer.alloc(0) } }))).toEqual([{ path: 'pdf', message: 'the PDF is empty' }]);
	});
});

describe('endpoints', () => {
	test('a Belgian buyer known only by VAT gets 0208 + enterprise number; a given endpoint is kept', () => {
		const viaVat = build({ buyer: { name: 'Anker', vatNumber: 'BE0666777802', address: { city: 'Antwerpen', countryCode: 'BE' } } });
		expect(viaVat.xml).toContain('<cbc:EndpointID schemeID="0208">0666777802</cbc:EndpointID>');
		const gln = build({ buyer: { ...buyer, endpoint: { scheme: '0088', id: '5790000436057' } } });
		expect(gln.xml).toContain('<cbc:EndpointID schemeID="0088">5790000436057</cbc:EndpointID>');
	});

	test('an endpoint that fails its Peppol check digits is refused under Peppol, naming buyer.endpoint', () => {
		const doc: NumNumDocument = parse();
		doc.buyer.endpoint = { scheme: '0088', id: '5790000436058' };
		expect(refusal(() => buildUbl(doc))).toEqual([{ path: 'buyer.endpoint', message: expect.stringContaining('PEPPOL-COMMON-R040') }]);
		expect(buildUbl(doc, { profile: 'en16931' }).profile).toBe('en16931');
	});
});

test('no buyer or order reference under Peppol: the number becomes the buyer reference, with a warning', () => {
	const result = build({ buyerReference: undefined });
	expect(result.xml).toContain('<cbc:BuyerReference>2026-0042</cbc:BuyerReference>');
	expect(result.warnings).toEqual([expect.stringContaining('PEPPOL-EN16931-R003')]);
	expect(build({ buyerReference: undefined }, { profile: 'en16931' }).xml).not.toContain('BuyerReference');
});

describe('national Peppol rules (by supplier country)', () => {
	const dutchSupplier = { name: 'Janssen BV', vatNumber: 'NL859016344B01', address: { city: 'Eindhoven', countryCode: 'NL' } };
	const reverseCharge = [{ description: 'Dozen', quantity: 10, unitPrice: '24.90', vat: { category: 'AE', rate: 0 } }];

	test('a Dutch supplier without street and postcode: Auto writes EN 16931 naming NL-R-002, Peppol refuses', () => {
		const over = { type: 'expense', status: 'received', seller: dutchSupplier, buyer: seller, lines: reverseCharge };
		const auto = build(over);
		expect(auto.profile).toBe('en16931');
		expect(auto.warnings).toEqual([expect.stringMatching(/seller\.address\.street: .*NL-R-002.*seller\.address\.postalCode/)]);
		expect(refusal(() => build(over, { profile: 'peppol' })).map((i) => i.path)).toEqual(['seller.address.street', 'seller.address.postalCode']);
	});

	test('a complete Dutch supplier stays Peppol, with no Belgian legal id on the Dutch party (NL-R-003)', () => {
		const complete = { ...dutchSupplier, enterpriseNumber: undefined, address: { street: 'Markt 1', city: 'Eindhoven', postalCode: '5611 AA', countryCode: 'NL' } };
		const result = build({ type: 'expense', status: 'received', seller: complete, buyer: seller, lines: reverseCharge });
		expect(result.profile).toBe('peppol');
		const supplier = result.xml.slice(result.xml.indexOf('<cac:AccountingSupplierParty>'), result.xml.indexOf('</cac:AccountingSupplierParty>'));
		expect(supplier).not.toContain('schemeID="0208"');
	});

	test('Greek suppliers and German or Danish domestic invoices are never Peppol here', () => {
		const greek = { name: 'Meli AE', vatNumber: 'EL123456789', address: { street: 'Odos 1', city: 'Athina', postalCode: '10431', countryCode: 'GR' } };
		expect(build({ type: 'expense', status: 'received', seller: greek, buyer: seller, lines: reverseCharge }).warnings).toEqual([expect.stringContaining('GR-R-001')]);
		const de = (name: string, vat: string) => ({ name, vatNumber: vat, address: { street: 'Str. 1', city: 'Köln', postalCode: '50667', countryCode: 'DE' } });
		const domestic = build({ seller: de('A GmbH', 'DE136695976'), buyer: de('B GmbH', 'DE811128135'), lines: [{ description: 'x', quantity: 1, unitPrice: 1, vat: { category: 'S', rate: 19 } }] });
		expect(domestic.profile).toBe('en16931');
		expect(domestic.warnings).toEqual([expect.stringContaining('DE-R-*')]);
	});
});
