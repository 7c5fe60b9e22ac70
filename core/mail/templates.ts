// Subject and body of the e-mail to the accountant, in the document's language unless overridden.
import type { DocumentType, Language } from '../model';
import { headerSafe } from './safeText';

export const TYPE_LABELS: Record<Language, Record<DocumentType, string>> = {
	nl: { invoice: 'Factuur', credit_note: 'Creditnota', proforma: 'Pro-formafactuur', expense: 'Aankoopfactuur', quote: 'Offerte' },
	fr: { invoice: 'Facture', credit_note: 'Note de crédit', proforma: 'Facture pro forma', expense: "Facture d'achat", quote: 'Devis' },
	en: { invoice: 'Invoice', credit_note: 'Credit note', proforma: 'Pro forma invoice', expense: 'Purchase invoice', quote: 'Quote' },
	de: { invoice: 'Rechnung', credit_note: 'Gutschrift', proforma: 'Proformarechnung', expense: 'Eingangsrechnung', quote: 'Angebot' },
};

export const DEFAULT_SUBJECT = '{{type}} {{number}} – {{seller}}';

export const DEFAULT_BODIES: Record<Language, string> = {
	nl: [
		'Beste,',
		'',
		'In bijlage: {{type}} {{number}} van {{date}}, {{seller}} aan {{buyer}}, als UBL e-factuur (Peppol BIS 3.0).',
		'',
		'Dit bericht werd automatisch verzonden.',
	].join('\n'),
	fr: [
		'Bonjour,',
		'',
		'Veuillez trouver ci-joint : {{type}} {{number}} du {{date}}, {{seller}} à {{buyer}}, en facture électronique UBL (Peppol BIS 3.0).',
		'',
		'Ce message a été envoyé automatiquement.',
	].join('\n'),
	en: [
		'Hello,',
		'',
		'Attached: {{type}} {{number}} of {{date}}, {{seller}} to {{buyer}}, as a UBL e-invoice (Peppol BIS 3.0).',
		'',
		'This message was sent automatically.',
	].join('\n'),
	de: [
		'Guten Tag,',
		'',
		'Anbei: {{type}} {{number}} vom {{date}}, {{seller}} an {{buyer}}, als UBL-E-Rechnung (Peppol BIS 3.0).',
		'',
		'Diese Nachricht wurde automatisch versendet.',
	].join('\n'),
};

/** What a template may refer to: the export's document fields, its status aside. */
export interface TemplateValues {
	id: string;
	type: DocumentType;
	number: string;
	language: Language;
	seller: string;
	buyer: string;
	/** ISO `YYYY-MM-DD`; shown in the language's usual format. */
	issueDate?: string;
	dueDate?: string;
	currency?: string;
	/** Amount payable as text, e.g. `1234.50`. */
	total?: string;
}

export const PLACEHOLDERS = ['type', 'number', 'seller', 'buyer', 'date', 'dueDate', 'id', 'currency', 'total', 'language'] as const;

/** A template names a placeholder that does not exist: a configuration error. */
export class TemplateError extends Error {
	constructor(
		readonly field: string,
		readonly placeholder: string,
	) {
		super(`${field}: unknown placeholder {{${placeholder}}}; use one of ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}`);
		this.name = 'TemplateError';
	}
}

/** 2026-11-20 → 20-11-2026 (nl), 20/11/2026 (fr), 20.11.2026 (de), 2026-11-20 (en). */
export function formatDate(iso: string | undefined, language: Language): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
	if (!match) return iso ?? '';
	const [, year, month, day] = match;
	if (language === 'nl') return `${day}-${month}-${year}`;
	if (language === 'fr') return `${day}/${month}/${year}`;
	if (language === 'de') return `${day}.${month}.${year}`;
	return `${year}-${month}-${day}`;
}

function placeholderValues(values: TemplateValues): Record<(typeof PLACEHOLDERS)[number], string> {
	return {
		type: TYPE_LABELS[values.language][values.type],
		number: values.number,
		seller: values.seller,
		buyer: values.buyer,
		date: formatDate(values.issueDate, values.language),
		dueDate: formatDate(values.dueDate, values.language),
		id: values.id,
		currency: values.currency ?? '',
		total: values.total ?? '',
		language: values.language,
	};
}

/** Replaces `{{name}}` (spaces inside the braces allowed); an unknown name throws TemplateError. */
export function renderTemplate(template: string, values: TemplateValues, field = 'template'): string {
	const known = placeholderValues(values) as Record<string, string>;
	return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, name: string) => {
		if (!Object.prototype.hasOwnProperty.call(known, name)) throw new TemplateError(field, name);
		return known[name];
	});
}

/** Checks a template's placeholders without rendering it (so a bad template fails before any e-mail). */
export function checkTemplate(template: string, field: string): void {
	for (const match of template.matchAll(/\{\{\s*([A-Za-z]+)\s*\}\}/g)) {
		if (!(PLACEHOLDERS as readonly string[]).includes(match[1])) throw new TemplateError(field, match[1]);
	}
}

/** The subject line: rendered, then made header-safe (nothing from a document can add a header). */
export function renderSubject(values: TemplateValues, template?: string): string {
	const chosen = template && template.trim() !== '' ? template : DEFAULT_SUBJECT;
	return headerSafe(renderTemplate(chosen, values, 'Subject Template'), 250);
}

/** The plain-text body; CR/LF are fine here, nodemailer encodes the body. */
export function renderBody(values: TemplateValues, template?: string): string {
	const chosen = template && template.trim() !== '' ? template : DEFAULT_BODIES[values.language];
	return renderTemplate(chosen, values, 'Body Template');
}
