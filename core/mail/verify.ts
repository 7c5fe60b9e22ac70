// The credential test: connect, set up TLS as configured, authenticate, and say what the server answered.
import SMTPConnection from 'nodemailer/lib/smtp-connection';

import { classifySmtpError } from './smtpErrors';
import type { SmtpFailure } from './smtpErrors';
import { transportOptions } from './transport';
import type { SmtpSettings } from './transport';

export interface VerifyResult {
	ok: boolean;
	/** One line for the user: what worked, or what failed with the server's answer. */
	message: string;
	failure?: SmtpFailure;
}

interface ConnectionInternals {
	secure?: boolean;
	lastServerResponse?: string | false;
	_socket?: { getProtocol?: () => string | null };
}

export async function verifySmtp(settings: SmtpSettings): Promise<VerifyResult> {
	const { pool: _pool, maxConnections: _mc, maxMessages: _mm, getSocket: _gs, ...options } = transportOptions(settings) as unknown as Record<string, unknown>;
	const connection = new SMTPConnection(options as SMTPConnection.Options);
	const internals = connection as unknown as ConnectionInternals;
	const where = `${settings.host}:${settings.port}`;
	try {
		await new Promise<void>((resolve, reject) => {
			connection.once('error', reject);
			connection.connect(() => resolve());
		});
		const ehlo = String(internals.lastServerResponse || '').split('\n')[0].replace(/^250[- ]/, '').trim();
		const tls = internals.secure ? (internals._socket?.getProtocol?.() ?? 'TLS') : 'no TLS';
		let auth = 'no login configured';
		if (settings.user) {
			await new Promise<void>((resolve, reject) => {
				connection.login({ user: settings.user as string, pass: settings.password ?? '' }, (error) => (error ? reject(error) : resolve()));
			});
			auth = `authenticated as ${settings.user} (${String(internals.lastServerResponse || '235').trim()})`;
		}
		return { ok: true, message: `Connected to ${where} (${tls}); server ${ehlo || 'answered'}; ${auth}` };
	} catch (error) {
		const failure = classifySmtpError(error);
		const prefix =
			failure.kind === 'auth' ? 'credentials rejected' : failure.kind === 'tls' ? 'TLS connection failed' : 'could not connect';
		return { ok: false, message: `${prefix} (${where}): ${failure.response ?? failure.message}`, failure };
	} finally {
		connection.removeAllListeners('error');
		connection.on('error', () => undefined);
		connection.quit();
		connection.close();
	}
}
