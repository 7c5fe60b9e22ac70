// Watches one IMAP folder over ONE connection and hands every e-mail not handled before to
// `deliver`, once, in UID order.
//
// How "once" holds (each layer covers what the one before cannot):
//  1. `seen` — the caller's record of message keys (Message-ID + UBL hashes), checked before and
//     written right after an e-mail is handed over (scans run one at a time): two copies of one
//     e-mail, a rescan after a reconnect, a re-published workflow in the same process. An e-mail
//     whose hand-over failed is neither recorded nor marked, so the next scan tries it again.
//  2. The keyword $NumNumIntake set on every handled message (when the server allows keywords):
//     the mailbox itself says what is done, whatever happened to n8n's own data; a rescan never
//     fetches those again.
//  3. The cursor (UIDVALIDITY + last handled UID) the caller persists: what to rescan after a
//     restart on a server without keywords; a new UIDVALIDITY starts over (layer 1 still holds).
// New mail arrives through IDLE (imapflow keeps the connection idling and polls with NOOP on
// a server without IDLE); a timer rescans every `pollIntervalMs` as well. A lost connection is
// reopened with back-off and rescanned from the cursor, so mail that came meanwhile is read.
// After `giveUpAfterAttempts` failed reconnects `onGaveUp` is called: the caller makes that
// visible (n8n: emitError) instead of the watcher stopping silently.
import { ImapFlow } from 'imapflow';
import type { FetchMessageObject } from 'imapflow';

import { backoffDelay } from '../mail/backoff';
import { describeImapError, imapFlowOptions, type ImapSettings } from './connection';
import { readExportMail } from './exportMail';
import type { MessageIntake, UblReader } from './types';

export const HANDLED_KEYWORD = '$NumNumIntake';
/** E-mails fetched per FETCH command (their raw bytes are held in memory meanwhile). */
const FETCH_BATCH = 25;

export interface MailboxCursor {
	/** UIDVALIDITY as a decimal string (it is a 32-bit unsigned number; imapflow gives a bigint). */
	uidValidity: string;
	lastUid: number;
}

export interface AfterHandling {
	markSeen: boolean;
	/** Move handled e-mails into this folder (created when missing); empty: leave them. */
	moveTo: string;
}

export interface WatcherLogger {
	debug(message: string): void;
	info(message: string): void;
	warn(message: string): void;
}

export interface MailboxWatcherOptions {
	settings: ImapSettings;
	folder: string;
	afterHandling: AfterHandling;
	readUbl: UblReader;
	maxMessageBytes?: number;
	/** Keys of the e-mails handed over before. */
	seen: { has(key: string): boolean; add(key: string): void };
	/** Starts the workflow for one e-mail; resolves once it was handed over (not when it finished). */
	deliver(intake: MessageIntake): Promise<void>;
	loadCursor(): MailboxCursor | undefined;
	saveCursor(cursor: MailboxCursor): void;
	/** Preview (the editor's test run): start at the newest e-mail, mark and persist nothing. */
	preview?: boolean;
	pollIntervalMs?: number;
	initialBackoffMs?: number;
	maxBackoffMs?: number;
	giveUpAfterAttempts?: number;
	onGaveUp(error: Error): void;
	logger: WatcherLogger;
}

export class MailboxWatcher {
	private client: ImapFlow | undefined;
	private closing = false;
	private scanning: Promise<void> | undefined;
	private rescanWanted = false;
	private useKeyword = false;
	private cursor: MailboxCursor | undefined;
	private pollTimer: NodeJS.Timeout | undefined;
	private reconnectTimer: NodeJS.Timeout | undefined;
	private reconnectAttempt = 0;
	private gaveUp = false;
	private previewDelivered = false;
	/** Connections opened so far (the tests check there is one at a time). */
	connections = 0;

	constructor(private readonly options: MailboxWatcherOptions) {}

	/** Connects and scans once; throws when the first connection fails (activation shows it). */
	async start(): Promise<void> {
		await this.connect();
		this.pollTimer = setInterval(() => this.requestScan(), this.options.pollIntervalMs ?? 30_000);
		this.pollTimer.unref?.();
		this.requestScan();
	}

