// NumNum-style export e-mails and a way to drop them into a real IMAP folder (Dovecot from
// scripts/dovecot.ts). Used by the intake integration tests, the mailbox e2e tests, the bench
// and the demo.
//
//   const raw = await exportEmail({ documents: [numberedInvoice(1)] });
//   await dropMails(imap, [raw]);
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';

import { parseDocument } from '../../core/document';
import type { NumNumDocument } from '../../core/document';
import { buildUbl } from '../../core/ubl';
import { startDovecot, type DovecotServer, type StartDovecotOptions } from '../../scripts/dovecot';
import { exampleDocument, type ExampleDocumentName } from './numnumEvents';

export { startDovecot, type DovecotServer, type StartDovecotOptions };

export interface ExportAttachment {
	fileName: string;
	content: Buffer;
	contentType?: string;
}

export interface ExportEmailOptions {
	/** One UBL each (built by our Build UBL core, PDF embedded); several = an export without "separate e-mails". */
	documents?: NumNumDocument[];
	/** Attachments beside (or instead of) the UBL files. */
	attachments?: ExportAttachment[];
	messageId?: string;
	from?: string;
	to?: string;
	subject?: string;
	date?: Date;
	/** Left out of the UBL, attached separately with the UBL's base name instead. */
	pdfBeside?: boolean;
}

let counter = 0;

/** An example document with its own id and number, so each e-mail of a batch is a new document. */
export function numberedDocument(n: number, name: ExampleDocumentName = 'invoice'): NumNumDocument {
	const base = exampleDocument(name);
	return parseDocument({ ...base, id: `doc_mailbox_${name}_${n}`, number: `2026-M${String(n).padStart(4, '0')}` });
}

export function ublOf(document: NumNumDocument, embedPdf = true): { fileName: string; content: Buffer } {
	const built = buildUbl(document, { embedPdf });
	return { fileName: built.fileName, content: Buffer.from(built.xml, 'utf8') };
}

/** The raw RFC 5322 bytes of an export e-mail as NumNum sends it: text body, UBL per document. */
export async function exportEmail(options: ExportEmailOptions = {}): Promise<Buffer> {
	counter++;
	const documents = options.documents ?? [];
	const attachments: ExportAttachment[] = [];
	for (const document of documents) {
		const ubl = ublOf(document, !options.pdfBeside);
		attachments.push({ ...ubl, contentType: 'application/xml' });
		if (options.pdfBeside && document.pdf) {
			attachments.push({
				fileName: ubl.fileName.replace(/\.xml$/i, '.pdf'),
				content: Buffer.from(document.pdf.contentBase64, 'base64'),
				contentType: 'application/pdf',
			});
		}
	}
	attachments.push(...(options.attachments ?? []));
	const composer = new MailComposer({
		from: options.from ?? 'NumNum <noreply@numnum.test>',
		to: options.to ?? 'exports@mycompany.test',
		subject: options.subject ?? `Export ${documents.map((d) => d.number).join(', ') || 'without documents'}`,
		date: options.date ?? new Date(),
		messageId: options.messageId ?? `<export-${process.pid}-${Date.now()}-${counter}@numnum.test>`,
		text: 'In bijlage de documenten voor uw boekhouding.',
		attachments: attachments.map((a) => ({ filename: a.fileName, content: a.content, contentType: a.contentType })),
	});
	return await composer.compile().build();
}

export function imapClient(server: DovecotServer, user = server.users[0]): ImapFlow {
	const client = new ImapFlow({
		host: server.host,
		port: server.port,
		secure: false,
		auth: { user: user.user, pass: user.password },
		tls: { rejectUnauthorized: false },
		logger: false,
		disableAutoIdle: true,
	});
	client.on('error', () => undefined);
	return client;
}

/** APPENDs the e-mails to the folder (as a delivery would), in order, over one connection. */
export async function dropMails(server: DovecotServer, mails: Buffer[], folder = 'INBOX'): Promise<void> {
	const client = imapClient(server);
	await client.connect();
	try {
		for (const mail of mails) await client.append(folder, mail);
	} finally {
		await client.logout().catch(() => client.close());
	}
}

export interface FolderMessage {
	uid: number;
	flags: string[];
	messageId: string;
}

/** What a folder holds now: UID, flags and Message-ID of every e-mail. */
export async function folderState(server: DovecotServer, folder = 'INBOX'): Promise<FolderMessage[]> {
	const client = imapClient(server);
	await client.connect();
	try {
		const mailbox = await client.mailboxOpen(folder, { readOnly: true });
		if (mailbox.exists === 0) return [];
		const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
		return messages.map((m) => ({ uid: m.uid, flags: [...(m.flags ?? [])], messageId: m.envelope?.messageId ?? '' }));
	} finally {
		await client.logout().catch(() => client.close());
	}
}
