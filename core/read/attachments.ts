// Embedded files (cac:AdditionalDocumentReference/cac:Attachment): the PDF, and any others. External
// references (cac:ExternalReference/cbc:URI) are never fetched: they stay in notCarried.
import { child, childrenOf, take, takeAttr, type El, type ReadContext } from './tree';
import type { ReadAttachment } from './types';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PDF_MIME = 'application/pdf';

export interface Embedded {
	pdf?: ReadAttachment;
	attachments: ReadAttachment[];
}

function embeddedOf(ctx: ReadContext, reference: El, fallbackName: string): ReadAttachment | undefined {
	const object = child(child(reference, 'cac:Attachment'), 'cbc:EmbeddedDocumentBinaryObject');
	if (!object) return undefined;
	const raw = object.text;
	const content = /\s/.test(raw) ? raw.replace(/\s+/g, '') : raw;
	if (content.length === 0 || content.length % 4 !== 0 || !BASE64.test(content)) {
		ctx.aside(object, 'the embedded file is not valid base64');
		return undefined;
	}
	object.used = true;
	const bytes = Buffer.from(content, 'base64');
	const id = take(child(reference, 'cbc:ID'));
	const description = take(child(reference, 'cbc:DocumentDescription'));
	const mimeType = takeAttr(object, 'mimeCode') ?? 'application/octet-stream';
	const fileName = takeAttr(object, 'filename') ?? `${id ?? fallbackName}${mimeType === PDF_MIME ? '.pdf' : ''}`;
	return { fileName, mimeType, bytes, ...(id ? { id } : {}), ...(description ? { description } : {}) };
}

const isPdf = (file: ReadAttachment) =>
	file.mimeType.toLowerCase() === PDF_MIME || (/\.pdf$/i.test(file.fileName) && file.bytes.subarray(0, 1024).indexOf('%PDF-') >= 0);

export function embeddedFilesOf(ctx: ReadContext, root: El, number: string): Embedded {
	const result: Embedded = { attachments: [] };
	childrenOf(root, 'cac:AdditionalDocumentReference').forEach((reference, i) => {
		const file = embeddedOf(ctx, reference, `${number}-${i + 1}`);
		if (!file) return;
		if (!result.pdf && isPdf(file)) result.pdf = file;
		else result.attachments.push(file);
	});
	return result;
}

