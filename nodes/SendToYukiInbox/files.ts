import type { IExecuteFunctions } from 'n8n-workflow';

import { ExportInputError } from '../../core/export';
import type { DocumentMeta, LoadedFiles } from '../../core/export';
import { documentPdfBase64, pdfOrigin } from '../shared/pdfInput';

export interface FileOptions {
	ublProperty: string;
	attachPdf: boolean;
	pdfProperty: string;
}

/**
 * Reads one item's attachments through n8n's binary helpers (filesystem binary mode works),
 * only when its e-mail is about to be sent, so no more than two documents' files are in memory.
 */
export async function loadFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	meta: DocumentMeta,
	options: FileOptions,
): Promise<LoadedFiles> {
	const item = context.getInputData()[itemIndex];
	const ublBinary = item.binary?.[options.ublProperty];
	if (!ublBinary) {
		throw new ExportInputError(
			`no UBL: the item has no binary property '${options.ublProperty}'; put a Build UBL node before this one (or set UBL Binary Property)`,
		);
	}
	const files: LoadedFiles = {
		ubl: {
			fileName: ublBinary.fileName ?? `${meta.number}.xml`,
			content: await context.helpers.getBinaryDataBuffer(itemIndex, options.ublProperty),
			contentType: ublBinary.mimeType || 'application/xml',
		},
	};
	if (!options.attachPdf) return files;

	// Renamed after the UBL when the e-mail is composed, so Yuki pairs the two.
	switch (pdfOrigin(item, options.pdfProperty, raw)) {
		case 'binary':
			files.pdf = { fileName: 'document.pdf', content: await context.helpers.getBinaryDataBuffer(itemIndex, options.pdfProperty), contentType: 'application/pdf' };
			return files;
		case 'document':
			files.pdf = { fileName: 'document.pdf', content: Buffer.from(documentPdfBase64(raw) as string, 'base64'), contentType: 'application/pdf' };
			return files;
		default:
			throw new ExportInputError(
				`Attach PDF Separately is on but the item has no binary property '${options.pdfProperty}' and the document no pdf.contentBase64`,
			);
	}
}
