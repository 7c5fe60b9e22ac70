import type { INodeExecutionData } from 'n8n-workflow';

/**
 * Where an item's PDF comes from, decided here for every node: the item's binary property wins over
 * the document's own `pdf.contentBase64`; undefined when it has neither.
 */
export function pdfOrigin(item: INodeExecutionData, binaryProperty: string, raw: unknown): 'binary' | 'document' | undefined {
	if (item.binary?.[binaryProperty]) return 'binary';
	return documentPdfBase64(raw) !== undefined ? 'document' : undefined;
}

/** The document's own PDF (`pdf.contentBase64`), when it carries a non-empty one. */
export function documentPdfBase64(raw: unknown): string | undefined {
	const pdf = (raw as { pdf?: { contentBase64?: unknown } } | null | undefined)?.pdf;
	return pdf && typeof pdf.contentBase64 === 'string' && pdf.contentBase64 !== '' ? pdf.contentBase64 : undefined;
}
