// Peppol's own BIS 3.0 examples (../shared/validation/examples), read and checked field by field against
// what an independent parser (xmlbuilder2's convert) finds in the same file: header, parties, every line,
// the VAT total and the amount due.
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';

import { convert } from 'xmlbuilder2';

import { computeTotals, parseDocument } from '../../../core/read/model';
import { readUbl } from '../../../core/read';
import { sharedPath } from '../../helpers/shared';

const dir = sharedPath('validation', 'examples');
const examples = readdirSync(dir)
	.filter((file) => file.endsWith('.xml'))
	.sort();

type Node = Record<string, any>;
const text = (node: unknown): string | undefined => (node === undefined ? undefined : typeof node === 'string' ? node : (node as Node)['#']);
const list = (node: unknown): Node[] => (node === undefined ? [] : Array.isArray(node) ? node : [node as Node]);
const decimal = (value: string | undefined) => (value === undefined ? undefined : Number(value).toFixed(2));

describe('Peppol BIS 3.0 examples', () => {
	it('has the examples', () => {
		expect(examples.length).toBeGreaterThanOrEqual(10);
	});

	it.each(examples)('%s', (file) => {
		const xml = readFileSync(path.join(dir, file), 'utf8');
		const tree = convert(xml, { format: 'object' }) as Node;
		const rootName = Object.keys(tree).find((key) => key === 'Invoice' || key === 'CreditNote')!;
		const root = tree[rootName] as Node;
		const isCredit = rootName === 'CreditNote';
		const read = readUbl(xml);
		const parsed = parseDocument(read.document);
		const computed = computeTotals(parsed);

		expect(read.document).toMatchObject({
			type: isCredit ? 'credit_note' : 'invoice',
			number: text(root['cbc:ID']),
			issueDate: text(root['cbc:IssueDate']),
			currency: text(root['cbc:DocumentCurrencyCode']),
		});
		expect(read.document.dueDate).toBe(text(root['cbc:DueDate']) ?? text(list(root['cac:PaymentMeans'])[0]?.['cbc:PaymentDueDate']));
		for (const [role, key] of [['seller', 'cac:AccountingSupplierParty'], ['buyer', 'cac:AccountingCustomerParty']] as const) {
			const party = root[key]['cac:Party'];
			expect(read.document[role].name).toBe(text(party['cac:PartyLegalEntity']['cbc:RegistrationName']));
			expect(read.document[role].address.countryCode).toBe(text(party['cac:PostalAddress']['cac:Country']['cbc:IdentificationCode']));
			const vat = list(party['cac:PartyTaxScheme']).find((scheme) => text(scheme['cac:TaxScheme']['cbc:ID']) === 'VAT');
			expect(read.document[role].vatNumber).toBe(text(vat?.['cbc:CompanyID']));
		}
		const lines = list(root[isCredit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine']);
		// A line charge is a line of its own, right after its line: together they make the stated line amount.
		const own = computed.lines.filter((amounts) => !amounts.line.id.includes('-charge-'));
		expect(own).toHaveLength(lines.length);
		lines.forEach((line, i) => {
			const amounts = own[i];
			const charges = computed.lines.filter((other) => other.line.id.startsWith(`${amounts.line.id}-charge-`));
			expect(amounts.line.id).toBe(text(line['cbc:ID']));
			expect(amounts.line.description).toBe(text(line['cac:Item']['cbc:Name']));
			expect(amounts.line.quantity.toNumber()).toBe(Number(text(line[isCredit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity'])));
			expect(amounts.line.unitPrice.toNumber()).toBe(Number(text(line['cac:Price']['cbc:PriceAmount'])));
			const net = charges.reduce((total, charge) => total.plus(charge.netAmount), amounts.netAmount);
			expect(net.toFixed(2)).toBe(decimal(text(line['cbc:LineExtensionAmount'])));
			expect(amounts.line.vat.category).toBe(text(line['cac:Item']['cac:ClassifiedTaxCategory']['cbc:ID']));
		});
		const monetary = root['cac:LegalMonetaryTotal'];
		expect(computed.lineExtension.toFixed(2)).toBe(decimal(text(monetary['cbc:LineExtensionAmount'])));
		expect(computed.taxExclusive.toFixed(2)).toBe(decimal(text(monetary['cbc:TaxExclusiveAmount'])));
		expect(computed.taxInclusive.toFixed(2)).toBe(decimal(text(monetary['cbc:TaxInclusiveAmount'])));
		expect(computed.payable.toFixed(2)).toBe(decimal(text(monetary['cbc:PayableAmount'])));
		const taxTotal = list(root['cac:TaxTotal']).find((total) => list(total['cac:TaxSubtotal']).length > 0)!;
		expect(computed.tax.toFixed(2)).toBe(decimal(text(taxTotal['cbc:TaxAmount'])));
		expect(read.document.totals?.payable).toBe(decimal(text(monetary['cbc:PayableAmount'])));
		// Payment reference, when there is one, and what the document does not carry is named.
		const paymentId = text(list(root['cac:PaymentMeans'])[0]?.['cbc:PaymentID']);
		expect(read.document.payment?.reference).toBe(paymentId);
		expect(read.notCarried.length).toBeGreaterThan(0);
	});

	it('names the tax currency total and the external reference it does not carry (Allowance-example)', () => {
		const { notCarried } = readUbl(readFileSync(path.join(dir, 'Allowance-example.xml')));
		expect(notCarried).toEqual(
			expect.arrayContaining([
				{ path: '/Invoice/cbc:TaxCurrencyCode', value: 'SEK' },
				{ path: '/Invoice/cac:AdditionalDocumentReference[2]/cac:Attachment/cac:ExternalReference/cbc:URI', value: 'www.techspec.no' },
			]),
		);
	});
});
