// The IMAP account as the credential describes it → imapflow's options, and a connection test.
import { ImapFlow } from 'imapflow';
import type { ImapFlowOptions } from 'imapflow';

export type ImapSecurity = 'tls' | 'starttls' | 'none';

export interface ImapSettings {
	host: string;
	port: number;
	/** `tls`: TLS from the first byte (port 993); `starttls`: plain, then STARTTLS, required (143); `none`: never encrypted. */
	security: ImapSecurity;
	user: string;
	password: string;
	/** Accept a certificate no public authority signed (a self-hosted server); the traffic is still encrypted. */
	allowSelfSigned: boolean;
}

export class ImapSettingsError extends Error {
	constructor(
		readonly field: string,
		readonly rule: string,
	) {
		super(`${field}: ${rule}`);
		this.name = 'ImapSettingsError';
	}
}

export function checkImapSettings(raw: Partial<ImapSettings>): ImapSettings {
	const host = typeof raw.host === 'string' ? raw.host.trim() : '';
	if (host === '') throw new ImapSettingsError('host', 'is required (e.g. imap.gmail.com)');
	const port = Number(raw.port);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ImapSettingsError('port', 'must be a whole number from 1 to 65535 (993 for TLS, 143 for STARTTLS)');
	const security = raw.security ?? 'tls';
	if (!['tls', 'starttls', 'none'].includes(security)) throw new ImapSettingsError('security', 'must be tls, starttls or none');
	const user = typeof raw.user === 'string' ? raw.user.trim() : '';
	if (user === '') throw new ImapSettingsError('user', 'is required (usually the full e-mail address)');
	if (typeof raw.password !== 'string' || raw.password === '') throw new ImapSettingsError('password', 'is required (for Gmail and Microsoft 365: an app password)');
	return { host, port, security, user, password: raw.password, allowSelfSigned: raw.allowSelfSigned === true };
}

/** Options for one imapflow connection; `logger: false` because the node logs through n8n. */
export function imapFlowOptions(settings: ImapSettings, extra: Partial<ImapFlowOptions> = {}): ImapFlowOptions {
	return {
		host: settings.host,
		port: settings.port,
		secure: settings.security === 'tls',
		// starttls: refuse to log in over a connection that could not be upgraded.
		doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
		auth: { user: settings.user, pass: settings.password },
		tls: { rejectUnauthorized: !settings.allowSelfSigned },
		logger: false,
		connectionTimeout: 20_000,
		greetingTimeout: 16_000,
		socketTimeout: 5 * 60_000,
		disableCompression: true,
		...extra,
	} as ImapFlowOptions;
}

export interface ImapCheck {
	ok: boolean;
	message: string;
}

function describeImapError(error: unknown): string {
	const e = error as { message?: string; responseText?: string; code?: string; authenticationFailed?: boolean };
	if (e?.authenticationFailed) {
		return `the server refused the user name or password${e.responseText ? ` (${e.responseText})` : ''}; Gmail and Microsoft 365 need an app password`;
	}
	if (e?.code === 'ECONNREFUSED') return 'nothing listens on that host and port (connection refused)';
	if (e?.code === 'ENOTFOUND') return 'the host name does not resolve';
	if (typeof e?.code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e.code)) {
		return `the server's certificate is not trusted (${e.code}); turn on Allow Self-Signed Certificate for a self-hosted server`;
	}
	return e?.responseText ?? e?.message ?? String(error);
}

export { describeImapError };

/** Logs in, opens `folder` read-only and logs out: what the trigger needs, checked once. */
export async function verifyImap(settings: ImapSettings, folder = 'INBOX'): Promise<ImapCheck> {
	const client = new ImapFlow(imapFlowOptions(settings, { disableAutoIdle: true }));
	client.on('error', () => undefined); // reported through the rejected promise below
	try {
		await client.connect();
	} catch (error) {
		return { ok: false, message: `Could not log in to ${settings.host}:${settings.port}: ${describeImapError(error)}` };
	}
	try {
		const mailbox = await client.mailboxOpen(folder, { readOnly: true });
		return { ok: true, message: `Logged in; folder ${mailbox.path} has ${mailbox.exists} e-mails` };
	} catch (error) {
		return { ok: false, message: `Logged in, but the folder "${folder}" cannot be opened: ${describeImapError(error)}` };
	} finally {
		await client.logout().catch(() => client.close());
	}
}
