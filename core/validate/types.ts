import type { RuleSetName } from './ruleSets';

export type Severity = 'fatal' | 'warning';

export interface Finding {
	/** The official rule id (BR-CO-10, PEPPOL-EN16931-R001, …); UBL-XSD for the UBL 2.1 schema, XML for unreadable input, RULES when a rule cannot be evaluated on the document. */
	ruleId: string;
	severity: Severity;
	/** The rule's official text (for UBL-XSD: libxml2's message). */
	message: string;
	/** XPath of the node the rule fired on, as the official validators print it (fn:path()); for UBL-XSD the line. */
	location: string;
	/** The EN 16931 business terms and groups (BT-n, BG-n) the rule's text names. */
	businessTerms: string[];
}

/** peppol: CustomizationID names Peppol BIS Billing 3.0 (Peppol + EN 16931 rules); en16931: EN 16931 rules only. */
export type ValidationProfile = 'peppol' | 'en16931';

export interface ValidationResult {
	/** No fatal finding: the XSD and every rule that applies pass. */
	valid: boolean;
	profile: ValidationProfile;
	rules: RuleSetName;
	/** e.g. "Peppol BIS Billing 3.0.21, EN 16931 1.3.16". */
	rulesVersion: string;
	findings: Finding[];
}
