// The export to an accountant's inbox: which documents may go, what went where (export log and
// durable ledger), and one batch entry point, exportBatch. Framework-free; the Send to Yuki Inbox
// node is its n8n adapter. Mail composition and transport live in core/mail.
export { DeliveryLookupError, DOCUMENT_ID_HEADER, checkExportSettings, exportBatch } from './exportBatch';
export type { BatchFatal, BatchItem, BatchOutcome, ExportDeps } from './exportBatch';
export { checkEligibility, SENT_STATUSES } from './eligibility';
export type { Eligibility } from './eligibility';
export { DocumentMetaError, readDocumentMeta } from './documentMeta';
export type { DocumentMeta } from './documentMeta';
export {
	alreadyExportedReason,
	EXPORT_LOG_KEEP_DAYS,
	EXPORT_LOG_MAX_ENTRIES,
	exportKey,
	lookupExport,
	pruneExportLog,
	recordExport,
	uncertainKey,
	uncertainReason,
} from './exportLog';
export type { ExportLog, ExportLookup, ExportRecord } from './exportLog';
export { failedResult, failureLine } from './results';
export { ExportInputError } from './types';
export type { DeliveryClaim, DeliveryLedger, ExportResult, ExportSettings, ExportStatus, LoadedFiles, MessageSender, RecordFailure } from './types';
export {
	coalescingLedger,
	knownOrAsk,
	prefetchingLedger,
	serializedLedger,
	SerialQueue,
	SharedDeliveries,
	SharedDeliveriesRegistry,
} from './ledgers';
export type { CoalescingOptions, FlushableLedger } from './ledgers';
