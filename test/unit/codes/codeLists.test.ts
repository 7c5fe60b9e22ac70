// The code lists must be exactly those the validators check: regenerate from ../shared and compare.
import { readFileSync } from 'fs';
import {
	ALLOWANCE_REASON_CODES,
	CHARGE_REASON_CODES,
	COUNTRY_CODES,
	CURRENCY_CODES,
	ENDPOINT_SCHEMES,
	PAYMENT_MEANS_CODES,
	PAYMENT_MEANS_CODE_BY_NAME,
	UNIT_CODES,
	VATEX_CODES,
	VAT_CATEGORY_CODES,
	toUnitCode,
} from '../../../core/codes';
import { VAT_CATEGORIES, PAYMENT_MEANS } from '../../../core/model';
import { extractCodeLists, generatedPath, peppolRuleFiles, renderCodeLists } from '../../../scripts/generate-code-lists';

describe('code lists', () => {
	it('match the committed generated file (regenerate with npx tsx scripts/generate-code-lists.ts)', () => {
		expect(readFileSync(generatedPath, 'utf8')).toBe(renderCodeLists(extractCodeLists()));
	});

	it('hold the codes a Belgian invoice uses', () => {
		expect(CURRENCY_CODES.has('EUR')).toBe(true);
		expect(CURRENCY_CODES.has('EURO')).toBe(false);
		expect(['BE', 'NL', 'FR', 'DE', 'LU', 'XI'].every((c) => COUNTRY_CODES.has(c))).toBe(true);
		expect(COUNTRY_CODES.has('UK')).toBe(false);
		expect(['C62', 'HUR', 'DAY', 'KGM', 'LTR', 'H87', 'XBX'].every((c) => UNIT_CODES.has(c))).toBe(true);
		expect(VATEX_CODES.has('VATEX-EU-IC')).toBe(true);
		expect(VATEX_CODES.has('VATEX-EU-AE')).toBe(true);
		expect(ENDPOINT_SCHEMES.has('0208')).toBe(true);
		expect(ENDPOINT_SCHEMES.has('9925')).toBe(true);
		expect(ALLOWANCE_REASON_CODES.has('95')).toBe(true);
		expect(CHARGE_REASON_CODES.has('FC')).toBe(true);
	});

	it('drop currencies only one validator knows (EN 16931 still lists MRO, Peppol has MRU)', () => {
		expect(CURRENCY_CODES.has('MRO')).toBe(false);
	});

	it('follow the rules in force and the next ones: XCG replaces ANG, BGN is gone (Bulgaria uses EUR)', () => {
		expect(CURRENCY_CODES.has('XCG')).toBe(true);
		expect(CURRENCY_CODES.has('ANG')).toBe(false);
		expect(CURRENCY_CODES.has('BGN')).toBe(false);
	});

	it('accept an electronic address scheme only when both Peppol rule sets do (0158: 3.0.22 only)', () => {
		expect(peppolRuleFiles.map((file) => file.replace(/.*validation\/rules\//, ''))).toEqual(['PEPPOL-EN16931-UBL.sch', 'next/PEPPOL-EN16931-UBL.sch']);
		expect(ENDPOINT_SCHEMES.has('0158')).toBe(false);
		expect(ENDPOINT_SCHEMES.has('0037')).toBe(false);
		expect(ENDPOINT_SCHEMES.has('0244')).toBe(true);
	});

	it('cover every VAT category and payment means of the contract', () => {
		for (const category of VAT_CATEGORIES) expect(VAT_CATEGORY_CODES.has(category)).toBe(true);
		for (const code of Object.values(PAYMENT_MEANS)) expect(PAYMENT_MEANS_CODES.has(code)).toBe(true);
		expect(PAYMENT_MEANS_CODE_BY_NAME).toEqual(PAYMENT_MEANS);
	});

	it('maps bare Rec. 21 package codes to their X-prefixed EN 16931 form', () => {
		expect(toUnitCode('C62')).toBe('C62');
		expect(toUnitCode('hur')).toBe('HUR');
		expect(toUnitCode('BX')).toBe('XBX');
		expect(toUnitCode('BG')).toBe('XBG');
		expect(toUnitCode('XBX')).toBe('XBX');
		expect(toUnitCode('PIECES')).toBeUndefined();
	});
});
