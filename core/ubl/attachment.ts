// The human-readable PDF, embedded as an additional supporting document (BG-24) so Yuki can show it.
import { Buffer } from 'buffer';

import type { NumNumDocument } from '../model';
import type { IssueCollector } from './issues';
import { el, leaf, type XNode } from './xml/node';

export interface PdfInput {
	filename?: string;
	content: Buffer;
	mimeType?: string;
}

export interface EmbeddedPdf {
	content: Buffer;
	/** The path problems are reported under. */
	path: string;
}

const PDF_MIME = 'application/pdf';
/** n8n and mail clients often label a PDF generically; the content check below decides then. */
const GENERIC_MIMES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-pdf']);
/** Readers accept the header within the first KiB. */
const PDF_HEADER_WINDOW = 1024;

/** The PDF to embed: the option's (n8n binary) first, else the document's own `pdf`; none when switched off. */
export function pickPdf(doc: NumNumDocument, pdf: PdfInput | null | undefined, embed: boolean, issues: IssueCollector): EmbeddedPdf | undefined {
	if (!embed || pdf === null) return undefined;
	let picked: EmbeddedPdf | undefined;
	if (pdf) {
		const mime = (pdf.mimeType ?? '').trim().toLowerCase().split(';')[0];
		if (mime !== PDF_MIME && !GENERIC_MIMES.has(mime)) {
			issues.add('pdf.mimeType', `the attachment must be a PDF (application/pdf), not ${pdf.mimeType}`);
			return undefined;
		}
		const content: unknown = pdf.content;
		if (!(content instanceof Uint8Array)) {
			issues.add('pdf', `the PDF content must be a Buffer (or Uint8Array) of the file's bytes, got ${content === null ? 'null' : typeof content}`);
			return undefined;
		}
		picked = { content: Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength), path: 'pdf' };
	} else if (doc.pdf) {
		picked = { content: Buffer.from(doc.pdf.contentBase64, 'base64'), path: 'pdf.contentBase64' };
	}
	if (!picked) return undefined;
	if (picked.content.length === 0) {
		issues.add(picked.path, 'the PDF is empty');
		return undefined;
	}
	if (picked.content.subarray(0, PDF_HEADER_WINDOW).indexOf('%PDF-') < 0) {
		issues.add(picked.path, 'this is not a PDF: no %PDF- header');
		return undefined;
	}
	return picked;
}

/** `cac:AdditionalDocumentReference` with the PDF; its id is the shared file base name (BR-52). */
export function attachmentNode(pdf: EmbeddedPdf, baseName: string, pdfFileName: string): XNode | undefined {
	return el(
		'cac:AdditionalDocumentReference',
		leaf('cbc:ID', baseName),
		el(
			'cac:Attachment',
			leaf('cbc:EmbeddedDocumentBinaryObject', pdf.content.toString('base64'), { mimeCode: PDF_MIME, filename: pdfFileName }),
		),
	);
}