	/** Stops watching; an e-mail being delivered is finished and marked first. */
	async close(): Promise<void> {
		this.closing = true;
		clearInterval(this.pollTimer);
		clearTimeout(this.reconnectTimer);
		// Let the e-mail being handed over finish and be marked; a hung connection must not hold
		// n8n's deactivation for long (closing the client below ends a stuck command).
		if (this.scanning) {
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([this.scanning.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
			clearTimeout(timer);
		}
		const client = this.client;
		this.client = undefined;
		if (!client) return;
		await Promise.race([client.logout().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3_000))]);
		client.close();
	}

	/** Resolves when no scan is running or wanted (tests, and the preview that waits for mail). */
	async idle(): Promise<void> {
		while (this.scanning) await this.scanning.catch(() => undefined);
	}

	private async connect(): Promise<void> {
		// IDLE half a second after the last command (imapflow waits 15 s by default, and mail that
		// comes before IDLE starts is only seen by the next command).
		const client = new ImapFlow(imapFlowOptions(this.options.settings, { autoIdleDelay: 500, maxIdleTime: 5 * 60_000 }));
		client.on('error', (error: Error) => this.options.logger.warn(`IMAP connection error: ${describeImapError(error)}`));
		client.on('exists', () => this.requestScan());
		client.on('close', () => this.connectionClosed(client));
		this.connections++;
		let mailbox;
		try {
			await client.connect();
			mailbox = await client.mailboxOpen(this.options.folder);
		} catch (error) {
			client.close();
			throw error;
		}
		if (this.closing) {
			client.close();
			return;
		}
		this.client = client;
		this.useKeyword = !this.options.preview && (mailbox.permanentFlags?.has('\\*') ?? false);
		const uidValidity = String(mailbox.uidValidity);
		const saved = this.cursor ?? this.options.loadCursor();
		if (this.options.preview) {
			this.cursor = this.cursor ?? { uidValidity, lastUid: Math.max(0, (mailbox.uidNext ?? 1) - 2) };
		} else if (!saved || saved.uidValidity !== uidValidity) {
			if (saved) this.options.logger.warn(`IMAP folder ${this.options.folder} has a new UIDVALIDITY (${saved.uidValidity} → ${uidValidity}): rescanning it all`);
			this.cursor = { uidValidity, lastUid: 0 };
		} else {
			this.cursor = { ...saved };
		}
		if (this.options.afterHandling.moveTo && !this.options.preview) await this.ensureFolder(client, this.options.afterHandling.moveTo);
		this.options.logger.debug(`IMAP: watching ${this.options.folder} (UIDVALIDITY ${uidValidity}, from UID ${this.cursor.lastUid + 1}, keyword ${this.useKeyword})`);
	}

	private async ensureFolder(client: ImapFlow, path: string): Promise<void> {
		const folders = await client.list();
		if (!folders.some((folder) => folder.path === path)) await client.mailboxCreate(path);
	}

	private connectionClosed(client: ImapFlow): void {
		if (this.client !== client) return; // an old connection, or close() ran
		this.client = undefined;
		if (this.closing) return;
		this.options.logger.warn(`IMAP connection to ${this.options.settings.host} closed; reconnecting`);
		this.scheduleReconnect(new Error('connection closed'));
	}

	private scheduleReconnect(lastError: Error): void {
		if (this.closing || this.gaveUp || this.reconnectTimer) return;
		this.reconnectAttempt++;
		const giveUpAfter = this.options.giveUpAfterAttempts ?? 8;
		if (this.reconnectAttempt > giveUpAfter) {
			this.gaveUp = true;
			this.options.onGaveUp(new Error(`the IMAP server ${this.options.settings.host}:${this.options.settings.port} could not be reached after ${giveUpAfter} attempts: ${lastError.message}`));
			return;
		}
		// First retry quickly (a restarted server is usually back at once), then double.
		const delay = backoffDelay(this.reconnectAttempt + 1, this.options.initialBackoffMs ?? 1_000, this.options.maxBackoffMs ?? 60_000);
		this.reconnectTimer = setTimeout(() => {
			this.reconnectTimer = undefined;
			void this.reconnect();
		}, delay);
		this.reconnectTimer.unref?.();
	}

