// readUbl: how a UBL maps onto the NumNum document (docs/read-ubl-mapping.md), on hand-written UBL.
import { parseDocument, readUbl, UblReadError } from '../../../index';
import { ublInvoice } from './ubl';

const readError = (xml: string | Buffer): UblReadError => {
	try {
		readUbl(xml);
	} catch (error) {
		if (error instanceof UblReadError) return error;
		throw error;
	}
	throw new Error('readUbl did not throw');
};

describe('readUbl', () => {
	it('reads a Peppol invoice into a document that parseDocument accepts', () => {
		const { document, notCarried, ubl } = readUbl(ublInvoice());
		const parsed = parseDocument(document);
		expect(document).toMatchObject({
			type: 'invoice',
			status: 'sent',
			number: '2026-0042',
			issueDate: '2026-11-20',
			dueDate: '2026-12-20',
			currency: 'EUR',
			buyerReference: 'PO-1',
			seller: { name: 'Bakkerij De Zon BV', vatNumber: 'BE0876543270', enterpriseNumber: '0876543270', endpoint: { scheme: '0208', id: '0876543270' } },
			buyer: { name: 'Hotel Zeezicht NV', vatNumber: 'BE0555121201', address: { countryCode: 'BE' } },
			lines: [{ id: '1', description: 'Croissants', quantity: '4', unitCode: 'C62', unitPrice: '25', vat: { category: 'S', rate: '21' } }],
			payment: { means: 'credit_transfer', iban: 'BE71096123456769', reference: '+++090/9337/55493+++' },
			totals: { lineExtension: '100.00', taxExclusive: '100.00', tax: '21.00', taxInclusive: '121.00', payable: '121.00' },
		});
		expect(parsed.payment?.structuredCommunication).toBe('090933755493');
		expect(notCarried).toEqual([]);
		expect(ubl).toMatchObject({ kind: 'Invoice', typeCode: '380', profileId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0' });
	});

	it('reads a buffer the same as text, and any namespace prefixes', () => {
		const text = readUbl(ublInvoice()).document;
		expect(readUbl(Buffer.from(ublInvoice())).document).toEqual(text);
		expect(readUbl(ublInvoice({ prefixes: { cbc: 'b', cac: 'a' } })).document).toEqual(text);
		// The basic components in the default namespace, the root with a prefix.
		const defaulted = ublInvoice({ prefixes: { cbc: 'x', cac: 'a' } })
			.replace(/<(\/?)x:/g, '<$1')
			.replace('<Invoice xmlns=', '<inv:Invoice xmlns:inv=')
			.replace('</Invoice>', '</inv:Invoice>')
			.replace('xmlns:x=', 'xmlns=');
		expect(readUbl(defaulted).document).toEqual(text);
	});

	it.each([
		['Invoice', '380', 'invoice'],
		['Invoice', '384', 'invoice'],
		['Invoice', '389', 'invoice'],
		['Invoice', '383', 'invoice'],
		['Invoice', '326', 'invoice'],
		['Invoice', '325', 'proforma'],
		['Invoice', '381', 'credit_note'],
		['CreditNote', '381', 'credit_note'],
		['CreditNote', '396', 'credit_note'],
	] as const)('reads a %s with type code %s as %s', (root, typeCode, type) => {
		const { document, notCarried } = readUbl(ublInvoice({ root, typeCode }));
		expect(document.type).toBe(type);
		const codeElement = `/${root}/cbc:${root}TypeCode`;
		// Only the codes Build UBL writes back carry over silently; the others are named.
		expect(notCarried.some((entry) => entry.path === codeElement)).toBe(!['380', '381', '325'].includes(typeCode));
	});

	it('reads an invoice to our own company as an expense (received)', () => {
		for (const ourCompany of ['0555.121.201', 'BE0555121201', 'BE 0555 121 201']) {
			const { document } = readUbl(ublInvoice(), { ourCompany });
			expect(document).toMatchObject({ type: 'expense', status: 'received' });
		}
		expect(readUbl(ublInvoice(), { ourCompany: '0876543270' }).document.type).toBe('invoice');
	});

	it('derives a stable id from seller, type and number', () => {
		const a = readUbl(ublInvoice()).document.id;
		expect(a).toMatch(/^ubl-[0-9a-f]{32}$/);
		expect(readUbl(ublInvoice({ prefixes: { cbc: 'b', cac: 'a' } })).document.id).toBe(a);
		expect(readUbl(ublInvoice({ root: 'CreditNote' })).document.id).not.toBe(a);
		expect(readUbl(ublInvoice().replace('<cbc:ID>2026-0042</cbc:ID>', '<cbc:ID>2026-0043</cbc:ID>')).document.id).not.toBe(a);
		expect(readUbl(ublInvoice(), { ourCompany: '0555121201' }).document.id).not.toBe(a);
	});

	it('names every value the document has no field for, by XPath', () => {
		const { notCarried } = readUbl(
			ublInvoice({
				header: '\n  <cbc:AccountingCost>4025:123</cbc:AccountingCost><cac:ProjectReference><cbc:ID>WERF-7</cbc:ID></cac:ProjectReference>',
				lineExtra: '<cbc:Note>handle with care</cbc:Note>',
			}),
		);
		expect(notCarried).toEqual([
			{ path: '/Invoice/cbc:AccountingCost', value: '4025:123' },
			{ path: '/Invoice/cac:ProjectReference/cbc:ID', value: 'WERF-7' },
			{ path: '/Invoice/cac:InvoiceLine/cbc:Note', value: 'handle with care' },
		]);
	});

	it('reports, without failing, an IBAN or endpoint the document cannot hold', () => {
		const xml = ublInvoice({ buyerIds: '<cbc:EndpointID schemeID="9999">x</cbc:EndpointID>' }).replace('BE71096123456769', 'BE00000000000000');
		const { document, notCarried } = readUbl(xml);
		expect(document.payment?.iban).toBeUndefined();
		expect(document.buyer.endpoint).toBeUndefined();
		expect(notCarried.map((entry) => entry.path)).toEqual(
			expect.arrayContaining(['/Invoice/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID', '/Invoice/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID']),
		);
		expect(notCarried.find((entry) => entry.path.endsWith('cac:PayeeFinancialAccount/cbc:ID'))?.reason).toMatch(/IBAN/);
	});

	it('keeps stated totals that disagree with the lines out of the document, with both figures', () => {
		const xml = ublInvoice().replace('<cbc:PayableAmount currencyID="EUR">121.00</cbc:PayableAmount>', '<cbc:PayableAmount currencyID="EUR">120.00</cbc:PayableAmount>');
		const { document, notCarried } = readUbl(xml);
		expect(document.totals).toBeUndefined();
		expect(notCarried).toEqual([
			{
				path: '/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount',
				value: '120.00',
				reason: 'the total PayableAmount is 120.00, the lines give 121.00: the document carries the computed amount',
			},
		]);
		expect(() => parseDocument(document)).not.toThrow();
	});

	it('turns a line charge into a line of its own, so the totals still hold', () => {
		const xml = ublInvoice({
			lineExtra:
				'<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Packaging</cbc:AllowanceChargeReason><cbc:Amount currencyID="EUR">10.00</cbc:Amount></cac:AllowanceCharge>' +
				'<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode><cbc:AllowanceChargeReason>Loyal customer</cbc:AllowanceChargeReason><cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="EUR">10.00</cbc:Amount><cbc:BaseAmount currencyID="EUR">100.00</cbc:BaseAmount></cac:AllowanceCharge>',
		});
		const { document, notCarried } = readUbl(xml);
		expect(document.lines).toEqual([
			expect.objectContaining({ id: '1', discount: { amount: '10.00', percent: '10', reason: 'Loyal customer' } }),
			{ id: '1-charge-1', description: 'Packaging', quantity: '1', unitCode: 'C62', unitPrice: '10.00', vat: { category: 'S', rate: '21' } },
		]);
		expect(notCarried).toEqual([]);
	});
});

describe('readUbl refuses what the document cannot hold, naming the element', () => {
	it('a VAT rate with 5 decimals', () => {
		const error = readError(ublInvoice({ rate: '21.00001' }));
		expect(error.issues).toEqual([
			expect.objectContaining({
				path: '/Invoice/cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent',
				message: 'the VAT rate 21.00001 has 5 decimals; the NumNum document holds at most 4',
				line: expect.any(Number),
				column: expect.any(Number),
			}),
		]);
		expect(error.message).toContain('cbc:Percent (line ');
	});

	it('a currency that is not ISO 4217', () => {
		const error = readError(ublInvoice({ currency: 'EUX' }));
		expect(error.issues[0]).toMatchObject({ path: '/Invoice/cbc:DocumentCurrencyCode', message: 'EUX is not an ISO 4217 currency code', line: 9, column: 3 });
	});

	it('an amount with 3 decimals, a date that is not one, a VAT category it does not know', () => {
		const xml = ublInvoice()
			.replace('<cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>\n    <cac:Item>', '<cbc:LineExtensionAmount currencyID="EUR">100.000</cbc:LineExtensionAmount>\n    <cac:Item>')
			.replace('2026-11-20', '2026-02-30')
			.replace('<cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>', '<cbc:ID>X</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>');
		expect(readError(xml).issues.map((issue) => [issue.path, issue.message])).toEqual([
			['/Invoice/cbc:IssueDate', 'the issue date must be a calendar date written YYYY-MM-DD, got "2026-02-30"'],
			['/Invoice/cac:InvoiceLine/cbc:LineExtensionAmount', 'the line amount 100.000 has 3 decimals; the NumNum document holds at most 2'],
			['/Invoice/cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID', 'X is not a VAT category the NumNum document knows (S, Z, E, AE, K, G, O, L, M)'],
		]);
	});

	it('a root that is not a UBL Invoice or CreditNote', () => {
		expect(readError('<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>').message).toMatch(/<Order> is not a UBL 2.1 Invoice or CreditNote/);
		expect(readError('<Invoice/>').message).toMatch(/not a UBL 2.1 Invoice/);
	});

	it('a document without lines or number', () => {
		const xml = ublInvoice().replace(/<cac:InvoiceLine>[\s\S]*<\/cac:InvoiceLine>/, '').replace('<cbc:ID>2026-0042</cbc:ID>', '');
		expect(readError(xml).issues.map((issue) => issue.path)).toEqual(['/Invoice/cbc:ID', '/Invoice/cac:InvoiceLine']);
	});
});
