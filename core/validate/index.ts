// The official e-invoice rules in-process: UBL 2.1 XSD, EN 16931 and Peppol BIS Billing 3.0.
export { assertValidUbl, validateUbl, type ValidateUblOptions } from './validate';
export { NEXT_RULES_FROM, RULE_SETS, chooseRuleSet, type RuleSet, type RuleSetName, type RulesOption } from './ruleSets';
export type { Finding, Severity, ValidationProfile, ValidationResult } from './types';
export { UblRulesError } from './rulesError';
