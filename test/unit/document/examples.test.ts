import { parseDocument } from '../../../core/document';
import { computeTotals } from '../../../core/money';
import { example, exampleNames } from './sharedExamples';

const summary = (name: string) => {
	const totals = computeTotals(parseDocument(example(name)));
	return {
		lines: totals.lines.map((l) => l.netAmount.toFixed(2)),
		lineExtension: totals.lineExtension.toFixed(2),
		allowances: totals.allowances.toFixed(2),
		charges: totals.charges.toFixed(2),
		taxExclusive: totals.taxExclusive.toFixed(2),
		tax: totals.tax.toFixed(2),
		taxInclusive: totals.taxInclusive.toFixed(2),
		payable: totals.payable.toFixed(2),
		vat: totals.vatBreakdown.map((v) => `${v.category} ${v.rate.toFixed()}: ${v.taxableAmount.toFixed(2)} → ${v.taxAmount.toFixed(2)}`),
	};
};

describe('the shared examples', () => {
	it('are all five there', () => {
		expect(exampleNames()).toEqual(['credit-note.json', 'expense.json', 'intra-community.json', 'invoice.json', 'proforma.json']);
	});

	it('invoice.json: totals computed by hand', () => {
		// 12 × 32.50 = 390.00 (S 6)
		// 1 × 45.00 = 45.00 (S 21)
		// 3 × 27.333 = 81.999, 10 % discount = 8.1999 → 8.20, net 81.999 − 8.20 = 73.799 → 73.80 (S 6)
		// S 6: 390.00 + 73.80 = 463.80 × 6 % = 27.828 → 27.83; S 21: 45.00 × 21 % = 9.45
		// lineExtension 508.80, tax 37.28, taxInclusive = payable = 546.08
		expect(summary('invoice.json')).toEqual({
			lines: ['390.00', '45.00', '73.80'],
			lineExtension: '508.80',
			allowances: '0.00',
			charges: '0.00',
			taxExclusive: '508.80',
			tax: '37.28',
			taxInclusive: '546.08',
			payable: '546.08',
			vat: ['S 6: 463.80 → 27.83', 'S 21: 45.00 → 9.45'],
		});
	});

	it('credit-note.json: totals computed by hand', () => {
		// 2 × 32.50 = 65.00; S 6: 3.90; payable 68.90
		expect(summary('credit-note.json')).toMatchObject({
			lineExtension: '65.00', tax: '3.90', taxInclusive: '68.90', payable: '68.90', vat: ['S 6: 65.00 → 3.90'],
		});
	});

	it('expense.json: totals computed by hand, with a charge in the 21 % group', () => {
		// 40 × 18.95 = 758.00 (S 6); 2 × 12.00 = 24.00 (S 21); transport charge 35.00 (S 21)
		// S 6: 758.00 × 6 % = 45.48; S 21: 24.00 + 35.00 = 59.00 × 21 % = 12.39
		// lineExtension 782.00, charges 35.00, taxExclusive 817.00, tax 57.87, payable 874.87
		expect(summary('expense.json')).toEqual({
			lines: ['758.00', '24.00'],
			lineExtension: '782.00',
			allowances: '0.00',
			charges: '35.00',
			taxExclusive: '817.00',
			tax: '57.87',
			taxInclusive: '874.87',
			payable: '874.87',
			vat: ['S 6: 758.00 → 45.48', 'S 21: 59.00 → 12.39'],
		});
	});

	it('intra-community.json: K carries no tax', () => {
		// 25 × 8.40 = 210.00 (K 0): tax 0, payable 210.00
		expect(summary('intra-community.json')).toMatchObject({
			lineExtension: '210.00', tax: '0.00', payable: '210.00', vat: ['K 0: 210.00 → 0.00'],
		});
		const [entry] = computeTotals(parseDocument(example('intra-community.json'))).vatBreakdown;
		expect(entry).toMatchObject({ exemptionReasonCode: 'VATEX-EU-IC', exemptionReason: 'Intra-community supply' });
	});

	it('proforma.json: a zero-priced line counts as 0.00', () => {
		// 1 × 640.00 + 1 × 0.00 = 640.00 (S 6): 38.40; payable 678.40
		expect(summary('proforma.json')).toMatchObject({
			lines: ['640.00', '0.00'], lineExtension: '640.00', tax: '38.40', payable: '678.40',
		});
	});
});

describe('normalisation of the shared invoice', () => {
	const doc = parseDocument(example('invoice.json'));

	it('cleans identifiers', () => {
		expect(doc.seller.enterpriseNumber).toBe('0876543270'); // given as 0876.543.270
		expect(doc.buyer.vatNumber).toBe('BE0555121201'); // given as "BE 0555.121.201"
		expect(doc.payment?.iban).toBe('BE68539007547034'); // given with spaces
	});

	it('derives the Belgian Peppol endpoint 0208 + enterprise number, also from the VAT number alone', () => {
		expect(doc.seller.endpoint).toEqual({ scheme: '0208', id: '0876543270' });
		expect(doc.buyer.enterpriseNumber).toBe('0555121201');
		expect(doc.buyer.endpoint).toEqual({ scheme: '0208', id: '0555121201' });
	});

	it('keeps an endpoint that is given', () => {
		expect(parseDocument(example('intra-community.json')).buyer.endpoint).toEqual({ scheme: '9944', id: 'NL859016344B01' });
	});

	it('applies the defaults', () => {
		const expense = parseDocument(example('expense.json'));
		expect(expense.language).toBe('nl');
		expect(doc.currency).toBe('EUR');
		expect(doc.lines.map((l) => l.id)).toEqual(['1', '2', '3']);
		expect(doc.lines[1].unitCode).toBe('C62');
		expect(doc.lines.every((l) => l.baseQuantity.equals(1))).toBe(true);
		expect(doc.allowances).toEqual([]);
		expect(doc.charges).toEqual([]);
		expect(doc.payment?.means).toBe('sepa_credit_transfer'); // an IBAN is given
		expect(expense.payment?.means).toBe('credit_transfer'); // stated explicitly
	});

	it('writes bare Rec. 21 package codes the EN 16931 way', () => {
		expect(doc.lines[0].unitCode).toBe('XBX'); // "BX", box
		expect(parseDocument(example('expense.json')).lines[0].unitCode).toBe('XBG'); // "BG", bag
	});

	it('recognises the structured communication', () => {
		expect(doc.payment?.reference).toBe('+++202/6004/20023+++');
		expect(doc.payment?.structuredCommunication).toBe('202600420023');
	});

	it('holds amounts as exact decimals', () => {
		expect(doc.lines[2].unitPrice.toString()).toBe('27.333');
		expect(doc.lines[2].discount?.percent?.toString()).toBe('10');
	});
});
