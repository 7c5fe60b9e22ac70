// One export run: each document becomes one e-mail, sent at most once per recipient.
import { checkEligibility } from './eligibility';
import { allRecipients, pdfFileNameFor, ublFileName } from './compose';
import type { MailAttachment, OutgoingMail } from './compose';
import { DocumentMetaError, readDocumentMeta } from './documentMeta';
import type { DocumentMeta } from './documentMeta';
import { alreadyExportedReason, exportKey, lookupExport, recordExport } from './exportLog';
import type { ExportLog } from './exportLog';
import { deriveMessageId, sha256Hex } from './messageId';
import { recipientsKey } from './recipients';
import type { RecipientRejection, SendOutcome } from './sender';
import { checkTemplate, renderBody, renderSubject } from './templates';
import type { TemplateValues } from './templates';

export interface ExportSettings {
	from: { name?: string; address: string };
	to: string[];
	cc?: string[];
	bcc?: string[];
	replyTo?: string[];
	subjectTemplate?: string;
	bodyTemplate?: string;
	/** An ineligible document (quote, unsent invoice…) is skipped (default) or failed. */
	ineligible?: 'skip' | 'fail';
	/** Send even when the export log says the recipients already have the document. */
	resend?: boolean;
}

export interface LoadedFiles {
	ubl: MailAttachment;
	pdf?: MailAttachment;
}

/** The item's input is unusable (missing binary…); `reason` is shown as is. */
export class ExportInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ExportInputError';
	}
}

export type ExportStatus = 'sent' | 'skipped' | 'failed';

export interface ExportResult {
	status: ExportStatus;
	documentId?: string;
	number?: string;
	type?: string;
	/** Every recipient of the e-mail (To, Cc, Bcc). */
	recipients: string[];
	/** Recipients that accepted the message in this run. */
	accepted: string[];
	rejected: RecipientRejection[];
	messageId?: string;
	response?: string;
	attempts: number;
	reason?: string;
	/** When the server accepted it (this run). */
	exportedAt?: string;
}

/**
 * A second, durable record of deliveries beside the export log, written the moment a message
 * is accepted (the n8n node uses n8n's processed-data store: it survives an execution that
 * ends in an error and a retry that starts from an old copy of the workflow's static data).
 */
export interface DeliveryLedger {
	delivered(keys: string[]): Promise<boolean[]>;
	record(keys: string[]): Promise<void>;
}

export interface MessageSender {
	send(mail: OutgoingMail, envelopeTo: readonly string[]): Promise<SendOutcome>;
}

export interface ExportRunOptions {
	now?: () => Date;
	ledger?: DeliveryLedger;
	/** Called after each delivery was recorded in the log (the node marks static data changed). */
	onRecorded?: () => void;
}

/** Throws a RecipientError/TemplateError-like Error naming the field when the settings cannot work. */
export function checkExportSettings(settings: ExportSettings): void {
	if (settings.to.length === 0) throw new Error('To: at least one recipient address is required');
	if (settings.subjectTemplate) checkTemplate(settings.subjectTemplate, 'Subject Template');
	if (settings.bodyTemplate) checkTemplate(settings.bodyTemplate, 'Body Template');
}

export class ExportRun {
	/** Documents met in this run (id + recipients) → the item that carried them first. */
	private readonly seen = new Map<string, number>();
	private readonly now: () => Date;

	constructor(
		private readonly sender: MessageSender,
		private readonly log: ExportLog,
		private readonly options: ExportRunOptions = {},
	) {
		this.now = options.now ?? (() => new Date());
	}

