export type { CheckResult } from './checkResult';
export { mod97 } from './mod97';
export {
	checkEnterpriseNumber,
	enterpriseNumberCheckDigits,
	formatEnterpriseNumber,
	isValidEnterpriseNumber,
} from './enterpriseNumber';
export { checkBelgianVatNumber, checkVatNumber, enterpriseNumberFromVat, normaliseVatNumber } from './vatNumber';
export {
	checkStructuredCommunication,
	formatStructuredCommunication,
	isValidStructuredCommunication,
	looksLikeStructuredCommunication,
	structuredCommunicationCheckDigits,
	structuredCommunicationFor,
} from './structuredCommunication';
export { IBAN_LENGTHS, checkIban, formatIban, isValidIban, normaliseIban } from './iban';
export { checkBic, isValidBic, normaliseBic } from './bic';
