// The few fields of a NumNum document (or of Build UBL's summary of one) that an export needs.
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, LANGUAGES } from '../model';
import type { TemplateValues } from '../mail';
import type { DocumentStatus } from '../model';

/** The template fields (e-mail subject and body) plus the status eligibility looks at. */
export interface DocumentMeta extends TemplateValues {
	status: DocumentStatus;
}

/** A required field is missing or wrong; `field` names it, `rule` says what it must be. */
export class DocumentMetaError extends Error {
	constructor(
		readonly field: string,
		readonly rule: string,
	) {
		super(`${field}: ${rule}`);
		this.name = 'DocumentMetaError';
	}
}

type Raw = Record<string, unknown>;

function text(raw: Raw, field: string, max: number): string {
	const value = raw[field];
	if (typeof value === 'number' && field === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') throw new DocumentMetaError(field, 'is required (a non-empty string)');
	if (value.length > max) throw new DocumentMetaError(field, `is longer than ${max} characters`);
	return value.trim();
}

function oneOf<T extends string>(raw: Raw, field: string, allowed: readonly T[], fallback?: T): T {
	const value = raw[field];
	if ((value === undefined || value === null || value === '') && fallback) return fallback;
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw new DocumentMetaError(field, `must be one of ${allowed.join(', ')}${value === undefined ? ' (missing)' : ` (got ${JSON.stringify(value)})`}`);
	}
	return value as T;
}

function partyName(raw: Raw, field: 'seller' | 'buyer'): string {
	const party = raw[field];
	if (typeof party === 'string' && party.trim() !== '') return party.trim();
	const name = party && typeof party === 'object' ? (party as Raw).name : undefined;
	if (typeof name !== 'string' || name.trim() === '') throw new DocumentMetaError(`${field}.name`, 'is required');
	return name.trim();
}

function optionalText(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value && typeof value === 'object' && typeof (value as { toString?: unknown }).toString === 'function') {
		const rendered = String(value);
		return rendered === '[object Object]' ? undefined : rendered;
	}
	return undefined;
}

export function readDocumentMeta(input: unknown): DocumentMeta {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		throw new DocumentMetaError('document', 'expected a NumNum document object');
	}
	const raw = input as Raw;
	const totals = raw.totals && typeof raw.totals === 'object' ? (raw.totals as Raw) : undefined;
	const meta: DocumentMeta = {
		id: text(raw, 'id', 100),
		type: oneOf(raw, 'type', DOCUMENT_TYPES),
		status: oneOf(raw, 'status', DOCUMENT_STATUSES),
		number: text(raw, 'number', 50),
		language: oneOf(raw, 'language', LANGUAGES, 'nl'),
		seller: partyName(raw, 'seller'),
		buyer: partyName(raw, 'buyer'),
	};
	const issueDate = optionalText(raw.issueDate);
	const dueDate = optionalText(raw.dueDate);
	const currency = optionalText(raw.currency);
	const total = optionalText(totals?.payable);
	return {
		...meta,
		...(issueDate ? { issueDate } : {}),
		...(dueDate ? { dueDate } : {}),
		...(currency ? { currency } : {}),
		...(total ? { total } : {}),
	};
}
