import type { IExecuteFunctions } from 'n8n-workflow';

import { ExportInputError } from '../../core/mail';
import { UblRulesError, validateUbl } from '../../core/validate';
import type { DocumentMeta, LoadedFiles } from '../../core/mail';

export interface FileOptions {
	ublProperty: string;
	attachPdf: boolean;
	pdfProperty: string;
	/** Refuse a UBL the official rules reject: the item fails with the findings, nothing is sent. */
	checkRules: boolean;
}

/**
 * Reads one item's attachments through n8n's binary helpers (filesystem binary mode works),
 * only when its e-mail is about to be sent, so no more than one document's files are in memory.
 */
export async function loadFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	meta: DocumentMeta,
	options: FileOptions,
): Promise<LoadedFiles> {
	const binary = context.getInputData()[itemIndex].binary ?? {};
	const ublBinary = binary[options.ublProperty];
	if (!ublBinary) {
		throw new ExportInputError(
			`no UBL: the item has no binary property '${options.ublProperty}'; put a Build UBL node before this one (or set UBL Binary Property)`,
		);
	}
	const ubl = await context.helpers.getBinaryDataBuffer(itemIndex, options.ublProperty);
	if (options.checkRules) {
		const check = await validateUbl(ubl);
		if (!check.valid) throw new ExportInputError(new UblRulesError(check).message);
	}
	const files: LoadedFiles = {
		ubl: { fileName: ublBinary.fileName ?? `${meta.number}.xml`, content: ubl, contentType: ublBinary.mimeType || 'application/xml' },
	};
	if (!options.attachPdf) return files;

	if (binary[options.pdfProperty]) {
		files.pdf = {
			fileName: 'document.pdf', // renamed after the UBL so Yuki pairs the two
			content: await context.helpers.getBinaryDataBuffer(itemIndex, options.pdfProperty),
			contentType: 'application/pdf',
		};
		return files;
	}
	const pdf = (raw as { pdf?: { contentBase64?: unknown } } | null)?.pdf;
	if (pdf && typeof pdf.contentBase64 === 'string' && pdf.contentBase64 !== '') {
		files.pdf = { fileName: 'document.pdf', content: Buffer.from(pdf.contentBase64, 'base64'), contentType: 'application/pdf' };
		return files;
	}
	throw new ExportInputError(
		`Attach PDF Separately is on but the item has no binary property '${options.pdfProperty}' and the document no pdf.contentBase64`,
	);
}
