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
import type { RecipientRejection, SendHooks, SendOutcome } from './sender';
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

/** `uncertain`: the server may have accepted it (no answer after the end of DATA); never resent on its own. */
export type ExportStatus = 'sent' | 'skipped' | 'failed' | 'uncertain';

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
	/** Recipients for whom the server's answer is unknown (status `uncertain`). */
	uncertain?: string[];
	messageId?: string;
	response?: string;
	attempts: number;
	reason?: string;
	/** When the server accepted it (this run). */
	exportedAt?: string;
}

/**
 * A second, durable record of deliveries beside the export log (the n8n node uses n8n's
 * processed-data store: it survives an execution that ends in an error and a retry that starts
 * from an old copy of the workflow's static data).
 */
export interface DeliveryLedger {
	delivered(keys: string[]): Promise<boolean[]>;
	/**
	 * Records accepted deliveries. The promise settles once they are durably written (or the write
	 * failed); a ledger may write behind and batch, so the run does not wait for it per e-mail.
	 */
	record(keys: string[]): Promise<void>;
	/** Resolves when every record made so far is written (or failed); the run awaits it before it ends. */
	flush?(): Promise<void>;
	/**
	 * Like delivered(), but first waits while another run is sending any of these keys, then holds
	 * them until `release()` (so two runs at the same time do not both send a document).
	 * `force` (Resend): hold them even when delivered; `delivered` then says all false.
	 */
	claim?(keys: string[], options?: { force?: boolean }): Promise<DeliveryClaim>;
	/** Shared across processes (queue mode): records the intent right before the final "." of DATA; throws to stop the send. */
	intend?(keys: string[]): Promise<void>;
	/** Records deliveries whose outcome is unknown (no answer after the end of DATA). */
	uncertain?(keys: string[], info: { messageId: string; reason: string }): Promise<void>;
}

export interface DeliveryClaim {
	delivered: boolean[];
	/** Per key: delivered by another run that was sending it while this one waited. */
	byOtherRun?: boolean[];
	/** Per key: an earlier send of it may have been accepted (the reason), so it is not sent again on its own. */
	uncertain?: Array<string | undefined>;
	release(): void;
}

/** A delivery whose durable record failed (the item's reason says so too). */
export interface RecordFailure {
	result: ExportResult;
	message: string;
}

export interface MessageSender {
	/** `mime`: the message already built by `build()` (the same bytes), so sending does not build it again. */
	send(mail: OutgoingMail, envelopeTo: readonly string[], mime?: Promise<Buffer>, hooks?: SendHooks): Promise<SendOutcome>;
	/** Builds the message's MIME text ahead of sending (optional). */
	build?(mail: OutgoingMail): Promise<Buffer>;
}

/** The next item, offered to the run so it can read and build that e-mail while the current one is on the wire. */
export interface NextItem {
	itemIndex: number;
	raw: unknown;
	settings: ExportSettings;
	loadFiles: (meta: DocumentMeta) => Promise<LoadedFiles>;
}

/** An e-mail read and built, ready to send. */
interface PreparedMail {
	files: LoadedFiles;
	contentHash: string;
	messageId: string;
	outgoing: OutgoingMail;
	mime?: Promise<Buffer>;
}

/** An item past the checks before its files are read, or the result it ended with there. */
type ScreenedItem = { meta: DocumentMeta; recipients: string[]; runKey: string; result: ExportResult } | { stopped: ExportResult };

