// UBL 2.1 e-invoices (Peppol BIS Billing 3.0 / EN 16931) from NumNum documents.
export { buildUbl, type BuildUblOptions, type UblBuildResult, type UblTotals, type UblVatBreakdownRow } from './build';
export type { PdfInput } from './attachment';
export { UblBuildError } from './errors';
export { sanitizeFileComponent, ublFileNames, type UblFileNames } from './fileNames';
export {
	EN16931_CUSTOMIZATION_ID,
	PEPPOL_CUSTOMIZATION_ID,
	PEPPOL_PROFILE_ID,
	type DocumentKind,
	type UblProfile,
	type UblProfileOption,
} from './profile';