	/**
	 * Export one item: `raw` is the NumNum document (or Build UBL's summary of it), `loadFiles`
	 * reads its attachments only when an e-mail will really be sent. Only a FatalSmtpError
	 * (credentials, TLS) escapes: it concerns the whole run.
	 */
	async exportItem(
		itemIndex: number,
		raw: unknown,
		settings: ExportSettings,
		loadFiles: (meta: DocumentMeta) => Promise<LoadedFiles>,
	): Promise<ExportResult> {
		checkExportSettings(settings);
		const recipients = allRecipients(settings);
		const result: ExportResult = { status: 'failed', recipients, accepted: [], rejected: [], attempts: 0 };

		let meta: DocumentMeta;
		try {
			meta = readDocumentMeta(raw);
		} catch (error) {
			if (!(error instanceof DocumentMetaError)) throw error;
			const id = (raw as { id?: unknown } | null)?.id;
			if (typeof id === 'string') result.documentId = id;
			return { ...result, reason: `not a usable NumNum document: ${error.message}` };
		}
		Object.assign(result, { documentId: meta.id, number: meta.number, type: meta.type });

		const eligibility = checkEligibility(meta.type, meta.status);
		if (!eligibility.eligible) {
			return { ...result, status: settings.ineligible === 'fail' ? 'failed' : 'skipped', reason: eligibility.reason };
		}

		const runKey = exportKey(meta.id, recipientsKey(recipients));
		const earlier = this.seen.get(runKey);
		if (earlier !== undefined) {
			return { ...result, status: 'skipped', reason: `duplicate in this run: item ${earlier} has the same document` };
		}
		this.seen.set(runKey, itemIndex);

		let files: LoadedFiles;
		try {
			files = await loadFiles(meta);
		} catch (error) {
			if (!(error instanceof ExportInputError)) throw error;
			return { ...result, reason: error.message };
		}

		const contentHash = sha256Hex(files.ubl.content);
		const messageId = deriveMessageId(meta.id, contentHash, recipients);
		result.messageId = messageId;

		let pending = recipients;
		let alreadyNote = '';
		if (!settings.resend) {
			const lookup = lookupExport(this.log, meta.id, recipients);
			pending = lookup.pending;
			if (pending.length > 0 && this.options.ledger) {
				const known = await this.options.ledger.delivered(pending.map((r) => exportKey(meta.id, r)));
				pending = pending.filter((_, i) => !known[i]);
			}
			if (pending.length === 0) {
				const reason =
					lookup.delivered.length > 0 && lookup.pending.length === 0
						? alreadyExportedReason(lookup, contentHash)
						: 'already exported in an earlier execution (n8n de-duplication record; its export-log entry was not kept)';
				return { ...result, status: 'skipped', reason };
			}
			if (pending.length < recipients.length) {
				alreadyNote = `; earlier delivered to ${recipients.filter((r) => !pending.includes(r)).join(', ')}`;
			}
		}

		const values: TemplateValues = { ...meta, language: meta.language };
		const ublName = ublFileName(files.ubl.fileName, `${meta.number}.xml`);
		const mail: OutgoingMail = {
			messageId,
			from: settings.from,
			to: settings.to,
			cc: settings.cc,
			bcc: settings.bcc,
			replyTo: settings.replyTo,
			subject: renderSubject(values, settings.subjectTemplate),
			text: renderBody(values, settings.bodyTemplate),
			ubl: { ...files.ubl, fileName: ublName },
			...(files.pdf ? { pdf: { ...files.pdf, fileName: pdfFileNameFor(ublName) } } : {}),
			headers: { 'X-NumNum-Document-Id': meta.id },
		};

		const outcome = await this.sender.send(mail, pending);
		Object.assign(result, { accepted: outcome.accepted, rejected: outcome.rejected, attempts: outcome.attempts });
		if (outcome.response) result.response = outcome.response;

		let recordNote = '';
		if (outcome.accepted.length > 0) {
			const at = this.now().toISOString();
			result.exportedAt = at;
			recordExport(this.log, meta.id, outcome.accepted, { messageId, contentHash, at });
			this.options.onRecorded?.();
			if (this.options.ledger) {
				try {
					await this.options.ledger.record(outcome.accepted.map((r) => exportKey(meta.id, r)));
				} catch (error) {
					recordNote = `; the durable delivery record failed (${(error as Error).message}), the export log has it`;
				}
			}
		}

		if (outcome.status === 'sent') {
			result.status = 'sent';
			if (alreadyNote || recordNote) result.reason = `sent${alreadyNote}${recordNote}`.replace(/^sent; /, '');
			return result;
		}
		const refused = outcome.rejected.map((r) => `${r.recipient} (${r.response})`).join(', ');
		const partly = outcome.accepted.length > 0 ? `delivered to ${outcome.accepted.join(', ')} only; ` : '';
		const why = refused !== '' ? `not delivered to ${refused}` : (outcome.failure?.message ?? 'not delivered');
		result.reason = `${partly}${why} after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}${alreadyNote}${recordNote}`;
		return result;
	}
}
