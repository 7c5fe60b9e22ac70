// n8n-nodes-numnum-yuki as a library (package `main`): the NumNum document contract, Belgian
// money rules and the Peppol BIS 3.0 / EN 16931 UBL writer, usable outside n8n.
//
//   import { parseDocument, buildUbl } from 'n8n-nodes-numnum-yuki';
//   const { xml, fileName } = buildUbl(parseDocument(json), { profile: 'auto' });

// The document contract: parse (throws DocumentError with `issues`), types, zod schemas, and the
// published JSON Schema (file path and loader).
export {
	DocumentError,
	documentInputSchema,
	documentSchema,
	documentJsonSchemaPath,
	formatIssue,
	formatIssues,
	loadDocumentJsonSchema,
	parseDocument,
	safeParseDocument,
	type SafeParseResult,
} from './core/document';
export type {
	Address,
	AllowanceCharge,
	ComputedTotals,
	DocumentIssue,
	DocumentStatus,
	DocumentType,
	Endpoint,
	Language,
	Line,
	LineAmounts,
	LineDiscount,
	NumNumDocument,
	Party,
	Payment,
	PaymentMeans,
	PdfAttachment,
	Totals,
	VatBreakdownEntry,
	VatCategory,
	VatInfo,
} from './core/document';

// Money: EN 16931 totals and VAT breakdown, decimal arithmetic.
export { computeTotals } from './core/money';

// UBL 2.1 Invoice / CreditNote.
export {
	EN16931_CUSTOMIZATION_ID,
	PEPPOL_CUSTOMIZATION_ID,
	PEPPOL_PROFILE_ID,
	UblBuildError,
	buildUbl,
	ublFileNames,
	type BuildUblOptions,
	type DocumentKind,
	type PdfInput,
	type UblBuildResult,
	type UblFileNames,
	type UblProfile,
	type UblProfileOption,
	type UblTotals,
	type UblVatBreakdownRow,
} from './core/ubl';

// Mail to the accountant's inbox: recipients, eligibility, subject/body templates, Message-IDs,
// and the pooled SMTP sender the Send to Yuki Inbox node runs on.
export {
	MailSender,
	RecipientError,
	composeMessage,
	deriveMessageId,
	parseRecipients,
	renderBody,
	renderSubject,
	verifySmtp,
	type OutgoingMail,
	type SendOutcome,
	type SmtpSettings,
} from './core/mail';
export { checkEligibility, type Eligibility } from './core/export';

// Signed NumNum events: the X-NumNum-Signature header and the event envelope.
export {
	SIGNATURE_HEADER,
	sign,
	verify as verifySignature,
	type VerifyResult as SignatureVerifyResult,
} from './core/signature';
export { parseEvent, signedRequest, wrapInEnvelope, type NumNumEvent } from './core/events';
