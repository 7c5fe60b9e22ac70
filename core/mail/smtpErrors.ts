// What a failed SMTP attempt means for the next step: retry, give up on this message, or stop the run.

export type SmtpFailureKind =
	/** Refused, reset, timed out, 421, other 4xx: try again after a pause. */
	| 'transient'
	/** 5xx, a recipient rejected: the same message will fail the same way. */
	| 'permanent'
	/** The server rejected the credentials: every message would fail, stop the run. */
	| 'auth'
	/** TLS cannot be set up as configured (certificate not trusted, no STARTTLS…): stop the run. */
	| 'tls'
	/** Every attempt failed before a connection was made (refused, no route, no such host): stop the run. Set by the sender. */
	| 'unreachable';

export interface SmtpFailure {
	kind: SmtpFailureKind;
	/** One line for the user, with the server's answer when there was one. */
	message: string;
	code?: string;
	responseCode?: number;
	response?: string;
}

interface ErrorLike {
	message?: string;
	code?: string;
	errno?: number | string;
	responseCode?: number;
	response?: string;
	command?: string;
}

const TRANSIENT_NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|socket hang up|closed unexpectedly|Unexpected socket close|connection was closed|timeout/i;
const TLS_SETUP =
	/certificate|self[- ]signed|unable to verify|unable to get local issuer|CERT_|wrong version number|unsupported protocol|no shared cipher|alert handshake failure|STARTTLS|ERR_SSL/i;

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

export function classifySmtpError(error: unknown): SmtpFailure {
	const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
	const message = oneLine(e.message ?? String(error));
	const base = {
		message,
		...(e.code ? { code: e.code } : {}),
		...(e.responseCode ? { responseCode: e.responseCode } : {}),
		...(e.response ? { response: oneLine(e.response) } : {}),
	};
	const code = e.code ?? '';

	if (code === 'EAUTH' || code === 'ENOAUTH' || e.responseCode === 535 || e.responseCode === 534) {
		return { ...base, kind: 'auth' };
	}
	if (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) return { ...base, kind: 'transient' };
	if (e.responseCode !== undefined && e.responseCode >= 500) return { ...base, kind: 'permanent' };
	// Certificate and protocol problems stay the same on every attempt; a reset during the handshake does not.
	if ((code === 'ETLS' || code === 'ESOCKET' || code === 'ECONNECTION') && TLS_SETUP.test(message) && !/ECONNRESET|socket disconnected/i.test(message)) {
		return { ...base, kind: 'tls' };
	}
	if (['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROTOCOL'].includes(code) || TRANSIENT_NETWORK.test(message)) {
		return { ...base, kind: 'transient' };
	}
	if (['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'ESTREAM', 'EFILEACCESS', 'EURLACCESS'].includes(code)) {
		return { ...base, kind: 'permanent' };
	}
	// Unknown: retrying a bounded number of times is safer than losing the document.
	return { ...base, kind: 'transient' };
}
