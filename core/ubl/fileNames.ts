// The UBL and the PDF share one base name, because Yuki pairs separate attachments by name.
import type { NumNumDocument } from '../model';

const PREFIX: Record<NumNumDocument['type'], string> = {
	invoice: 'invoice',
	credit_note: 'credit-note',
	proforma: 'proforma',
	expense: 'expense',
	quote: 'quote',
};

const MAX_NUMBER_LENGTH = 80;

/**
 * A file-name-safe form of a document number: ASCII letters, digits, `.`, `_` and `-` only (accents
 * dropped, everything else a single `-`), so no path separator, control character or shell-special
 * character reaches a mail client or a file system. `2026/0042` → `2026-0042`, `Fäktur 7` → `Faktur-7`.
 */
export function sanitizeFileComponent(value: string): string {
	const ascii = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
	return ascii
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-.]+|[-.]+$/g, '')
		.slice(0, MAX_NUMBER_LENGTH)
		.replace(/[-.]+$/g, '');
}

export interface UblFileNames {
	base: string;
	xml: string;
	pdf: string;
}

/** `invoice-2026-0042` → `.xml` / `.pdf`; falls back to the NumNum id, then to the type alone. */
export function ublFileNames(doc: Pick<NumNumDocument, 'type' | 'number' | 'id'>): UblFileNames {
	const prefix = PREFIX[doc.type] ?? 'document';
	const number = sanitizeFileComponent(doc.number) || sanitizeFileComponent(doc.id);
	const base = number ? `${prefix}-${number}` : prefix;
	return { base, xml: `${base}.xml`, pdf: `${base}.pdf` };
}
