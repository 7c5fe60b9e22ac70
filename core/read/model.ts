// Everything the reader takes from the rest of the core, in one place: the document contract and its
// model, the money rules and the code lists. (The model is moving; only this file needs re-pointing.)
export { computeTotals, formatAmount, vatGroupKey } from '../money';
export { VAT_CATEGORY_RULES } from '../money';
export { isIsoDate, safeParseDocument } from '../document';
export { DOCUMENT_TYPES, PAYMENT_MEANS, VAT_CATEGORIES } from '../model';
export type { DocumentIssue, DocumentType, Language, NumNumDocument, PaymentMeans, VatCategory } from '../model';
export { checkBic, checkEnterpriseNumber, checkIban, checkStructuredCommunication, checkVatNumber, looksLikeStructuredCommunication } from '../belgium';
export {
	ALLOWANCE_REASON_CODES,
	CATEGORY_OF_VATEX,
	CHARGE_REASON_CODES,
	COUNTRY_CODES,
	CURRENCY_CODES,
	ENDPOINT_SCHEMES,
	VATEX_CODES,
	toUnitCode,
} from '../codes';
export { Dec } from '../money';
export type { ComputedTotals } from '../money';
export { parseDocument } from '../document';
