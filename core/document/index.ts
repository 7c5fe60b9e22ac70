export * from '../model';
export type { ComputedTotals, LineAmounts, VatBreakdownEntry } from '../money/types';
export { DocumentError, ROOT_PATH, formatIssue, formatIssues } from './errors';
export { parseDocument, safeParseDocument, type SafeParseResult } from './parse';
export { documentInputSchema, documentSchema } from './schema';
export { compareIsoDates, daysInMonth, isIsoDate, isLeapYear } from './dates';
export { checkDocumentRules } from './documentRules';
export { documentJsonSchemaPath, loadDocumentJsonSchema } from './jsonSchema';
