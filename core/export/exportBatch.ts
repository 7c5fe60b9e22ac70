// One export run over a batch: each document becomes one e-mail, sent at most once per recipient.
// The one entry point is exportBatch(items, deps); the caller gives the items' documents and
// settings, the sender, the export log and (optionally) a durable delivery ledger, and one
// callback that reads an item's files.
import { allRecipients, pdfFileNameFor, ublFileName } from '../mail/compose';
import type { OutgoingMail } from '../mail/compose';
import { deriveMessageId, sha256Hex } from '../mail/messageId';
import { recipientsKey, RecipientError } from '../mail/recipients';
import { FatalSmtpError } from '../mail/sender';
import type { SendHooks, SendOutcome } from '../mail/sender';
import { checkTemplate, renderBody, renderSubject, TemplateError } from '../mail/templates';
import type { TemplateValues } from '../mail/templates';
import { DocumentMetaError, readDocumentMeta } from './documentMeta';
import type { DocumentMeta } from './documentMeta';
import { checkEligibility } from './eligibility';
import {
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
import type { ExportLog, ExportRecord } from './exportLog';
import { failedResult } from './results';
import { ExportInputError } from './types';
import type { DeliveryClaim, DeliveryLedger, ExportResult, ExportSettings, LoadedFiles, MessageSender, RecordFailure } from './types';

/** One input item: its document and settings as the caller read them, or why it could not. */
export interface BatchItem {
	/** The NumNum document (or Build UBL's summary of it). */
	raw?: unknown;
	settings?: ExportSettings;
	/** Reading the item's document or settings failed: the item fails with this (nothing is sent). */
	error?: unknown;
}

export interface ExportDeps {
	sender: MessageSender & { readonly server?: string };
	/** The export log; updated in place (the outcome says whether it changed). */
	log: ExportLog;
	/**
	 * False when the export log will not be saved (a retry that started from a workflow snapshot
	 * without static data): a failed ledger record then leaves no durable trace, and the item says so.
	 */
	logIsSaved?: boolean;
	/** The durable record of deliveries beside the log (see DeliveryLedger). */
	ledger?: DeliveryLedger;
	/** Reads item `itemIndex`'s files; called only for an e-mail that will be sent, at most once per item. */
	loadFiles(itemIndex: number, meta: DocumentMeta): Promise<LoadedFiles>;
	now?: () => Date;
}

/** The run stopped at `itemIndex` (that item and the rest are failed with `error`'s message). */
export interface BatchFatal {
	error: FatalSmtpError;
	itemIndex: number;
}

export interface BatchOutcome {
	/** One per input item, in order. */
	results: ExportResult[];
	fatal?: BatchFatal;
	/** Deliveries whose durable record failed (each item's reason says so too). */
	recordFailures: RecordFailure[];
	/** The export log was changed (the caller saves it). */
	logChanged: boolean;
}

/** Looking up earlier deliveries in the ledger failed before anything was sent. */
export class DeliveryLookupError extends Error {
	constructor(readonly cause: unknown) {
		super(cause instanceof Error ? cause.message : String(cause));
		this.name = 'DeliveryLookupError';
	}
}

/** Throws an Error naming the field when the settings cannot work. */
export function checkExportSettings(settings: ExportSettings): void {
	if (settings.to.length === 0) throw new Error('To: at least one recipient address is required');
	if (settings.subjectTemplate) checkTemplate(settings.subjectTemplate, 'Subject Template');
	if (settings.bodyTemplate) checkTemplate(settings.bodyTemplate, 'Body Template');
}

/**
 * Exports every item, in order, and returns once every delivery's durable record is written (or
 * its failure noted). Reads each item's document once; reads and builds the next e-mail while the
 * current one is on the wire. A FatalSmtpError (credentials, TLS, a server that cannot be reached)
 * stops the run: that item and the rest come out failed with its message, and `fatal` says where.
 * Throws only DeliveryLookupError (nothing was sent then).
 */
export async function exportBatch(items: readonly BatchItem[], deps: ExportDeps): Promise<BatchOutcome> {
	const run = new BatchRun(items, deps);
	await run.lookUpEarlierDeliveries();
	const results: ExportResult[] = [];
	let fatal: BatchFatal | undefined;
	try {
		for (let itemIndex = 0; itemIndex < items.length && !fatal; itemIndex++) {
			try {
				const result = await run.exportItem(itemIndex);
				results.push(result);
				if (run.unreachable) fatal = { error: run.unreachable, itemIndex: itemIndex + 1 };
			} catch (error) {
				if (error instanceof FatalSmtpError) {
					fatal = { error, itemIndex };
					break;
				}
				const prefix = error instanceof RecipientError || error instanceof TemplateError ? '' : 'could not export: ';
				results.push(failedResult(`${prefix}${(error as Error).message}`, items[itemIndex].raw));
			}
		}
	} finally {
		// Whatever happened, every delivery's durable record is written (or its failure noted) first.
		await run.settle();
	}
	// Nothing more is tried after a run-level fault: the rest fail with its one reason.
	if (fatal) for (let itemIndex = results.length; itemIndex < items.length; itemIndex++) results.push(failedResult(fatal.error.message, items[itemIndex].raw));
	return { results, ...(fatal ? { fatal } : {}), recordFailures: run.recordFailures, logChanged: run.logChanged };
}

/** An e-mail read and built, ready to send. */
interface PreparedMail {
	contentHash: string;
	messageId: string;
	outgoing: OutgoingMail;
	mime?: Promise<Buffer>;
}

/** An item past the checks before its files are read, or the result it ended with there. */
type Admitted = { meta: DocumentMeta; settings: ExportSettings; recipients: string[]; result: ExportResult } | { stopped: ExportResult };

/** The state of one exportBatch call. */
class BatchRun {
	/** Documents met in this run (id + recipients) → the item that carried them first. */
	private readonly seen = new Map<string, number>();
	private readonly now: () => Date;
	/** Ledger records not known to be written yet, each noting its failure on its item. */
	private readonly recording: Array<Promise<void>> = [];
	readonly recordFailures: RecordFailure[] = [];
	logChanged = false;
	/** Set when an item's every attempt failed to reach the server: the run stops after it. */
	unreachable?: FatalSmtpError;
	/** The next item's e-mail, read and built while the current one was being sent (at most one). */
	private preparedNext?: { itemIndex: number; prepared: Promise<PreparedMail> };

	constructor(
		private readonly items: readonly BatchItem[],
		private readonly deps: ExportDeps,
	) {
		this.now = deps.now ?? (() => new Date());
	}

	/** Asks the ledger once about every delivery of the batch the export log does not know. */
	async lookUpEarlierDeliveries(): Promise<void> {
		const ledger = this.deps.ledger;
		if (!ledger?.prefetch) return;
		const keys: string[] = [];
		for (const { raw, settings, error } of this.items) {
			if (error !== undefined || !settings || settings.resend) continue;
			let documentId: string;
			try {
				documentId = readDocumentMeta(raw).id;
			} catch {
				continue; // reported when the item's turn comes
			}
			for (const recipient of lookupExport(this.deps.log, documentId, allRecipients(settings)).pending) {
				keys.push(exportKey(documentId, recipient), uncertainKey(documentId, recipient));
			}
		}
		try {
			await ledger.prefetch(keys);
		} catch (error) {
			throw new DeliveryLookupError(error);
		}
	}

	/** Export item `itemIndex`. Only a FatalSmtpError (credentials, TLS) escapes. */
	async exportItem(itemIndex: number): Promise<ExportResult> {
		const ahead = this.preparedNext?.itemIndex === itemIndex ? this.preparedNext.prepared : undefined;
		this.preparedNext = undefined;
		const admitted = this.admit(itemIndex);
		if ('stopped' in admitted) return admitted.stopped;
		const { meta, settings, recipients, result } = admitted;
		this.seen.set(exportKey(meta.id, recipientsKey(recipients)), itemIndex);

		let prepared: PreparedMail;
		try {
			prepared = await (ahead ?? this.prepare(itemIndex, meta, settings, recipients));
		} catch (error) {
			if (!(error instanceof ExportInputError)) throw error;
			return { ...result, reason: error.message };
		}
		const { contentHash, messageId } = prepared;
		result.messageId = messageId;

		let pending = recipients;
		let alreadyNote = '';
		let claim: DeliveryClaim | undefined;
		const ledger = this.deps.ledger;
		if (!settings.resend) {
			const lookup = lookupExport(this.deps.log, meta.id, recipients);
			pending = lookup.pending;
			let byOtherRun = false;
			let uncertainInLedger: string[] = [];
			if (pending.length > 0 && ledger) {
				const keys = pending.flatMap((r) => [exportKey(meta.id, r), uncertainKey(meta.id, r)]);
				let known: boolean[];
				if (ledger.claim) {
					claim = await ledger.claim(keys);
					known = claim.delivered;
					byOtherRun = claim.byOtherRun?.some(Boolean) === true;
				} else {
					known = await ledger.delivered(keys);
				}
				const delivered = (i: number) => known[2 * i];
				uncertainInLedger = pending.filter((_, i) => !delivered(i) && known[2 * i + 1]);
				pending = pending.filter((_, i) => !delivered(i) && !known[2 * i + 1]);
			}
			if (pending.length === 0) {
				claim?.release();
				if (lookup.uncertain.length > 0 || uncertainInLedger.length > 0) {
					const reason =
						lookup.uncertain.length > 0
							? uncertainReason(lookup.uncertain)
							: `outcome unknown: an earlier execution sent the whole e-mail to ${uncertainInLedger.join(', ')} but the server never answered (n8n de-duplication record); check that inbox (Message-ID ${messageId}), and turn on Resend to send it again`;
					return { ...result, status: 'uncertain', reason };
				}
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
			return await this.deliver(itemIndex, meta, prepared, result, { pending, alreadyNote });
		} finally {
			// The accepted recipients are recorded (at least queued) by now: a run waiting for them sees it.
			claim?.release();
		}
	}

	/**
	 * The checks an item passes before its files are read: usable settings and document, eligible
	 * for export, not met before in this run. Gives what the item is, or the result it ends with here.
	 */
	private admit(itemIndex: number): Admitted {
		const { raw, settings, error } = this.items[itemIndex];
		if (error !== undefined || !settings) throw error ?? new Error('the item has no e-mail settings');
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

		const earlier = this.seen.get(exportKey(meta.id, recipientsKey(recipients)));
		if (earlier !== undefined) {
			return { stopped: { ...result, status: 'skipped', reason: `duplicate in this run: item ${earlier} has the same document` } };
		}
		return { meta, settings, recipients, result };
	}

	/** Reads the item's files and builds its e-mail (the MIME text too, when the sender can). */
	private async prepare(itemIndex: number, meta: DocumentMeta, settings: ExportSettings, recipients: string[]): Promise<PreparedMail> {
		const files = await this.deps.loadFiles(itemIndex, meta);
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
			headers: { [DOCUMENT_ID_HEADER]: meta.id },
		};
		const mime = this.deps.sender.build?.(outgoing);
		// Awaited by send(); a failure there is the send's failure, not an unhandled rejection here.
		mime?.catch(() => undefined);
		return { contentHash, messageId, outgoing, ...(mime ? { mime } : {}) };
	}

	/**
	 * Starts reading and building item `itemIndex`'s e-mail while the current one is on the wire (the
	 * main thread would otherwise idle until the server answers). Only for an item that passes the
	 * checks that come before reading its files, so no file is read that the plain order would not
	 * read, and at most two documents' files are in memory.
	 */
	private prepareAhead(itemIndex: number): void {
		if (itemIndex >= this.items.length) return;
		let admitted: Admitted;
		try {
			admitted = this.admit(itemIndex);
		} catch {
			return; // reported when its turn comes
		}
		if ('stopped' in admitted) return;
		const prepared = this.prepare(itemIndex, admitted.meta, admitted.settings, admitted.recipients);
		prepared.catch(() => undefined); // handled when its turn comes
		this.preparedNext = { itemIndex, prepared };
	}

	/** Sends the e-mail to `pending`, records who accepted (or whose answer never came), and says what happened. */
	private async deliver(
		itemIndex: number,
		meta: DocumentMeta,
		prepared: PreparedMail,
		result: ExportResult,
		plan: { pending: string[]; alreadyNote: string },
	): Promise<ExportResult> {
		const { pending, alreadyNote } = plan;
		const { messageId, contentHash } = prepared;
		const ledger = this.deps.ledger;
		if (ledger?.intend) await ledger.intend(pending.map((r) => uncertainKey(meta.id, r)));
		const atFinalDot = ledger?.beforeFinalDot?.bind(ledger);
		const hooks: SendHooks | undefined = atFinalDot
			? { beforeFinalDot: async (recipients) => await atFinalDot(recipients.map((r) => uncertainKey(meta.id, r))) }
			: undefined;
		const sending = this.deps.sender.send(prepared.outgoing, pending, prepared.mime, hooks);
		this.prepareAhead(itemIndex + 1);
		const outcome = await sending;
		Object.assign(result, { accepted: outcome.accepted, rejected: outcome.rejected, attempts: outcome.attempts });
		if (outcome.response) result.response = outcome.response;

		const at = this.now().toISOString();
		if (outcome.accepted.length > 0) {
			result.exportedAt = at;
			this.recordInLog(meta.id, outcome.accepted, { messageId, contentHash, at });
		}
		const uncertain = outcome.status === 'uncertain' ? (outcome.uncertain ?? []) : [];
		if (uncertain.length > 0) this.recordInLog(meta.id, uncertain, { messageId, contentHash, at, outcome: 'uncertain' });

		result.status = outcome.status === 'sent' ? 'sent' : outcome.status === 'uncertain' ? 'uncertain' : 'failed';
		result.reason = outcomeReason(outcome, alreadyNote, messageId);
		if (result.reason === undefined) delete result.reason;
		if (outcome.unreachable) this.unreachable = unreachableError(outcome, this.deps.sender.server);
		// Written behind: the next e-mail does not wait for the store. settle() awaits it before the run ends.
		if (ledger) {
			const keys = [...outcome.accepted.map((r) => exportKey(meta.id, r)), ...uncertain.map((r) => uncertainKey(meta.id, r))];
			if (keys.length > 0) this.recordInLedger(ledger, keys, result);
		}
		return result;
	}

	private recordInLog(documentId: string, recipients: string[], record: ExportRecord): void {
		recordExport(this.deps.log, documentId, recipients, record);
		this.logChanged = true;
	}

	private recordInLedger(ledger: DeliveryLedger, keys: string[], result: ExportResult): void {
		let written: Promise<void>;
		try {
			written = ledger.record(keys);
		} catch (error) {
			written = Promise.reject(error);
		}
		this.recording.push(
			written.catch((error: unknown) => {
				const message = error instanceof Error ? error.message : String(error);
				const note = this.deps.ledger?.beforeFinalDot
					? // Shared claims (queue mode): the intent was written before the ".", so no run sends it again; it turns uncertain.
						`the durable delivery record failed (${message}); the intent recorded before the end of DATA keeps any run from sending it again (reported uncertain)`
					: this.deps.logIsSaved === false
						? `the durable delivery record failed (${message}) and this run's export log is not kept: a re-run may send it again (same Message-ID)`
						: `the durable delivery record failed (${message}), the export log has it`;
				result.reason = result.reason ? `${result.reason}; ${note}` : note;
				this.recordFailures.push({ result, message });
			}),
		);
	}

	/**
	 * Waits until every delivery of this run is durably recorded (or its record failed: the item's
	 * reason then says so), and bounds the export log once (it is saved with the workflow).
	 */
	async settle(): Promise<void> {
		await this.deps.ledger?.flush?.();
		await Promise.all(this.recording);
		if (this.logChanged) pruneExportLog(this.deps.log, this.now(), EXPORT_LOG_KEEP_DAYS, EXPORT_LOG_MAX_ENTRIES);
	}
}

/** The header that names the document in every e-mail, spelled as it goes out (nodemailer normalises header names so; the docs spell it the same way). */
export const DOCUMENT_ID_HEADER = 'X-Numnum-Document-ID';

function outcomeReason(outcome: SendOutcome, alreadyNote: string, messageId: string): string | undefined {
	if (outcome.status === 'sent') return alreadyNote ? alreadyNote.replace(/^; /, '') : undefined;
	const partly = outcome.accepted.length > 0 ? `delivered to ${outcome.accepted.join(', ')} only; ` : '';
	if (outcome.status === 'uncertain') {
		return `${partly}outcome unknown: the whole e-mail went to ${(outcome.uncertain ?? []).join(', ')} but the server did not answer (${
			outcome.failure?.message ?? 'no answer'
		}); it may have been accepted, so it is not sent again on its own: check that inbox for Message-ID ${messageId}, and turn on Resend to send it again${alreadyNote}`;
	}
	const refused = outcome.rejected.map((r) => `${r.recipient} (${r.response})`).join(', ');
	const why = refused !== '' ? `not delivered to ${refused}` : (outcome.failure?.message ?? 'not delivered');
	return `${partly}${why} after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}${alreadyNote}`;
}

function unreachableError(outcome: SendOutcome, server: string | undefined): FatalSmtpError {
	const failure = outcome.failure ?? { kind: 'transient' as const, message: 'not reachable' };
	return new FatalSmtpError({ ...failure, kind: 'unreachable' }, server);
}
