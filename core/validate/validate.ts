// validateUbl: the official rules, checked in-process without Java. The UBL 2.1 XSD (xsd.ts), the
// EN 16931 rules and, when the CustomizationID names Peppol BIS Billing 3.0, the Peppol rules
// (schematron.ts), as the official validators and our oracle (../shared/tools/ubl-validate) apply them.
import SaxonJS from 'saxon-js';
import { chooseRuleSet, type RulesOption } from './ruleSets';
import { parseXml, runRules } from './schematron';
import type { Finding, ValidationProfile, ValidationResult } from './types';
import { UblRulesError } from './rulesError';
import { checkXsd } from './xsd';

export interface ValidateUblOptions {
	/** current (Peppol 3.0.21), next (3.0.22) or auto (by date: next from 2027-02-24). Default auto. */
	rules?: RulesOption;
	/** The day auto chooses by; defaults to now. */
	today?: Date;
}

/** What the official validators take as a Peppol document (the oracle's test, too). */
const PEPPOL_BILLING = 'urn:fdc:peppol.eu:2017:poacc:billing:3.0';

const inputFinding = (ruleId: string, message: string): Finding => ({ ruleId, severity: 'fatal', message, location: '', businessTerms: [] });

function profileOf(document: unknown): { root: string; profile: ValidationProfile } {
	const [root, customizationId] = SaxonJS.XPath.evaluate(
		"(local-name(/*), string(/*/*[local-name() = 'CustomizationID'][1]))",
		document,
		{ resultForm: 'array' },
	) as [string, string];
	return { root, profile: customizationId.includes(PEPPOL_BILLING) ? 'peppol' : 'en16931' };
}

export async function validateUbl(input: string | Buffer, options: ValidateUblOptions = {}): Promise<ValidationResult> {
	const set = chooseRuleSet(options.rules, options.today);
	const xml = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
	const result = (profile: ValidationProfile, findings: Finding[]): ValidationResult => ({
		valid: !findings.some((f) => f.severity === 'fatal'),
		profile,
		rules: set.name,
		rulesVersion: profile === 'peppol' ? `Peppol BIS Billing ${set.peppol.version}, EN 16931 ${set.en16931.version}` : `EN 16931 ${set.en16931.version}`,
		findings,
	});
	// UBL has no DTD; refusing one keeps entity expansion (billion laughs, external files) out.
	if (/<!DOCTYPE/i.test(xml)) return result('en16931', [inputFinding('XML', 'The document has a DOCTYPE; UBL documents have none')]);
	let document: unknown;
	try {
		document = parseXml(xml);
	} catch (error) {
		return result('en16931', [inputFinding('XML', `The document is not well-formed XML: ${(error as Error).message}`)]);
	}
	const { root, profile } = profileOf(document);
	// The XSD runs in xmllint-wasm's worker thread while the rules run here.
	const xsd =
		root === 'Invoice' || root === 'CreditNote'
			? checkXsd(xml, root)
			: Promise.resolve([inputFinding('UBL-XSD', `The root element '${root}' is not a UBL Invoice or CreditNote`)]);
	const rules = [...runRules(set.en16931.compiled, document), ...(profile === 'peppol' ? runRules(set.peppol.compiled, document) : [])];
	return result(profile, [...(await xsd), ...rules]);
}

/** validateUbl, throwing UblRulesError when a fatal finding is made; returns the result otherwise. */
export async function assertValidUbl(input: string | Buffer, options: ValidateUblOptions = {}): Promise<ValidationResult> {
	const result = await validateUbl(input, options);
	if (!result.valid) throw new UblRulesError(result);
	return result;
}
