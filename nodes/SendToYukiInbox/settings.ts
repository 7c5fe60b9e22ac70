import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import type { ExportSettings } from '../../core/export';
import { parseRecipients } from '../../core/mail';
import type { SenderOptions, SmtpSettings, StartTlsMode } from '../../core/mail';

export interface SendOptions {
	attachPdf?: boolean;
	bcc?: string;
	bodyTemplate?: string;
	cc?: string;
	ineligible?: 'skip' | 'fail';
	initialBackoffMs?: number;
	maxAttempts?: number;
	pdfBinaryPropertyName?: string;
	rateLimit?: number;
	replyTo?: string;
	resend?: boolean;
	subjectTemplate?: string;
	timeoutMs?: number;
}

export function smtpSettingsFrom(credentials: ICredentialDataDecryptedObject, timeoutMs?: number): SmtpSettings {
	const startTls = (credentials.startTls as StartTlsMode | undefined) ?? 'whenOffered';
	return {
		host: String(credentials.host ?? '').trim(),
		port: Number(credentials.port ?? 587),
		secure: credentials.secure === true,
		startTls,
		...(credentials.user ? { user: String(credentials.user) } : {}),
		...(credentials.password ? { password: String(credentials.password) } : {}),
		...(credentials.hostName ? { clientHostName: String(credentials.hostName) } : {}),
		allowUnauthorizedCerts: credentials.allowSelfSigned === true,
		...(timeoutMs ? { timeoutMs } : {}),
	};
}

/** The e-mail settings of one item (parameters may be expressions). Throws RecipientError naming the field. */
export function exportSettingsFor(context: IExecuteFunctions, itemIndex: number): ExportSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as SendOptions;
	const fromEmail = String(context.getNodeParameter('fromEmail', itemIndex, '')).trim();
	const from = parseRecipients(fromEmail, 'From Email');
	if (from.length !== 1) throw new Error('From Email: exactly one sender address is required');
	const fromName = String(context.getNodeParameter('fromName', itemIndex, '')).trim();
	return {
		from: { ...(fromName ? { name: fromName } : {}), address: from[0] },
		to: parseRecipients(context.getNodeParameter('to', itemIndex, '') as string, 'To'),
		cc: parseRecipients(options.cc, 'CC'),
		bcc: parseRecipients(options.bcc, 'BCC'),
		replyTo: parseRecipients(options.replyTo, 'Reply-To'),
		...(options.subjectTemplate ? { subjectTemplate: options.subjectTemplate } : {}),
		...(options.bodyTemplate ? { bodyTemplate: options.bodyTemplate } : {}),
		ineligible: options.ineligible === 'fail' ? 'fail' : 'skip',
		resend: options.resend === true,
	};
}

/** Retry and pacing of the run (from the first item's options: one connection for the whole run). */
export function senderOptionsFrom(options: SendOptions): SenderOptions {
	return {
		maxAttempts: options.maxAttempts ?? 3,
		initialBackoffMs: options.initialBackoffMs ?? 1000,
		ratePerSecond: options.rateLimit ?? 0,
	};
}
