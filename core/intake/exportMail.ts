// One e-mail → the documents it carries (one per UBL attachment), each with its UBL bytes
// unchanged and its PDF; or the reasons it carries none. Never throws for what a sender can put
// in an e-mail: an unreadable UBL becomes a rejection naming the file and the reader's message.
import { simpleParser } from 'mailparser';
import type { AddressObject, Attachment, ParsedMail } from 'mailparser';

import { messageKey } from './messageKey';
import type { EmailMeta, IntakeDocument, IntakeRejection, MailFile, MessageIntake, UblReader } from './types';
import { isUbl, looksLikeXmlName } from './ublSniff';

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function addressText(value: AddressObject | AddressObject[] | undefined): string {
	if (!value) return '';
	const list = Array.isArray(value) ? value : [value];
	return list.map((address) => address.text).join(', ');
}

export function emailMetaOf(mail: Pick<ParsedMail, 'messageId' | 'from' | 'date' | 'subject'>): EmailMeta {
	const date = mail.date instanceof Date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : '';
	return {
		messageId: (mail.messageId ?? '').trim().replace(/^<|>$/g, ''),
		from: addressText(mail.from),
		date,
		subject: mail.subject ?? '',
	};
}

function toFile(attachment: Attachment, index: number): MailFile {
	return {
		fileName: attachment.filename ?? `attachment-${index + 1}`,
		contentType: attachment.contentType || 'application/octet-stream',
		content: attachment.content,
	};
}

const baseName = (fileName: string) => fileName.replace(/\.[^.]*$/, '').toLowerCase();

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The PDF attached beside a UBL with the same base name (`2026-0001.xml` + `2026-0001.pdf`). */
function pairedPdf(ubl: MailFile, files: readonly MailFile[]): MailFile | undefined {
	const wanted = baseName(ubl.fileName);
	return files.find((file) => file !== ubl && /\.pdf$/i.test(file.fileName) && baseName(file.fileName) === wanted);
}

export interface ReadExportMailOptions {
	readUbl: UblReader;
	maxMessageBytes?: number;
}

/** Reads one raw e-mail (RFC 5322 bytes, as IMAP FETCH BODY[] gives them). */
export async function readExportMail(raw: Buffer, options: ReadExportMailOptions): Promise<MessageIntake> {
	const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
	if (raw.length > maxBytes) {
		// Not parsed at all: a huge e-mail must not cost the memory to find out what is in it.
		return {
			key: messageKey('', [], raw),
			email: { messageId: '', from: '', date: '', subject: '' },
			documents: [],
			rejections: [{ reason: `the e-mail has ${raw.length} bytes, more than the ${maxBytes} this trigger reads (option Max E-mail Size)` }],
		};
	}
	let mail: ParsedMail;
	try {
		mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
	} catch (error) {
		return {
			key: messageKey('', [], raw),
			email: { messageId: '', from: '', date: '', subject: '' },
			documents: [],
			rejections: [{ reason: `the e-mail could not be parsed: ${describeError(error)}` }],
		};
	}
	const email = emailMetaOf(mail);
	const files = mail.attachments.map(toFile);
	const ubls = files.filter((file) => looksLikeXmlName(file.fileName, file.contentType) && isUbl(file.content));

	const documents: IntakeDocument[] = [];
	const rejections: IntakeRejection[] = [];
	for (const ubl of ubls) {
		try {
			const read = options.readUbl(ubl.content);
			const attached = read.pdf ? undefined : pairedPdf(ubl, files);
			const pdf = read.pdf ?? attached;
			documents.push({
				document: read.document,
				ubl: { ...ubl, contentType: 'application/xml' },
				...(read.notCarried && read.notCarried.length > 0 ? { notCarried: read.notCarried } : {}),
				...(pdf ? { pdf, pdfSource: read.pdf ? ('embedded' as const) : ('attachment' as const) } : {}),
			});
		} catch (error) {
			rejections.push({ fileName: ubl.fileName, reason: `the UBL ${ubl.fileName} could not be read: ${describeError(error)}` });
		}
	}
	if (ubls.length === 0) {
		const names = files.map((file) => file.fileName);
		rejections.push({
			reason:
				names.length === 0
					? 'the e-mail has no attachment; a NumNum export carries the document as a UBL (.xml) file'
					: `the e-mail has no UBL attachment (an Invoice or CreditNote .xml); attachments: ${names.join(', ')}`,
		});
	}
	return { key: messageKey(email.messageId, ubls.map((file) => file.content), raw), email, documents, rejections };
}
