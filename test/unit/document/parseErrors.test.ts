import { DocumentError, parseDocument, safeParseDocument, type DocumentIssue } from '../../../core/document';
import { example } from './sharedExamples';

/** The issues of a document that must fail. */
function issuesOf(input: unknown): DocumentIssue[] {
	const result = safeParseDocument(input);
	if (result.ok) throw new Error('expected the document to be rejected');
	return result.issues;
}

const invoice = () => example('invoice.json');

describe('parseDocument errors', () => {
	it('reports every problem at once, each with its path and rule', () => {
		const doc = invoice();
		doc.seller.enterpriseNumber = '0876.543.271';
		doc.issueDate = '2026-02-30';
		doc.currency = 'EURO';
		doc.lines[2].vat.category = 'X';
		doc.lines[0].unitPrice = '-1';
		doc.payment.iban = 'BE68 5390 0754 7035';
		doc.payment.reference = '+++202/6004/20024+++';
		expect(issuesOf(doc)).toEqual([
			{ path: 'issueDate', message: 'must be a real calendar date written YYYY-MM-DD' },
			{ path: 'currency', message: 'must be an ISO 4217 currency code, e.g. EUR' },
			{ path: 'seller.enterpriseNumber', message: 'check digits do not match (mod 97)' },
			{ path: 'lines.0.unitPrice', message: 'must be 0 or more' },
			{ path: 'lines.2.vat.category', message: 'must be one of S, Z, E, AE, K, G, O, L, M' },
			{ path: 'payment.iban', message: 'check digits do not match (mod 97)' },
			{ path: 'payment.reference', message: 'structured communication: check digits do not match (mod 97)' },
		]);
	});

	it('throws a DocumentError whose message lists the problems, not a stack or zod JSON', () => {
		const doc = invoice();
		doc.seller.enterpriseNumber = '0876543271';
		delete doc.number;
		let error: unknown;
		try {
			parseDocument(doc);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(DocumentError);
		expect(error).toBeInstanceOf(Error);
		const documentError = error as DocumentError;
		expect(documentError.name).toBe('DocumentError');
		expect(documentError.issues).toEqual([
			{ path: 'number', message: 'is required' },
			{ path: 'seller.enterpriseNumber', message: 'check digits do not match (mod 97)' },
		]);
		expect(documentError.message).toBe(
			'Invalid NumNum document (2 problems): number: is required; seller.enterpriseNumber: check digits do not match (mod 97)',
		);
		expect(documentError.message).not.toMatch(/[{[]|\bat\s/);
	});

	it.each([
		[null, 'must be a JSON object, got null'],
		[[], 'must be a JSON object, got a list'],
		[42, 'must be a JSON object, got a number'],
		[undefined, 'must be a JSON object, got a undefined'],
		['not json', 'must be a JSON object, got text that is not JSON'],
		['[1, 2]', 'must be a JSON object, got a list'],
	])('rejects non-object input %p', (input, message) => {
		expect(issuesOf(input)).toEqual([{ path: '(root)', message }]);
	});

	it('accepts the document as JSON text', () => {
		expect(parseDocument(JSON.stringify(invoice())).number).toBe('2026-0042');
	});

	it('lists every missing required field of an empty object', () => {
		expect(issuesOf({}).map((i) => `${i.path}: ${i.message}`)).toEqual([
			'id: is required',
			'type: is required',
			'status: is required',
			'number: is required',
			'issueDate: is required',
			'seller: is required',
			'buyer: is required',
			'lines: is required',
		]);
	});

	it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '26-11-20', '2026-11-20T10:00:00Z', '20/11/2026', ''])(
		'rejects the date %p',
		(date) => {
			const doc = invoice();
			doc.dueDate = date;
			const [issue] = issuesOf(doc);
			expect(issue.path).toBe('dueDate');
		},
	);

	it('accepts 29 February in a leap year', () => {
		const doc = invoice();
		doc.issueDate = '2028-02-29';
		expect(parseDocument(doc).issueDate).toBe('2028-02-29');
	});

	it('names wrong types and enums', () => {
		const doc = invoice();
		doc.type = 'bill';
		doc.status = 7;
		doc.language = 'es';
		doc.lines = 'three';
		expect(issuesOf(doc)).toEqual([
			{ path: 'type', message: 'must be one of invoice, credit_note, proforma, expense, quote' },
			{ path: 'status', message: 'must be one of draft, sent, paid, partially_paid, overdue, cancelled, received, booked' },
			{ path: 'language', message: 'must be one of nl, fr, en, de' },
			{ path: 'lines', message: 'must be a list, got string' },
		]);
	});

	it('checks string lengths', () => {
		const doc = invoice();
		doc.id = 'x'.repeat(101);
		doc.number = 'n'.repeat(51);
		doc.seller.name = '   ';
		expect(issuesOf(doc)).toEqual([
			{ path: 'id', message: 'must be at most 100 characters' },
			{ path: 'number', message: 'must be at most 50 characters' },
			{ path: 'seller.name', message: 'must not be empty' },
		]);
	});

	it('needs at least one line', () => {
		const doc = invoice();
		doc.lines = [];
		expect(issuesOf(doc)).toEqual([{ path: 'lines', message: 'must have at least one line' }]);
	});

	it('rejects malformed numbers', () => {
		const doc = invoice();
		doc.lines[0].quantity = '1,5';
		doc.lines[1].unitPrice = true;
		doc.lines[2].baseQuantity = 0;
		expect(issuesOf(doc)).toEqual([
			{ path: 'lines.0.quantity', message: 'must be a number or a decimal string like "12.50"' },
			{ path: 'lines.1.unitPrice', message: 'must be a number or a decimal string like "12.50", got boolean' },
			{ path: 'lines.2.baseQuantity', message: 'must be more than 0' },
		]);
	});

	it('rejects codes outside their code lists', () => {
		const doc = invoice();
		doc.buyer.address.countryCode = 'UK';
		doc.lines[0].unitCode = 'BOXES';
		doc.allowances = [{ amount: 5, reason: 'x', reasonCode: 'ZZZ', vat: { category: 'S', rate: 21 } }];
		doc.charges = [{ amount: 5, reason: 'x', reasonCode: '95', vat: { category: 'S', rate: 21 } }];
		doc.seller.endpoint = { scheme: '1234', id: 'x' };
		expect(issuesOf(doc)).toEqual([
			{ path: 'seller.endpoint.scheme', message: 'must be a Peppol electronic address scheme (EAS), e.g. 0208 or 9925' },
			{ path: 'buyer.address.countryCode', message: 'must be an ISO 3166-1 alpha-2 country code, e.g. BE' },
			{ path: 'lines.0.unitCode', message: 'must be a UN/ECE Rec. 20 unit code, e.g. C62, HUR, DAY, KGM' },
			{ path: 'allowances.0.reasonCode', message: 'must be a UNCL 5189 allowance reason code' },
			{ path: 'charges.0.reasonCode', message: 'must be a UNCL 7161 charge reason code' },
		]);
	});

	it('rejects a negative allowance amount and an unknown payment means', () => {
		const doc = invoice();
		doc.allowances = [{ amount: -5, reason: 'x', vat: { category: 'S', rate: 21 } }];
		doc.payment.means = 'bitcoin';
		expect(issuesOf(doc)).toEqual([
			{ path: 'allowances.0.amount', message: 'must be 0 or more' },
			{ path: 'payment.means', message: 'must be one of credit_transfer, sepa_credit_transfer, direct_debit, card, cash' },
		]);
	});

	it('checks e-mail, BIC and sentAt', () => {
		const doc = invoice();
		doc.seller.contact.email = 'an at dezon';
		doc.payment.bic = 'GKCC';
		doc.sentAt = 'yesterday';
		expect(issuesOf(doc)).toEqual([
			{ path: 'seller.contact.email', message: 'must be an e-mail address' },
			{ path: 'payment.bic', message: 'must be a BIC of 8 or 11 characters, e.g. GKCCBEBB' },
			{ path: 'sentAt', message: 'must be an ISO 8601 date-time like 2026-11-20T10:15:00Z' },
		]);
	});

	it('rejects a PDF that is not base64', () => {
		const doc = invoice();
		doc.pdf = { filename: 'invoice.pdf', contentBase64: 'not base64!' };
		expect(issuesOf(doc)).toEqual([{ path: 'pdf.contentBase64', message: 'must be base64-encoded content' }]);
	});
});

describe('Belgian identifiers', () => {
	it('rejects a VAT number that does not match the enterprise number', () => {
		const doc = invoice();
		doc.seller.vatNumber = 'BE0403006195';
		expect(issuesOf(doc)).toEqual([
			{
				path: 'seller.vatNumber',
				message: 'BE0403006195 does not match enterpriseNumber 0876543270 (a Belgian VAT number is BE + the enterprise number)',
			},
		]);
	});

	it('rejects a Belgian VAT number with bad check digits', () => {
		const doc = invoice();
		doc.buyer.vatNumber = 'BE0555121202';
		expect(issuesOf(doc)).toEqual([{ path: 'buyer.vatNumber', message: 'check digits do not match (mod 97)' }]);
	});

	it('rejects a VAT number without a country prefix', () => {
		const doc = invoice();
		doc.buyer.vatNumber = '0555121201';
		expect(issuesOf(doc)[0].path).toBe('buyer.vatNumber');
	});

	it('checks a 0208 endpoint as an enterprise number', () => {
		const doc = invoice();
		doc.buyer.endpoint = { scheme: '0208', id: '0555.121.202' };
		expect(issuesOf(doc)).toEqual([
			{ path: 'buyer.endpoint.id', message: 'scheme 0208 needs a Belgian enterprise number: check digits do not match (mod 97)' },
		]);
		doc.buyer.endpoint.id = '0555.121.201';
		expect(parseDocument(doc).buyer.endpoint).toEqual({ scheme: '0208', id: '0555121201' });
	});

	it('derives no endpoint for a foreign party without one', () => {
		const doc = example('intra-community.json');
		delete doc.buyer.endpoint;
		expect(parseDocument(doc).buyer.endpoint).toBeUndefined();
	});

	it('treats a plain 12-digit reference as structured only when its check is valid', () => {
		const doc = invoice();
		doc.payment.reference = '202600420023';
		expect(parseDocument(doc).payment?.structuredCommunication).toBe('202600420023');
		doc.payment.reference = '202600420024';
		const payment = parseDocument(doc).payment;
		expect(payment?.reference).toBe('202600420024');
		expect(payment?.structuredCommunication).toBeUndefined();
	});

	it('accepts a free-text payment reference', () => {
		const doc = invoice();
		doc.payment.reference = 'Factuur 2026-0042';
		expect(parseDocument(doc).payment?.reference).toBe('Factuur 2026-0042');
	});
});

describe('VAT category rules', () => {
	it('requires the rate each category demands', () => {
		const doc = invoice();
		doc.lines[0].vat = { category: 'S', rate: 0 };
		doc.lines[1].vat = { category: 'Z', rate: 6, };
		doc.lines[2].vat = { category: 'K' };
		expect(issuesOf(doc)).toEqual([
			{ path: 'lines.0.vat.rate', message: 'must be more than 0 for category S (standard rate) (BR-S-05)' },
			{ path: 'lines.1.vat.rate', message: 'must be 0 for category Z (zero rated) (BR-Z-05)' },
			{ path: 'lines.2.vat.rate', message: 'is required for category K (intra-community supply)' },
		]);
	});

	it('forbids exemption reasons on standard-rated lines and VATEX codes of another category', () => {
		const doc = invoice();
		doc.lines[0].vat.exemptionReason = 'no';
		doc.lines[1].vat = { category: 'E', rate: 0, exemptionReasonCode: 'VATEX-EU-IC' };
		doc.lines[2].vat = { category: 'E', rate: 0, exemptionReasonCode: 'VATEX-XX' };
		expect(issuesOf(doc)).toEqual([
			{ path: 'lines.0.vat.exemptionReason', message: 'is not allowed for category S (standard rate) (BR-S-10)' },
			{ path: 'lines.1.vat.exemptionReasonCode', message: 'VATEX-EU-IC is only allowed with category K' },
			{ path: 'lines.2.vat.exemptionReasonCode', message: 'must be a VATEX exemption code, e.g. VATEX-EU-IC or VATEX-EU-AE' },
		]);
	});

	it('normalises VATEX codes to upper case', () => {
		const doc = example('intra-community.json');
		doc.lines[0].vat.exemptionReasonCode = 'vatex-eu-ic';
		expect(parseDocument(doc).lines[0].vat.exemptionReasonCode).toBe('VATEX-EU-IC');
	});

	it('takes category O without a rate, or with rate 0, and refuses another rate', () => {
		const doc = invoice();
		doc.lines = [
			{ description: 'a', quantity: 1, unitPrice: 1, vat: { category: 'O' } },
			{ description: 'b', quantity: 1, unitPrice: 1, vat: { category: 'O', rate: 0 } },
		];
		expect(parseDocument(doc).lines.map((l) => l.vat.rate.toString())).toEqual(['0', '0']);
		doc.lines[1].vat.rate = 21;
		expect(issuesOf(doc)).toEqual([
			{ path: 'lines.1.vat.rate', message: 'must be absent or 0 for category O (not subject to VAT) (BR-O-05)' },
		]);
	});

	it('refuses to mix category O with others (BR-O-11)', () => {
		const doc = invoice();
		doc.lines[1].vat = { category: 'O' };
		expect(issuesOf(doc).map((i) => i.path)).toEqual(['lines.0.vat.category', 'lines.2.vat.category']);
	});

	it('needs an exemption reason for category E (BR-E-10)', () => {
		const doc = invoice();
		doc.lines[1].vat = { category: 'E', rate: 0 };
		expect(issuesOf(doc)).toEqual([
			{
				path: 'lines.1.vat.exemptionReason',
				message: 'is required for category E, exempt from VAT: give exemptionReason or exemptionReasonCode (BR-E-10)',
			},
		]);
		doc.lines[1].vat.exemptionReasonCode = 'VATEX-EU-132-1I';
		expect(parseDocument(doc).lines[1].vat.exemptionReasonCode).toBe('VATEX-EU-132-1I');
	});

	it('refuses two exemption codes for one category and rate', () => {
		const doc = invoice();
		doc.lines[0].vat = { category: 'E', rate: 0, exemptionReasonCode: 'VATEX-EU-132-1I' };
		doc.lines[1].vat = { category: 'E', rate: 0, exemptionReasonCode: 'VATEX-EU-132-1J' };
		expect(issuesOf(doc)).toEqual([
			{
				path: 'lines.1.vat.exemptionReasonCode',
				message: 'VATEX-EU-132-1J differs from VATEX-EU-132-1I at lines.0: one exemption reason per VAT category and rate',
			},
		]);
	});

	it('needs the buyer VAT number for an intra-community supply (BR-IC-02)', () => {
		const doc = example('intra-community.json');
		delete doc.buyer.vatNumber;
		expect(issuesOf(doc)).toEqual([
			{ path: 'buyer.vatNumber', message: 'is required because lines.0 has VAT category K, intra-community supply (BR-IC-02)' },
		]);
	});

	it('needs the seller VAT number for taxed lines (BR-S-02)', () => {
		const doc = invoice();
		delete doc.seller.vatNumber;
		expect(issuesOf(doc)).toEqual([
			{ path: 'seller.vatNumber', message: 'is required because lines.0 has VAT category S (BR-S-02)' },
		]);
	});

	it('needs a buyer identifier for reverse charge (BR-AE-02)', () => {
		const doc = invoice();
		delete doc.buyer.vatNumber;
		doc.lines = [{ description: 'Werken', quantity: 1, unitPrice: 100, vat: { category: 'AE', rate: 0 } }];
		expect(issuesOf(doc)).toEqual([
			{ path: 'buyer.vatNumber', message: 'is required (or buyer.enterpriseNumber) because lines.0 has VAT category AE, reverse charge (BR-AE-02)' },
		]);
		doc.buyer.enterpriseNumber = '0555121201';
		expect(parseDocument(doc).lines[0].vat.category).toBe('AE');
	});
});

describe('line discounts', () => {
	it('accepts percent and amount when they agree within a cent', () => {
		const doc = invoice();
		doc.lines[2].discount = { percent: 10, amount: '8.20' }; // 10 % of 81.999 = 8.1999
		expect(parseDocument(doc).lines[2].discount?.amount?.toFixed(2)).toBe('8.20');
	});

	it('rejects percent and amount that disagree', () => {
		const doc = invoice();
		doc.lines[2].discount = { percent: 10, amount: 9 };
		expect(issuesOf(doc)).toEqual([
			{ path: 'lines.2.discount.amount', message: '9.00 is not 10 % of the line amount 82.00 (give percent or amount, or both in agreement)' },
		]);
	});

	it('needs a percent or an amount, percent at most 100', () => {
		const doc = invoice();
		doc.lines[0].discount = { reason: 'x' };
		doc.lines[2].discount = { percent: 120 };
		expect(issuesOf(doc)).toEqual([
			{ path: 'lines.0.discount', message: 'give a percent, an amount or both' },
			{ path: 'lines.2.discount.percent', message: 'must be at most 100' },
		]);
	});
});

describe('totals carried by the document', () => {
	const withTotals = (totals: Record<string, unknown>) => ({ ...invoice(), totals });
	const correct = { lineExtension: '508.80', taxExclusive: 508.8, tax: '37.28', taxInclusive: '546.08', payable: 546.08 };

	it('accepts totals that agree with the computed ones', () => {
		expect(parseDocument(withTotals(correct)).totals?.payable.toFixed(2)).toBe('546.08');
		expect(parseDocument(withTotals({ ...correct, allowances: 0, charges: '0.00' })).totals?.allowances?.toFixed(2)).toBe('0.00');
	});

	it('names each total that disagrees', () => {
		expect(issuesOf(withTotals({ ...correct, tax: '37.27', payable: '546.07' }))).toEqual([
			{ path: 'totals.tax', message: '37.27 does not match the computed 37.28' },
			{ path: 'totals.payable', message: '546.07 does not match the computed 546.08' },
		]);
	});

	it('shows what was given, even with more than two decimals', () => {
		expect(issuesOf(withTotals({ ...correct, payable: 546.084 }))).toEqual([
			{ path: 'totals.payable', message: '546.084 does not match the computed 546.08' },
		]);
	});

	it('uses prepaid and rounding from the totals', () => {
		// 546.08 − 100.00 + 0.02 = 446.10
		expect(parseDocument(withTotals({ ...correct, prepaid: 100, rounding: '0.02', payable: '446.10' })).totals?.payable.toFixed(2)).toBe('446.10');
	});

	it('rejects a prepaid total that contradicts the payment', () => {
		const doc = withTotals({ ...correct, prepaid: 100, payable: '446.08' });
		doc.payment.prepaidAmount = 50;
		expect(issuesOf(doc)).toEqual([
			{ path: 'totals.prepaid', message: '100.00 does not match payment.prepaidAmount 50.00' },
			{ path: 'totals.payable', message: '446.08 does not match the computed 496.08' },
		]);
	});

	it('reports a missing required total', () => {
		const { payable: _payable, ...rest } = correct;
		expect(issuesOf(withTotals(rest))).toEqual([{ path: 'totals.payable', message: 'is required' }]);
	});
});

describe('lenient where the contract allows', () => {
	it('parses a quote (Build UBL refuses it later)', () => {
		expect(parseDocument({ ...invoice(), type: 'quote', status: 'draft' }).type).toBe('quote');
	});

	it('allows unknown extra fields and drops them from the model', () => {
		const doc = { ...invoice(), numnumInternal: { x: 1 } };
		doc.lines[0].colour = 'blue';
		const parsed = parseDocument(doc) as unknown as Record<string, unknown>;
		expect(parsed.numnumInternal).toBeUndefined();
		expect((parsed.lines as Record<string, unknown>[])[0].colour).toBeUndefined();
	});

	it('treats null as an absent optional field and applies defaults', () => {
		const doc = { ...invoice(), dueDate: null, currency: null, note: null, totals: null };
		doc.lines[0].unitCode = null;
		doc.seller.contact = null;
		const parsed = parseDocument(doc);
		expect(parsed.dueDate).toBeUndefined();
		expect(parsed.currency).toBe('EUR');
		expect(parsed.lines[0].unitCode).toBe('C62');
		expect(parsed.seller.contact).toBeUndefined();
		expect('note' in parsed).toBe(false);
	});

	it('still requires required fields given as null', () => {
		expect(issuesOf({ ...invoice(), number: null })).toEqual([{ path: 'number', message: 'is required' }]);
	});

	it('does not change the input object', () => {
		const doc = invoice();
		const before = JSON.stringify(doc);
		parseDocument(doc);
		expect(JSON.stringify(doc)).toBe(before);
	});

	it('accepts negative quantities (a corrective invoice)', () => {
		const doc = invoice();
		doc.lines[0].quantity = -2;
		expect(parseDocument(doc).lines[0].quantity.toString()).toBe('-2');
	});

	it('reads a signed zero as plain 0', () => {
		const doc = invoice();
		doc.lines[0].unitPrice = '-0';
		doc.lines[1].quantity = -0;
		const parsed = parseDocument(doc);
		expect(parsed.lines[0].unitPrice.isNegative()).toBe(false);
		expect(parsed.lines[1].quantity.isNegative()).toBe(false);
	});

	it('rounds money amounts to the cent, half away from zero', () => {
		const doc = invoice();
		doc.charges = [{ amount: '10.005', reason: 'Transport', vat: { category: 'S', rate: 21 } }];
		expect(parseDocument(doc).charges[0].amount.toFixed()).toBe('10.01');
	});

	it('checks an invoice period', () => {
		const doc = invoice();
		doc.invoicePeriod = { start: '2026-11-30', end: '2026-11-01' };
		expect(issuesOf(doc)).toEqual([{ path: 'invoicePeriod.end', message: 'must not be before start 2026-11-30 (BR-29)' }]);
		doc.invoicePeriod = {};
		expect(issuesOf(doc)).toEqual([{ path: 'invoicePeriod', message: 'give start, end or both (BR-CO-19)' }]);
	});
});
