// Mail export to an accountant's inbox (Yuki): framework-free, used by the Send to Yuki Inbox node.
export { addressProblem, parseRecipients, recipientsKey, RecipientError } from './recipients';
export { checkEligibility, SENT_STATUSES } from './eligibility';
export type { Eligibility } from './eligibility';
export { baseName, fileNameSafe, headerSafe } from './safeText';
export {
	checkTemplate,
	DEFAULT_BODIES,
	DEFAULT_SUBJECT,
	formatDate,
	PLACEHOLDERS,
	renderBody,
	renderSubject,
	renderTemplate,
	TemplateError,
	TYPE_LABELS,
} from './templates';
export type { TemplateValues } from './templates';
export { deriveMessageId, MESSAGE_ID_DOMAIN, sha256Hex } from './messageId';
export { alreadyExportedReason, exportKey, lookupExport, pruneExportLog, recordExport } from './exportLog';
export type { ExportLog, ExportLookup, ExportRecord } from './exportLog';
export { classifySmtpError } from './smtpErrors';
export type { SmtpFailure, SmtpFailureKind } from './smtpErrors';
export { backoffDelay, RateLimiter } from './backoff';
export { createPooledTransport, DEFAULT_TIMEOUT_MS, transportOptions } from './transport';
export type { SmtpSettings, StartTlsMode } from './transport';
export { allRecipients, composeMessage, pdfFileNameFor, ublFileName } from './compose';
export type { MailAttachment, OutgoingMail } from './compose';
export { FatalSmtpError, MailSender } from './sender';
export { verifySmtp } from './verify';
export type { VerifyResult } from './verify';
export type { RecipientRejection, SenderOptions, SendOutcome } from './sender';
export { DocumentMetaError, readDocumentMeta } from './documentMeta';
export type { DocumentMeta } from './documentMeta';
export { checkExportSettings, ExportInputError, ExportRun } from './exportRun';
export type {
	DeliveryClaim,
	DeliveryLedger,
	ExportResult,
	ExportRunOptions,
	ExportSettings,
	ExportStatus,
	LoadedFiles,
	MessageSender,
	NextItem,
	RecordFailure,
} from './exportRun';
export { coalescingLedger, serializedLedger, SerialQueue, SharedDeliveries, SharedDeliveriesRegistry } from './ledgers';
export type { CoalescingOptions, FlushableLedger } from './ledgers';
