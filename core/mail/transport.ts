// SMTP settings → one pooled nodemailer transport (one connection, reused for the whole run).
import { connect as netConnect, isIP } from 'net';
import type { Socket } from 'net';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export type StartTlsMode = 'required' | 'whenOffered' | 'never';

export interface SmtpSettings {
	host: string;
	port: number;
	/** Implicit TLS from the first byte (usually port 465). */
	secure: boolean;
	/** Upgrade a plain connection with STARTTLS: insist, use it when offered, or never. */
	startTls: StartTlsMode;
	user?: string;
	password?: string;
	/** The name this client gives in EHLO; the machine's host name when empty. */
	clientHostName?: string;
	/** Accept self-signed or otherwise untrusted server certificates. */
	allowUnauthorizedCerts?: boolean;
	/** Connect, greeting and idle time-out in ms (default 30 s). */
	timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

type SocketCallback = (error: Error | null, socketOptions?: { connection: Socket } | false) => void;

/**
 * Opens the TCP connection with Nagle's algorithm off: SMTP is a request/response protocol and
 * with Nagle on, the short final `.` of each message waits for a delayed ACK (~40 ms a message).
 * When this connect fails, nodemailer is left to connect by itself so that it reports the
 * failure with its usual error codes (and its pool is not left waiting on a broken slot).
 */
function connectWithoutNagle(timeoutMs: number) {
	return (options: { host?: string; port?: number }, callback: SocketCallback): void => {
		const socket = netConnect({ host: options.host ?? 'localhost', port: options.port ?? 25, noDelay: true });
		let settled = false;
		const fallBack = () => {
			if (settled) return;
			settled = true;
			socket.destroy();
			callback(null, false);
		};
		socket.setTimeout(timeoutMs, fallBack);
		socket.once('error', fallBack);
		socket.once('connect', () => {
			if (settled) return;
			settled = true;
			socket.setTimeout(0);
			socket.removeListener('error', fallBack);
			socket.setNoDelay(true);
			callback(null, { connection: socket });
		});
	};
}

export function transportOptions(settings: SmtpSettings): SMTPPool.Options {
	const timeout = settings.timeoutMs && settings.timeoutMs > 0 ? settings.timeoutMs : DEFAULT_TIMEOUT_MS;
	const options: SMTPPool.Options & { getSocket?: unknown; maxRequeues?: number } = {
		pool: true,
		// One connection for the whole run, reused for every message.
		maxConnections: 1,
		maxMessages: Infinity,
		// The sender retries by itself, with back-off and a limit; the pool's own re-queue would
		// resend behind its back after a dropped connection, without limit.
		maxRequeues: 0,
		host: settings.host,
		port: settings.port,
		secure: settings.secure,
		requireTLS: !settings.secure && settings.startTls === 'required',
		ignoreTLS: !settings.secure && settings.startTls === 'never',
		tls: {
			rejectUnauthorized: settings.allowUnauthorizedCerts !== true,
			// SNI needs a host name; an IP address there is ignored (and warned about) by Node.
			...(isIP(settings.host) === 0 ? { servername: settings.host } : {}),
		},
		connectionTimeout: timeout,
		greetingTimeout: timeout,
		socketTimeout: timeout,
		dnsTimeout: timeout,
		disableFileAccess: true,
		disableUrlAccess: true,
		getSocket: connectWithoutNagle(timeout),
	};
	if (settings.clientHostName && settings.clientHostName.trim() !== '') options.name = settings.clientHostName.trim();
	if (settings.user) options.auth = { user: settings.user, pass: settings.password ?? '' };
	return options;
}

/** `logger`: a bunyan-like logger nodemailer reports its steps to (the sender watches DATA's end). */
export function createPooledTransport(settings: SmtpSettings, logger?: SMTPPool.Options['logger']): Transporter<SMTPPool.SentMessageInfo> {
	return createTransport({ ...transportOptions(settings), ...(logger ? { logger } : {}) });
}
