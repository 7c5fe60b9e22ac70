// The EN 16931 / Peppol rules both the parser (core/document) and the writer (core/ubl) enforce.
export { VAT_CATEGORY_RULE_PREFIX, categoryRule } from './ruleIds';