export interface ExportRunOptions {
	now?: () => Date;
	ledger?: DeliveryLedger;
	/** Called after each delivery was recorded in the log (the node marks static data changed). */
	onRecorded?: () => void;
	/**
	 * False when the export log will not be saved (a retry that started from a workflow snapshot
	 * without static data): a failed ledger record then leaves no durable trace, and the item says so.
	 */
	logKept?: boolean;
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
	/** Ledger records not known to be written yet, each noting its failure on its item. */
	private readonly recording: Array<Promise<void>> = [];
	private readonly recordFailures: RecordFailure[] = [];
	/** The next item's e-mail, read and built while the current one was being sent (at most one). */
	private ahead?: { itemIndex: number; raw: unknown; prepared: Promise<PreparedMail> };

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
		next?: () => NextItem | undefined,
	): Promise<ExportResult> {
		const ahead = this.ahead?.itemIndex === itemIndex && this.ahead.raw === raw ? this.ahead.prepared : undefined;
		this.ahead = undefined;
		const screened = this.screen(raw, settings);
		if ('stopped' in screened) return screened.stopped;
		const { meta, recipients, result } = screened;
		this.seen.set(screened.runKey, itemIndex);

		let prepared: PreparedMail;
		try {
			prepared = await (ahead ?? this.prepare(meta, settings, recipients, loadFiles));
		} catch (error) {
			if (!(error instanceof ExportInputError)) throw error;
			return { ...result, reason: error.message };
		}
		const { contentHash, messageId } = prepared;
		result.messageId = messageId;

		let pending = recipients;
		let alreadyNote = '';
		let claim: DeliveryClaim | undefined;
		const ledger = this.options.ledger;
		if (settings.resend && ledger?.intend && ledger.claim) {
			// Shared claims (queue mode): a resend still holds the keys, so two runs do not both send.
			claim = await ledger.claim(
				recipients.map((r) => exportKey(meta.id, r)),
				{ force: true },
			);
		}
		if (!settings.resend) {
			const lookup = lookupExport(this.log, meta.id, recipients);
			pending = lookup.pending;
			let byOtherRun = false;
			if (pending.length > 0 && ledger) {
				const keys = pending.map((r) => exportKey(meta.id, r));
				let known: boolean[];
				if (ledger.claim) {
					claim = await ledger.claim(keys);
					known = claim.delivered;
					byOtherRun = claim.byOtherRun?.some(Boolean) === true;
				} else {
					known = await ledger.delivered(keys);
				}
				const unsure = pending.filter((_, i) => !known[i] && claim?.uncertain?.[i] !== undefined);
				if (unsure.length > 0) {
					claim?.release();
					const why = claim?.uncertain?.find((reason) => reason !== undefined);
					return {
						...result,
						status: 'uncertain',
						uncertain: unsure,
						reason: `an earlier send to ${unsure.join(', ')} may have been accepted (${why}); not sent again on its own: check the inbox, or send it with Resend`,
					};
				}
				pending = pending.filter((_, i) => !known[i]);
			}
			if (pending.length === 0) {
				claim?.release();
				const reason =
					lookup.delivered.length > 0 && lookup.pending.length === 0
						? alreadyExportedReason(lookup, contentHash)
						: byOtherRun
							? 'already exported by another execution of this workflow running at the same time (n8n de-duplication record)'
							: 'already exported in an earlier execution (n8n de-duplication record; its export-log entry was not kept)';
				return { ...result, status: 'skipped', reason };
			}
			if (pending.length < recipients.length) {
				alreadyNote = `; earlier delivered to ${recipients.filter((r) => !pending.includes(r)).join(', ')}`;
			}
		}

		try {
			return await this.deliver(meta, prepared, result, { pending, alreadyNote }, next);
		} finally {
			// The accepted recipients are recorded (at least queued) by now: a run waiting for them sees it.
			claim?.release();
		}
	}

	/**
	 * The checks an item passes before its files are read: a usable document, eligible for export,
	 * not met before in this run. Gives what the item is, or the result it ends with here.
	 */
	private screen(
		raw: unknown,
		settings: ExportSettings,
	): ScreenedItem {
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
			return { stopped: { ...result, reason: `not a usable NumNum document: ${error.message}` } };
		}
		Object.assign(result, { documentId: meta.id, number: meta.number, type: meta.type });

		const eligibility = checkEligibility(meta.type, meta.status);
		if (!eligibility.eligible) {
			return { stopped: { ...result, status: settings.ineligible === 'fail' ? 'failed' : 'skipped', reason: eligibility.reason } };
		}

		const runKey = exportKey(meta.id, recipientsKey(recipients));
		const earlier = this.seen.get(runKey);
		if (earlier !== undefined) {
			return { stopped: { ...result, status: 'skipped', reason: `duplicate in this run: item ${earlier} has the same document` } };
		}
		return { meta, recipients, runKey, result };
	}

	/** Reads the item's files and builds its e-mail (the MIME text too, when the sender can). */
	private async prepare(
		meta: DocumentMeta,
		settings: ExportSettings,
		recipients: string[],
		loadFiles: (meta: DocumentMeta) => Promise<LoadedFiles>,
	): Promise<PreparedMail> {
		const files = await loadFiles(meta);
		const contentHash = sha256Hex(files.ubl.content);
		const messageId = deriveMessageId(meta.id, contentHash, recipients);
		const values: TemplateValues = { ...meta, language: meta.language };
		const ublName = ublFileName(files.ubl.fileName, `${meta.number}.xml`);
		const outgoing: OutgoingMail = {
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
		const mime = this.sender.build?.(outgoing);
		// Awaited by send(); a failure there is the send's failure, not an unhandled rejection here.
		mime?.catch(() => undefined);
		return { files, contentHash, messageId, outgoing, ...(mime ? { mime } : {}) };
	}

	/**
	 * Starts reading and building the next item's e-mail while the current one is on the wire (the
	 * main thread would otherwise idle until the server answers). Only for an item that passes the
	 * checks that come before reading its files, so no file is read that the plain order would not
	 * read, and at most two documents' files are in memory.
	 */
	private prepareAhead(next: NextItem | undefined): void {
		if (!next) return;
		let screened: ScreenedItem;
		try {
			screened = this.screen(next.raw, next.settings);
		} catch {
			return; // reported when its turn comes
		}
		if ('stopped' in screened) return;
		const prepared = this.prepare(screened.meta, next.settings, screened.recipients, next.loadFiles);
		prepared.catch(() => undefined); // handled when its turn comes
		this.ahead = { itemIndex: next.itemIndex, raw: next.raw, prepared };
	}

	/** Sends the e-mail to `pending`, records who accepted, and says what happened. */
	private async deliver(
		meta: DocumentMeta,
		prepared: PreparedMail,
		result: ExportResult,
		plan: { pending: string[]; alreadyNote: string },
		next?: () => NextItem | undefined,
	): Promise<ExportResult> {
		const { pending, alreadyNote } = plan;
		const { messageId, contentHash } = prepared;
		const ledger = this.options.ledger;
		const hooks: SendHooks = ledger?.intend
			? { beforeFinalDot: async (recipients) => await ledger.intend!(recipients.map((r) => exportKey(meta.id, r))) }
			: {};
		const sending = this.sender.send(prepared.outgoing, pending, prepared.mime, hooks);
		this.prepareAhead(next?.());
		const outcome = await sending;
		Object.assign(result, { accepted: outcome.accepted, rejected: outcome.rejected, attempts: outcome.attempts });
		if (outcome.response) result.response = outcome.response;

		if (outcome.accepted.length > 0) {
			const at = this.now().toISOString();
			result.exportedAt = at;
			recordExport(this.log, meta.id, outcome.accepted, { messageId, contentHash, at });
			this.options.onRecorded?.();
		}

		if (outcome.status === 'sent') {
			result.status = 'sent';
			if (alreadyNote) result.reason = alreadyNote.replace(/^; /, '');
		} else if (outcome.status === 'uncertain') {
			result.status = 'uncertain';
			result.uncertain = outcome.uncertain ?? [];
			const partly = outcome.accepted.length > 0 ? `delivered to ${outcome.accepted.join(', ')}; ` : '';
			result.reason = `${partly}${outcome.failure?.message ?? 'no answer after the end of DATA'}; not resent on its own: check the inbox${alreadyNote}`;
			if (ledger?.uncertain && result.uncertain.length > 0) {
				const note = ledger.uncertain(
					result.uncertain.map((r) => exportKey(meta.id, r)),
					{ messageId, reason: result.reason },
				);
				this.recording.push(note.catch((error: unknown) => this.noteRecordFailure(result, error)));
			}
		} else {
			const refused = outcome.rejected.map((r) => `${r.recipient} (${r.response})`).join(', ');
			const partly = outcome.accepted.length > 0 ? `delivered to ${outcome.accepted.join(', ')} only; ` : '';
			const why = refused !== '' ? `not delivered to ${refused}` : (outcome.failure?.message ?? 'not delivered');
			result.reason = `${partly}${why} after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}${alreadyNote}`;
		}
		// Written behind: the next e-mail does not wait for the store. settle() awaits it before the run ends.
		if (outcome.accepted.length > 0 && this.options.ledger) this.recordInLedger(this.options.ledger, meta.id, outcome.accepted, result);
		return result;
	}

	private recordInLedger(ledger: DeliveryLedger, documentId: string, accepted: string[], result: ExportResult): void {
		let written: Promise<void>;
		try {
			written = ledger.record(accepted.map((r) => exportKey(documentId, r)));
		} catch (error) {
			written = Promise.reject(error);
		}
		this.recording.push(written.catch((error: unknown) => this.noteRecordFailure(result, error)));
	}

	private noteRecordFailure(result: ExportResult, error: unknown): void {
		const message = error instanceof Error ? error.message : String(error);
		const note = this.options.ledger?.intend
			? // Shared claims: the intent was recorded before the ".", so no run resends it; it turns uncertain.
				`the durable delivery record failed (${message}); its recorded intent keeps any run from sending it again (reported uncertain)`
			: this.options.logKept === false
				? `the durable delivery record failed (${message}) and this run's export log is not kept: a re-run may send it again (same Message-ID)`
				: `the durable delivery record failed (${message}), the export log has it`;
		result.reason = result.reason ? `${result.reason}; ${note}` : note;
		this.recordFailures.push({ result, message });
	}

	/**
	 * Waits until every delivery of this run is durably recorded (or its record failed: the item's
	 * reason then says so) and returns the failures. Call it before the run's results are used,
	 * whatever happened (also after a FatalSmtpError).
	 */
	async settle(): Promise<RecordFailure[]> {
		await this.options.ledger?.flush?.();
		await Promise.all(this.recording);
		return [...this.recordFailures];
	}
}