	private async reconnect(): Promise<void> {
		if (this.closing) return;
		try {
			await this.connect();
		} catch (error) {
			const reason = new Error(describeImapError(error));
			this.options.logger.warn(`IMAP reconnect attempt ${this.reconnectAttempt} failed: ${reason.message}`);
			this.scheduleReconnect(reason);
			return;
		}
		this.options.logger.info(`IMAP reconnected after ${this.reconnectAttempt} attempt(s)`);
		this.reconnectAttempt = 0;
		this.requestScan();
	}

	/** Runs a scan, or asks the running one to go again when it is done (mail came meanwhile). */
	private requestScan(): void {
		if (this.closing || this.previewDelivered) return;
		if (this.scanning) {
			this.rescanWanted = true;
			return;
		}
		this.scanning = (async () => {
			try {
				do {
					this.rescanWanted = false;
					await this.scan();
				} while (this.rescanWanted && !this.closing);
			} catch (error) {
				// A dropped connection ends the scan here; the close handler reconnects and rescans.
				this.options.logger.warn(`IMAP scan stopped: ${describeImapError(error)}`);
			} finally {
				this.scanning = undefined;
			}
		})();
	}

	private async scan(): Promise<void> {
		const client = this.client;
		const cursor = this.cursor;
		if (!client || !cursor) return;
		const from = cursor.lastUid + 1;
		const found = await client.search(this.useKeyword ? { uid: `${from}:*`, unKeyword: HANDLED_KEYWORD } : { uid: `${from}:*` }, { uid: true });
		// `N:*` matches the last message even when its UID is below N (RFC 3501): filter.
		const uids = (found || []).filter((uid) => uid >= from).sort((a, b) => a - b);
		for (let start = 0; start < uids.length && !this.closing; start += FETCH_BATCH) {
			const batch = uids.slice(start, start + FETCH_BATCH);
			// Collect first: no other command may run on the connection while a FETCH streams.
			const messages: FetchMessageObject[] = await client.fetchAll(batch.join(','), { uid: true, source: true }, { uid: true });
			messages.sort((a, b) => a.uid - b.uid);
			const handled: number[] = [];
			try {
				for (const message of messages) {
					if (this.closing) break;
					const intake = await readExportMail(message.source ?? Buffer.alloc(0), {
						readUbl: this.options.readUbl,
						maxMessageBytes: this.options.maxMessageBytes,
					});
					if (this.options.preview || !this.options.seen.has(intake.key)) {
						await this.options.deliver(intake);
						this.options.seen.add(intake.key);
						if (this.options.preview) this.previewDelivered = true;
					} else {
						this.options.logger.debug(`IMAP: UID ${message.uid} (${intake.email.messageId}) was handled before; not started again`);
					}
					handled.push(message.uid);
				}
			} finally {
				// Also when the loop stopped half-way: what was delivered is marked and the cursor moves.
				await this.markHandled(client, handled);
			}
			if (this.options.preview && handled.length > 0) return;
		}
	}

	private async markHandled(client: ImapFlow, uids: number[]): Promise<void> {
		if (uids.length === 0 || !this.cursor) return;
		this.cursor = { ...this.cursor, lastUid: Math.max(this.cursor.lastUid, ...uids) };
		if (this.options.preview) return;
		this.options.saveCursor(this.cursor);
		const range = uids.join(',');
		const flags = [...(this.useKeyword ? [HANDLED_KEYWORD] : []), ...(this.options.afterHandling.markSeen ? ['\\Seen'] : [])];
		if (flags.length > 0) await client.messageFlagsAdd(range, flags, { uid: true });
		if (this.options.afterHandling.moveTo) await client.messageMove(range, this.options.afterHandling.moveTo, { uid: true });
	}
}
