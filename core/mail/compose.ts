// One e-mail per document: the UBL attached (required), the PDF beside it when asked.
import type Mail from 'nodemailer/lib/mailer';

import { baseName, fileNameSafe, headerSafe } from './safeText';

export interface MailAttachment {
	fileName: string;
	content: Buffer;
	contentType?: string;
}

export interface OutgoingMail {
	messageId: string;
	from: { name?: string; address: string };
	to: string[];
	cc?: string[];
	bcc?: string[];
	replyTo?: string[];
	subject: string;
	text: string;
	ubl: MailAttachment;
	pdf?: MailAttachment;
	/** Extra headers for traceability, values made header-safe. */
	headers?: Record<string, string>;
}

/** The UBL file name, made safe and ending in `.xml`. */
export function ublFileName(proposed: string | undefined, fallback: string): string {
	const safe = fileNameSafe(proposed && proposed.trim() !== '' ? proposed : fallback, 'document.xml');
	return /\.xml$/i.test(safe) ? safe : `${baseName(safe)}.xml`;
}

/** The PDF gets the UBL's base name so Yuki pairs the two files. */
export function pdfFileNameFor(ublName: string): string {
	return `${baseName(ublName)}.pdf`;
}

/** The nodemailer message (the sender sets the envelope: the recipients still to deliver to). */
export function composeMessage(mail: OutgoingMail): Mail.Options {
	const attachments: Mail.Attachment[] = [
		{ filename: mail.ubl.fileName, content: mail.ubl.content, contentType: mail.ubl.contentType ?? 'application/xml' },
	];
	if (mail.pdf) {
		attachments.push({ filename: mail.pdf.fileName, content: mail.pdf.content, contentType: mail.pdf.contentType ?? 'application/pdf' });
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(mail.headers ?? {})) headers[name] = headerSafe(value, 200);
	return {
		messageId: mail.messageId,
		from: mail.from.name ? { name: headerSafe(mail.from.name, 120), address: mail.from.address } : mail.from.address,
		to: mail.to,
		...(mail.cc && mail.cc.length ? { cc: mail.cc } : {}),
		...(mail.bcc && mail.bcc.length ? { bcc: mail.bcc } : {}),
		...(mail.replyTo && mail.replyTo.length ? { replyTo: mail.replyTo } : {}),
		subject: headerSafe(mail.subject, 250),
		text: mail.text,
		attachments,
		headers,
	};
}

/** Every envelope recipient of a mail: To, Cc and Bcc. */
export function allRecipients(mail: Pick<OutgoingMail, 'to' | 'cc' | 'bcc'>): string[] {
	const seen = new Set<string>();
	const result: string[] = [];
	for (const address of [...mail.to, ...(mail.cc ?? []), ...(mail.bcc ?? [])]) {
		if (seen.has(address.toLowerCase())) continue;
		seen.add(address.toLowerCase());
		result.push(address);
	}
	return result;
}
