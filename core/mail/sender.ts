// Sends messages over one pooled connection, retrying transient failures with back-off.
import { Readable } from 'stream';

import type { Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

import { backoffDelay, RateLimiter, sleep as realSleep } from './backoff';
import type { Sleep } from './backoff';
import { composeMessage } from './compose';
import type { OutgoingMail } from './compose';
import { classifySmtpError } from './smtpErrors';
import type { SmtpFailure } from './smtpErrors';
import { createPooledTransport } from './transport';
import type { SmtpSettings } from './transport';

export interface SenderOptions {
	/** Attempts per message, first one included (default 3). */
	maxAttempts?: number;
	/** Pause before the second attempt; doubles each time (default 1000 ms). */
	initialBackoffMs?: number;
	maxBackoffMs?: number;
	/** Messages per second; 0 or absent = no limit. */
	ratePerSecond?: number;
	sleep?: Sleep;
	now?: () => number;
	/** For tests: a transport other than the pooled SMTP one. */
	transport?: Transporter<SMTPPool.SentMessageInfo>;
}

export interface RecipientRejection {
	recipient: string;
	response: string;
	responseCode?: number;
}

export interface SendHooks {
	/**
	 * Called once the message text has gone out, right before the final "." of DATA (after which the
	 * server may accept it at any moment): the last moment to record the intent durably. When it
	 * throws, the "." is never sent (nodemailer drops the connection mid-DATA, so the server discards
	 * the message) and the message is not retried.
	 */
	beforeFinalDot?: (recipients: readonly string[]) => Promise<void>;
}

export interface SendOutcome {
	/**
	 * `sent` only when every envelope recipient accepted the message; `uncertain` when the whole
	 * message went out (the final "." of DATA) but no answer came: it is not tried again.
	 */
	status: 'sent' | 'failed' | 'uncertain';
	accepted: string[];
	rejected: RecipientRejection[];
	/** Recipients of the message whose answer never came (status `uncertain`). */
	uncertain?: string[];
	/** Every attempt failed before a connection was made (refused, no route, no such host). */
	unreachable?: boolean;
	/** The server's answer to the last attempt (e.g. `250 2.0.0 OK queued as …`). */
	response?: string;
	attempts: number;
	/** Why it failed (the last failure), when it did. */
	failure?: SmtpFailure;
}

/** "host:port" of the SMTP server, as error texts name it. */
export const serverName = (settings: Pick<SmtpSettings, 'host' | 'port'>): string => `${settings.host}:${settings.port}`;

/** The server refused the credentials, TLS cannot be set up as configured, or the server cannot be reached: nothing will get through. */
export class FatalSmtpError extends Error {
	/** `server`: "host:port", named when the server could not be reached. */
	constructor(
		readonly failure: SmtpFailure,
		server?: string,
	) {
		super(
			failure.kind === 'auth'
				? `credentials rejected: ${failure.response ?? failure.message}`
				: failure.kind === 'unreachable'
					? `the SMTP server ${server ?? ''} cannot be reached (${failure.message}); nothing more was tried in this run`.replace('server  ', 'server ')
					: `TLS connection failed: ${failure.message}`,
		);
		this.name = 'FatalSmtpError';
	}
}

interface RejectedError {
	recipient?: string;
	response?: string;
	responseCode?: number;
	message?: string;
}

const lower = (address: string) => address.toLowerCase();

export class MailSender {
	private readonly transport: Transporter<SMTPPool.SentMessageInfo>;
	private readonly maxAttempts: number;
	private readonly initialBackoffMs: number;
	private readonly maxBackoffMs: number;
	private readonly limiter: RateLimiter;
	private readonly sleep: Sleep;
	/** Knows whether the current message's final "." went out (undefined with a test transport). */
	private readonly wire?: WireWatch;
	private closed = false;
	/** "host:port", for messages that name the server. */
	readonly server: string;

	constructor(settings: SmtpSettings, options: SenderOptions = {}) {
		this.server = serverName(settings);
		if (!options.transport) this.wire = new WireWatch();
		this.transport = options.transport ?? createPooledTransport(settings, this.wire?.logger);
		this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
		this.initialBackoffMs = Math.max(0, options.initialBackoffMs ?? 1000);
		this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
		this.sleep = options.sleep ?? realSleep;
		this.limiter = new RateLimiter(options.ratePerSecond ?? 0, options.now, this.sleep);
	}

	/**
	 * Sends `mail` to `envelopeTo` (default: its To, Cc and Bcc). A recipient the server
	 * refuses for now (4xx) is retried alone on the next attempt, so those who accepted
	 * never get the message twice; one refused for good (5xx) is reported and not retried.
	 */
	async send(mail: OutgoingMail, envelopeTo: readonly string[], mime?: Promise<Buffer>, hooks: SendHooks = {}): Promise<SendOutcome> {
		const accepted: string[] = [];
		const rejected: RecipientRejection[] = [];
		let pending = [...envelopeTo];
		let response: string | undefined;
		let failure: SmtpFailure | undefined;
		let attempts = 0;
		let unreachable = true;

		// The MIME text once per e-mail, in one buffer: the same bytes on every attempt, and written to
		// the socket in a few large writes instead of one per encoded line (Nagle is off).
		const raw = await (mime ?? this.build(mail));
		const envelopeFrom = mail.from.address;

		while (pending.length > 0 && attempts < this.maxAttempts) {
			attempts++;
			if (attempts > 1) await this.sleep(backoffDelay(attempts, this.initialBackoffMs, this.maxBackoffMs));
			await this.limiter.take();
			this.wire?.startMessage();
			const gate = hooks.beforeFinalDot ? gatedMessage(raw, pending, hooks.beforeFinalDot) : undefined;
			try {
				const info = await this.transport.sendMail({ envelope: { from: envelopeFrom, to: [...pending] }, raw: gate?.stream ?? raw });
				unreachable = false;
				response = info.response;
				const acceptedNow = new Set(((info.accepted ?? []) as Array<string | { address: string }>).map((a) => lower(typeof a === 'string' ? a : a.address)));
				const refusedNow = (info as { rejectedErrors?: RejectedError[] }).rejectedErrors ?? [];
				accepted.push(...pending.filter((address) => acceptedNow.has(lower(address))));
				pending = pending.filter((address) => !acceptedNow.has(lower(address)));
				failure = undefined;
				pending = this.sortRejections(pending, refusedNow, rejected, (f) => (failure = f));
			} catch (error) {
				if (gate?.failure !== undefined) {
					// The intent could not be recorded: the "." was never sent, nothing was delivered.
					const message = gate.failure instanceof Error ? gate.failure.message : String(gate.failure);
					failure = { kind: 'transient', message: `not sent: ${message}` };
					unreachable = false;
					break;
				}
				const classified = classifySmtpError(error);
				if (classified.kind === 'auth' || classified.kind === 'tls') throw new FatalSmtpError(classified);
				unreachable &&= isUnreachable(classified);
				failure = classified;
				if (this.wire?.messageWentOut() && classified.responseCode === undefined) {
					// The server got all of it and may have accepted it: sending again could deliver it twice.
					return { status: 'uncertain', accepted, rejected, uncertain: pending, attempts, failure, ...(response ? { response: oneLine(response) } : {}) };
				}
				response = classified.response ?? response;
				const refused = (error as { rejectedErrors?: RejectedError[] }).rejectedErrors;
				if (refused && refused.length > 0) {
					pending = this.sortRejections(pending, refused, rejected, (f) => (failure = f));
				} else if (classified.kind === 'permanent') {
					for (const recipient of pending) rejected.push(rejection(recipient, classified));
					pending = [];
				}
			}
		}
		for (const recipient of pending) rejected.push(rejection(recipient, failure));
		const status = rejected.length === 0 && accepted.length > 0 ? 'sent' : 'failed';
		return {
			status,
			accepted,
			rejected,
			...(response ? { response: oneLine(response) } : {}),
			attempts,
			...(status === 'failed' && failure ? { failure } : {}),
			...(status === 'failed' && unreachable && attempts > 0 && accepted.length === 0 && failure ? { unreachable: true } : {}),
		};
	}

	/** The e-mail's MIME text (what `send` puts on the wire), to build ahead of sending. */
	async build(mail: OutgoingMail): Promise<Buffer> {
		return await new MailComposer(composeMessage(mail)).compile().build();
	}

	/** Moves permanently refused recipients to `rejected`; returns those to try again. */
	private sortRejections(
		pending: string[],
		refused: RejectedError[],
		rejected: RecipientRejection[],
		setFailure: (failure: SmtpFailure) => void,
	): string[] {
		const byRecipient = new Map(refused.filter((r) => r.recipient).map((r) => [lower(r.recipient as string), r]));
		const stillPending: string[] = [];
		for (const recipient of pending) {
			const refusal = byRecipient.get(lower(recipient));
			if (!refusal) {
				stillPending.push(recipient);
				continue;
			}
			const classified = classifySmtpError(refusal);
			setFailure(classified);
			if (classified.kind === 'transient') stillPending.push(recipient);
			else rejected.push(rejection(recipient, classified));
		}
		return stillPending;
	}


	/** Closes the pooled connection (QUIT). Safe to call more than once. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.transport.close();
	}
}

/** Connection-level failures that say the server cannot be reached at all (not: it greeted, then failed). */
const UNREACHABLE = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|getaddrinfo/;

function isUnreachable(failure: SmtpFailure): boolean {
	return failure.responseCode === undefined && (failure.code === 'EDNS' || UNREACHABLE.test(failure.message));
}

/**
 * Watches nodemailer's log for the end of a message's DATA (the final "." handed to the socket):
 * an error without a server answer after that point leaves the outcome unknown. One connection at a
 * time (the pool has one), one message at a time (send() awaits each), so one flag suffices.
 */
class WireWatch {
	private wentOut = false;

	readonly logger = {
		level: () => undefined,
		trace: () => undefined,
		debug: () => undefined,
		info: (entry: { tnx?: string; outByteCount?: number } | undefined) => {
			if (entry?.tnx === 'message' && entry.outByteCount !== undefined) this.wentOut = true;
		},
		warn: () => undefined,
		error: () => undefined,
		fatal: () => undefined,
	};

	startMessage(): void {
		this.wentOut = false;
	}

	messageWentOut(): boolean {
		return this.wentOut;
	}
}

/**
 * The message text as a stream that ends (and so lets nodemailer write the final ".") only after
 * `before` resolved. When `before` fails the stream errors instead: nodemailer then closes the
 * connection in the middle of DATA and the server discards what it got.
 */
function gatedMessage(raw: Buffer, recipients: readonly string[], before: (recipients: readonly string[]) => Promise<void>) {
	const gate: { stream: Readable; failure?: unknown } = { stream: new Readable({ read }) };
	let stage: 'body' | 'waiting' | 'done' = 'body';
	function read(this: Readable): void {
		if (stage === 'body') {
			stage = 'waiting';
			this.push(raw);
			return;
		}
		if (stage !== 'waiting') return;
		stage = 'done';
		before([...recipients]).then(
			() => this.push(null),
			(error: unknown) => {
				gate.failure = error ?? new Error('the intent to send was not recorded');
				this.destroy(error instanceof Error ? error : new Error(String(error)));
			},
		);
	}
	return gate;
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

function rejection(recipient: string, failure: SmtpFailure | undefined): RecipientRejection {
	return {
		recipient,
		response: oneLine(failure?.response ?? failure?.message ?? 'not delivered'),
		...(failure?.responseCode ? { responseCode: failure.responseCode } : {}),
	};
}
