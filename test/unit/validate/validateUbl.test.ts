// validateUbl's own behaviour: rule set by date, profile, findings' shape, and input that is not UBL.
import { readFileSync } from 'fs';
import * as path from 'path';
import { chooseRuleSet, validateUbl } from '../../../core/validate';
import { businessTerms } from '../../../core/validate/businessTerms';
import { exactIntegerMod } from '../../../scripts/rules/toXslt';
import { ensureCompiled } from '../../../scripts/rules/compile';
import { sharedDir } from '../../helpers/ubl-validate';

const example = (name: string) => readFileSync(path.join(sharedDir, 'validation', 'examples', name), 'utf8');

beforeAll(() => ensureCompiled(), 600_000);

describe('chooseRuleSet', () => {
	it('takes 3.0.21 until 2027-02-23 and 3.0.22 from 2027-02-24 (UTC), unless told', () => {
		expect(chooseRuleSet('auto', new Date('2027-02-23T23:59:59Z')).peppol.version).toBe('3.0.21');
		expect(chooseRuleSet('auto', new Date('2027-02-24T00:00:00Z')).peppol.version).toBe('3.0.22');
		expect(chooseRuleSet('next', new Date('2026-12-01')).name).toBe('next');
		expect(chooseRuleSet('current', new Date('2030-01-01')).name).toBe('current');
		expect(() => chooseRuleSet('3.0.19' as never)).toThrow(/Unknown rule set '3.0.19'/);
	});
});

describe('businessTerms', () => {
	it('lists each BT-/BG- a rule text names, once, in order', () => {
		expect(businessTerms('[BR-CO-10]-Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131) BT-106.')).toEqual(['BT-106', 'BT-131']);
		expect(businessTerms('[BR-52]-Each Additional supporting document (BG-24) shall contain ...')).toEqual(['BG-24']);
		expect(businessTerms('[PEPPOL-EN16931-R008]-Document MUST not contain empty elements.')).toEqual([]);
	});
});

describe('exactIntegerMod (SaxonJS computes xs:integer mod in floating point beyond 2^53)', () => {
	it('makes the operand of each xs:integer(…) mod a decimal, and leaves other casts alone', () => {
		expect(exactIntegerMod("xs:integer(string-join(f(a,(b)),'')) mod 97 = 1")).toBe("xs:decimal(xs:integer(string-join(f(a,(b)),''))) mod 97 = 1");
		expect(exactIntegerMod('xs:integer($a) + 1')).toBe('xs:integer($a) + 1');
		expect(exactIntegerMod('f(xs:integer(xs:integer($x) mod 3)) mod 2')).toBe('f(xs:integer(xs:decimal(xs:integer($x)) mod 3)) mod 2');
	});
});

describe('validateUbl', () => {
	it('passes a Peppol example, names its profile and rules', async () => {
		const result = await validateUbl(example('base-example.xml'), { rules: 'current' });
		expect(result).toEqual({ valid: true, profile: 'peppol', rules: 'current', rulesVersion: 'Peppol BIS Billing 3.0.21, EN 16931 1.3.16', findings: [] });
	}, 120_000);

	it('gives each finding its rule id, severity, official text, XPath and business terms', async () => {
		const xml = example('base-example.xml').replace('<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>', '<cbc:DocumentCurrencyCode>EURO</cbc:DocumentCurrencyCode>');
		const result = await validateUbl(Buffer.from(`\uFEFF${xml}`), { rules: 'next' });
		expect(result.valid).toBe(false);
		expect(result.rulesVersion).toBe('Peppol BIS Billing 3.0.22, EN 16931 1.3.16');
		expect(result.findings).toContainEqual({
			ruleId: 'BR-CL-04',
			severity: 'fatal',
			message: expect.stringMatching(/^\[BR-CL-04\]-Invoice currency code MUST be coded using ISO code list 4217/),
			location: '/Q{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice[1]/Q{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}DocumentCurrencyCode[1]',
			businessTerms: [],
		});
	}, 120_000);

	it('checks a document without the Peppol CustomizationID against EN 16931 only', async () => {
		const xml = example('base-example.xml').replace(/<cbc:CustomizationID>[^<]*</, '<cbc:CustomizationID>urn:cen.eu:en16931:2017<');
		const result = await validateUbl(xml, { rules: 'current' });
		expect(result.profile).toBe('en16931');
		expect(result.rulesVersion).toBe('EN 16931 1.3.16');
		expect(result.findings.filter((f) => f.ruleId.startsWith('PEPPOL'))).toEqual([]);
	}, 120_000);

	it('fails a document a rule cannot be evaluated on (the oracle: rules did not run), without throwing', async () => {
		const account = '<cbc:ID>IBAN32423940</cbc:ID>';
		const result = await validateUbl(example('base-example.xml').replace(account, account + account), { rules: 'current' });
		expect(result.valid).toBe(false);
		expect(result.findings).toContainEqual(
			expect.objectContaining({ ruleId: 'RULES', severity: 'fatal', message: expect.stringMatching(/^The cen-1\.3\.16 rules could not be evaluated on this document: .*normalize-space/) }),
		);
	}, 120_000);

	it('refuses what is not UBL with a finding, not a throw', async () => {
		const notXml = await validateUbl('<Invoice><unclosed></Invoice>');
		expect(notXml.valid).toBe(false);
		expect(notXml.findings[0]).toMatchObject({ ruleId: 'XML', severity: 'fatal', message: expect.stringMatching(/not well-formed/) });

		const doctype = await validateUbl('<!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&a;</Invoice>');
		expect(doctype.findings).toEqual([expect.objectContaining({ ruleId: 'XML', message: expect.stringMatching(/DOCTYPE/) })]);

		const order = await validateUbl('<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>');
		expect(order.valid).toBe(false);
		expect(order.findings[0]).toMatchObject({ ruleId: 'UBL-XSD', message: expect.stringMatching(/root element 'Order'/) });
	}, 120_000);
});
