import { computeLineAmounts, computeTotals, vatGroupTax, dec } from '../../../core/money';
import { allowanceCharge, documentWith, line } from './buildDocument';

const figures = (doc: ReturnType<typeof documentWith>) => {
	const t = computeTotals(doc);
	return {
		lines: t.lines.map((l) => `${l.discountAmount.toFixed(2)}/${l.netAmount.toFixed(2)}`),
		lineExtension: t.lineExtension.toFixed(2),
		allowances: t.allowances.toFixed(2),
		charges: t.charges.toFixed(2),
		taxExclusive: t.taxExclusive.toFixed(2),
		tax: t.tax.toFixed(2),
		taxInclusive: t.taxInclusive.toFixed(2),
		prepaid: t.prepaid.toFixed(2),
		rounding: t.rounding.toFixed(2),
		payable: t.payable.toFixed(2),
		vat: t.vatBreakdown.map((v) => `${v.category} ${v.rate.toFixed()}: ${v.taxableAmount.toFixed(2)} → ${v.taxAmount.toFixed(2)}`),
	};
};

describe('line amounts', () => {
	it('multiplies quantity by price over the base quantity', () => {
		// 3 × 10.00 ÷ 12 (price per dozen) = 2.50
		expect(computeLineAmounts(line({ quantity: 3, unitPrice: 10, baseQuantity: 12 })).netAmount.toFixed(2)).toBe('2.50');
	});

	it('rounds the net half away from zero', () => {
		// 1 × 0.125 = 0.125 → 0.13; −1 × 0.005 = −0.005 → −0.01
		expect(computeLineAmounts(line({ quantity: 1, unitPrice: '0.125' })).netAmount.toFixed(2)).toBe('0.13');
		expect(computeLineAmounts(line({ quantity: -1, unitPrice: '0.005' })).netAmount.toFixed(2)).toBe('-0.01');
	});

	it('applies a percent discount on the gross line amount (the shared invoice.json line 3)', () => {
		// 3 × 27.333 = 81.999; 10 % = 8.1999 → 8.20; net = 81.999 − 8.20 = 73.799 → 73.80
		const amounts = computeLineAmounts(line({ quantity: 3, unitPrice: '27.333', rate: 6, discount: { percent: 10 } }));
		expect(amounts.discountAmount.toFixed(2)).toBe('8.20');
		expect(amounts.netAmount.toFixed(2)).toBe('73.80');
	});

	it('applies a fixed discount amount', () => {
		// 2 × 50.00 = 100.00 − 15.00 = 85.00
		const amounts = computeLineAmounts(line({ quantity: 2, unitPrice: 50, discount: { amount: 15 } }));
		expect(amounts.discountAmount.toFixed(2)).toBe('15.00');
		expect(amounts.netAmount.toFixed(2)).toBe('85.00');
	});

	it('uses the amount when both amount and percent are given', () => {
		// percent 10 of 100.00 would be 10.00; the amount 10.00 is used
		const amounts = computeLineAmounts(line({ quantity: 1, unitPrice: 100, discount: { amount: 10, percent: 10 } }));
		expect(amounts.discountAmount.toFixed(2)).toBe('10.00');
		expect(amounts.netAmount.toFixed(2)).toBe('90.00');
	});

	it('lets a percent discount follow the sign of a negative (corrective) line', () => {
		// −2 × 50.00 = −100.00; 10 % = −10.00; net = −90.00
		const amounts = computeLineAmounts(line({ quantity: -2, unitPrice: 50, discount: { percent: 10 } }));
		expect(amounts.discountAmount.toFixed(2)).toBe('-10.00');
		expect(amounts.netAmount.toFixed(2)).toBe('-90.00');
	});

	it('has no discount when none is given', () => {
		expect(computeLineAmounts(line({ quantity: 1, unitPrice: 5 })).discountAmount.isZero()).toBe(true);
	});
});

