// The EN 16931 rule ids per VAT category come from one table, checked against the official schematron:
// IGIC (L) is BR-AF, IPSI (M) is BR-AG (the parser once said BR-IG / BR-IP, which do not exist).
import { readFileSync } from 'fs';
import { resolve } from 'path';

import { safeParseDocument } from '../../../core/document';
import { VAT_CATEGORY_RULE_PREFIX } from '../../../core/rules';
import { example } from '../document/sharedExamples';

const schematron = readFileSync(resolve(__dirname, '..', '..', '..', '..', 'shared', 'validation', 'rules', 'CEN-EN16931-UBL.sch'), 'utf8');

describe('VAT category rule ids', () => {
	it.each(Object.entries(VAT_CATEGORY_RULE_PREFIX))('%s: %s-01 … -10 exist in the official EN 16931 rules', (_category, prefix) => {
		for (const n of ['01', '02', '05', '10']) expect(schematron).toContain(`id="${prefix}-${n}"`);
	});

	const withCategory = (category: 'L' | 'M', change: (doc: any) => void) => {
		const doc = example('invoice.json');
		delete doc.totals;
		doc.lines = [{ description: 'x', quantity: 1, unitPrice: 10, vat: { category, rate: 7 } }];
		change(doc);
		const result = safeParseDocument(doc);
		return result.ok ? [] : result.issues.map((issue) => issue.message).join('\n');
	};

	it.each([
		['L', 'BR-AF'],
		['M', 'BR-AG'],
	] as const)('the parser names %s rules %s', (category, prefix) => {
		expect(withCategory(category, (doc) => (doc.lines[0].vat.exemptionReason = 'why'))).toContain(`(${prefix}-10)`);
		expect(withCategory(category, (doc) => (delete doc.seller.vatNumber, (doc.seller.enterpriseNumber = '0876543270')))).toContain(`(${prefix}-02)`);
	});
});
