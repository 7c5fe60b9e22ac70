// What an export is asked to do and what it reports, and the parts it is given (sender, delivery store).
import type { MailAttachment, OutgoingMail } from '../mail/compose';
import type { RecipientRejection, SendHooks, SendOutcome } from '../mail/sender';

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
	/** Send even when the export log says the recipients already have the document (or its outcome is unknown). */
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

/**
 * `uncertain`: the whole message went out but the server's answer never came (time-out, reset after
 * the final "." of DATA). It may have been accepted: never sent again on its own, only by Resend.
 */
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
	messageId?: string;
	response?: string;
	attempts: number;
	reason?: string;
	/** When the server accepted it (this run). */
	exportedAt?: string;
}

/**
 * The durable record of deliveries beside the export log, keyed by opaque strings (`exportKey` for
 * "delivered", `uncertainKey` for "sent, outcome unknown"). The n8n node uses n8n's processed-data
 * store; queue mode may plug in a cross-process store. Only `delivered` and `record` are required.
 */
export interface DeliveryLedger {
	/** Per key: recorded. Must leave no record of its own behind (a store that can only check-and-record takes it back). */
	delivered(keys: string[]): Promise<boolean[]>;
	/**
	 * Records keys (accepted deliveries, or uncertain outcomes). The promise settles once they are
	 * durably written (or the write failed); a ledger may write behind and batch.
	 */
	record(keys: string[]): Promise<void>;
	/** Resolves when every record made so far is written (or failed); the run awaits it before it ends. */
	flush?(): Promise<void>;
	/**
	 * The keys the whole batch will ask about, given once before the first e-mail, so a store that
	 * pays per call can answer them in one (later `delivered`/`claim` calls for them are then free).
	 */
	prefetch?(keys: string[]): Promise<void>;
	/**
	 * Like delivered(), but first waits while another run is sending any of these keys, then holds
	 * them until `release()` (so two runs at the same time do not both send a document).
	 */
	claim?(keys: string[]): Promise<DeliveryClaim>;
	/**
	 * Called with the `uncertainKey`s of an e-mail right before it is handed to the server: a store
	 * that writes it at once (before the final "." of DATA) turns a crash between send and record
	 * into an `uncertain` item on the next run instead of a second e-mail. The outcome follows
	 * through `record` as soon as the server answered.
	 */
	intend?(keys: string[]): Promise<void>;
	/**
	 * Like `intend`, at the last moment the protocol allows: the message text has gone out, the
	 * final "." of DATA has not. A crash before it leaves nothing that could have been delivered; a
	 * throw stops the send (the "." is never written). Used by the cross-process store (queue mode).
	 */
	beforeFinalDot?(keys: string[]): Promise<void>;
}

export interface DeliveryClaim {
	delivered: boolean[];
	/** Per key: delivered by another run that was sending it while this one waited. */
	byOtherRun?: boolean[];
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