describe('VAT per group', () => {
	it('rounds the tax of each group half away from zero', () => {
		// 2.50 × 21 % = 0.525 → 0.53; −2.50 × 21 % = −0.525 → −0.53; 0.50 × 21 % = 0.105 → 0.11
		expect(vatGroupTax('S', dec(21), dec('2.50')).toFixed(2)).toBe('0.53');
		expect(vatGroupTax('S', dec(21), dec('-2.50')).toFixed(2)).toBe('-0.53');
		expect(vatGroupTax('S', dec(21), dec('0.50')).toFixed(2)).toBe('0.11');
	});

	it('charges no tax in the zero and exempt categories', () => {
		for (const category of ['Z', 'E', 'AE', 'K', 'G', 'O'] as const) {
			expect(vatGroupTax(category, dec(0), dec('100')).toFixed(2)).toBe('0.00');
		}
		// IGIC (L) and IPSI (M) are taxed: 100 × 7 % = 7.00
		expect(vatGroupTax('L', dec(7), dec('100')).toFixed(2)).toBe('7.00');
		expect(vatGroupTax('M', dec(4), dec('100')).toFixed(2)).toBe('4.00');
	});

	it('rounds per group, not per line', () => {
		// three lines of 0.07 at 21 %: group 0.21 × 21 % = 0.0441 → 0.04 (per line it would be 3 × 0.01 = 0.03)
		const doc = documentWith([{ quantity: 1, unitPrice: '0.07' }, { quantity: 1, unitPrice: '0.07' }, { quantity: 1, unitPrice: '0.07' }]);
		expect(figures(doc).vat).toEqual(['S 21: 0.21 → 0.04']);
	});

	it('puts document allowances and charges in the group of their category and rate', () => {
		// S21: 100.00 − 10.00 = 90.00 → 18.90; S6: 200.00 + 5.00 = 205.00 → 12.30
		// lineExtension 300.00; taxExclusive 300.00 − 10.00 + 5.00 = 295.00; tax 31.20; taxInclusive 326.20
		// prepaid 100.00, rounding 0.01 → payable 326.20 − 100.00 + 0.01 = 226.21
		const doc = documentWith([{ quantity: 1, unitPrice: 100 }, { quantity: 2, unitPrice: 100, rate: 6 }], {
			allowances: [allowanceCharge(10, 'S', 21)],
			charges: [allowanceCharge(5, 'S', 6)],
			payment: { prepaidAmount: dec(100) },
			totals: {
				lineExtension: dec(0), taxExclusive: dec(0), tax: dec(0), taxInclusive: dec(0), payable: dec(0),
				rounding: dec('0.01'),
			},
		});
		expect(figures(doc)).toEqual({
			lines: ['0.00/100.00', '0.00/200.00'],
			lineExtension: '300.00',
			allowances: '10.00',
			charges: '5.00',
			taxExclusive: '295.00',
			tax: '31.20',
			taxInclusive: '326.20',
			prepaid: '100.00',
			rounding: '0.01',
			payable: '226.21',
			vat: ['S 21: 90.00 → 18.90', 'S 6: 205.00 → 12.30'],
		});
	});

	it('creates a group for a charge whose category no line has', () => {
		// line S21 100.00 → 21.00; charge Z 0 of 20.00 → taxable 20.00, tax 0; total 141.00
		const doc = documentWith([{ quantity: 1, unitPrice: 100 }], { charges: [allowanceCharge(20, 'Z', 0)] });
		expect(figures(doc).vat).toEqual(['S 21: 100.00 → 21.00', 'Z 0: 20.00 → 0.00']);
		expect(figures(doc).payable).toBe('141.00');
	});

	it('groups the same rate written differently together', () => {
		const doc = documentWith([{ quantity: 1, unitPrice: 10, rate: '21' }, { quantity: 1, unitPrice: 10, rate: '21.00' }]);
		expect(figures(doc).vat).toEqual(['S 21: 20.00 → 4.20']);
	});

	it('carries the first exemption reason of a group into the breakdown', () => {
		const doc = documentWith([
			{ quantity: 1, unitPrice: 10, category: 'K', rate: 0, exemptionReasonCode: 'VATEX-EU-IC' },
			{ quantity: 1, unitPrice: 5, category: 'K', rate: 0, exemptionReason: 'Intra-community supply' },
		]);
		const [entry] = computeTotals(doc).vatBreakdown;
		expect(entry).toMatchObject({ category: 'K', exemptionReasonCode: 'VATEX-EU-IC', exemptionReason: 'Intra-community supply' });
		expect(entry.taxableAmount.toFixed(2)).toBe('15.00');
		expect(entry.taxAmount.toFixed(2)).toBe('0.00');
	});

	it('keeps category O as one group without a rate', () => {
		const doc = documentWith([{ quantity: 1, unitPrice: 10, category: 'O', rate: 0 }, { quantity: 2, unitPrice: 10, category: 'O', rate: 0 }]);
		expect(figures(doc).vat).toEqual(['O 0: 30.00 → 0.00']);
	});
});

describe('document totals (BR-CO-10…16)', () => {
	it('totals a corrective invoice with negative lines', () => {
		// 12 × 32.50 = 390.00; −2 × 32.50 = −65.00; S6: 325.00 → 19.50; payable 344.50
		const doc = documentWith([{ quantity: 12, unitPrice: '32.50', rate: 6 }, { quantity: -2, unitPrice: '32.50', rate: 6 }]);
		expect(figures(doc)).toMatchObject({ lineExtension: '325.00', tax: '19.50', taxInclusive: '344.50', payable: '344.50' });
	});

	it('totals an all-negative document', () => {
		// −2 × 32.50 = −65.00; S6 → −3.90; payable −68.90
		const doc = documentWith([{ quantity: -2, unitPrice: '32.50', rate: 6 }]);
		expect(figures(doc)).toMatchObject({ lineExtension: '-65.00', tax: '-3.90', payable: '-68.90' });
	});

	it('mixes standard and zero-rated lines', () => {
		// S21 100.00 → 21.00; Z 50.00 → 0; taxExclusive 150.00; payable 171.00
		const doc = documentWith([{ quantity: 1, unitPrice: 100 }, { quantity: 1, unitPrice: 50, category: 'Z', rate: 0 }]);
		expect(figures(doc)).toMatchObject({ taxExclusive: '150.00', tax: '21.00', payable: '171.00' });
	});

	it('rounds document allowance amounts to 2 decimals', () => {
		// allowance 0.005 → 0.01 (half up); 10.00 − 0.01 = 9.99 → S21 2.0979 → 2.10; payable 12.09
		const doc = documentWith([{ quantity: 1, unitPrice: 10 }], { allowances: [allowanceCharge('0.005', 'S', 21)] });
		expect(figures(doc)).toMatchObject({ allowances: '0.01', taxExclusive: '9.99', tax: '2.10', payable: '12.09' });
	});

	it('takes prepaid from the totals when the payment does not give it', () => {
		const doc = documentWith([{ quantity: 1, unitPrice: 100 }], {
			totals: { lineExtension: dec(0), taxExclusive: dec(0), tax: dec(0), taxInclusive: dec(0), payable: dec(0), prepaid: dec(21) },
		});
		expect(figures(doc)).toMatchObject({ prepaid: '21.00', payable: '100.00' });
	});
});
