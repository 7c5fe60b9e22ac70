// Mail to an accountant's inbox (Yuki): addresses, templates, composition and the SMTP transport.
// What to send and what was sent (the export run) lives in core/export.
export { addressProblem, parseRecipients, recipientsKey, RecipientError } from './recipients';
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
export { classifySmtpError } from './smtpErrors';
export type { SmtpFailure, SmtpFailureKind } from './smtpErrors';
export { backoffDelay, RateLimiter } from './backoff';
export { createPooledTransport, DEFAULT_TIMEOUT_MS, transportOptions } from './transport';
export type { SmtpSettings, StartTlsMode } from './transport';
export { allRecipients, composeMessage, pdfFileNameFor, ublFileName } from './compose';
export type { MailAttachment, OutgoingMail } from './compose';
export { FatalSmtpError, MailSender, serverName } from './sender';
export { verifySmtp } from './verify';
export type { VerifyResult } from './verify';
export type { RecipientRejection, SenderOptions, SendHooks, SendOutcome } from './sender';
