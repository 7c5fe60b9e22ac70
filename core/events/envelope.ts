// The NumNum event envelope (contract: ../shared/spec/numnum-document.md, "Event envelope"):
// { id, type, createdAt, data: { document } }. Every problem is listed, the document's included.
import { z } from 'zod';

import { ROOT_PATH, safeParseDocument } from '../document';
import type { DocumentIssue, DocumentType, NumNumDocument } from '../model';

export const EVENT_TYPES = ['document.sent', 'expense.created'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Which document types each event type may carry. */
export const DOCUMENT_TYPES_BY_EVENT: Record<EventType, readonly DocumentType[]> = {
	// A quote can be sent to a customer too; it is valid here and left to the export rules.
	'document.sent': ['invoice', 'credit_note', 'proforma', 'quote'],
	'expense.created': ['expense'],
};

export interface NumNumEvent {
	id: string;
	type: EventType;
	createdAt: string;
	/** The document parsed and normalised (for filters and checks). */
	document: NumNumDocument;
	/** The document exactly as received (the contract form the trigger passes on). */
	documentJson: Record<string, unknown>;
}

export type EventParseResult = { ok: true; event: NumNumEvent } | { ok: false; issues: DocumentIssue[] };

const envelopeSchema = z.object({
	id: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
	type: z.enum(EVENT_TYPES, {
		errorMap: () => ({ message: `must be one of ${EVENT_TYPES.join(', ')}` }),
	}),
	createdAt: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-11-20T10:15:00Z' }),
	data: z.object({
		document: z.record(z.unknown(), {
			errorMap: () => ({ message: 'must be a NumNum document (a JSON object)' }),
		}),
	}),
});

const pathOf = (segments: Array<string | number>) => (segments.length === 0 ? ROOT_PATH : segments.join('.'));

/** What each envelope field must be, in the sender's terms (zod's own wording names no field). */
const EXPECTED_FIELDS: Record<string, string> = {
	id: 'the event id must be a JSON string, e.g. "evt_0001"',
	createdAt: 'the event time createdAt must be a JSON string, an ISO 8601 date-time, e.g. "2026-11-20T10:15:00Z"',
	data: 'the event data must be a JSON object: { "document": { … } }',
};

/** zod's received type in words: "a number", "an array", "null". */
const described = (received: string) => (received === 'null' ? 'null' : `${/^[aeiou]/.test(received) ? 'an' : 'a'} ${received}`);

function envelopeIssues(error: z.ZodError): DocumentIssue[] {
	return error.issues.map((issue) => {
		const path = pathOf(issue.path);
		if (issue.code !== 'invalid_type') return { path, message: issue.message };
		if (issue.received === 'undefined') return { path, message: 'is required' };
		const expected = EXPECTED_FIELDS[path];
		return { path, message: expected ? `${expected}; got ${described(issue.received)}` : issue.message };
	});
}

/** Parses the request body text; the one issue names where the JSON breaks. */
export function parseEventJson(body: Buffer | string): { ok: true; value: unknown } | { ok: false; issues: DocumentIssue[] } {
	const text = (typeof body === 'string' ? body : body.toString('utf8')).replace(/^\uFEFF/, '');
	if (text.trim() === '') return { ok: false, issues: [{ path: ROOT_PATH, message: 'the body is empty; expected a NumNum event (JSON)' }] };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, issues: [{ path: ROOT_PATH, message: `the body is not valid JSON: ${(error as Error).message}` }] };
	}
}

/** Validates an event envelope and the document inside it, listing every problem found. */
export function parseEvent(value: unknown): EventParseResult {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { ok: false, issues: [{ path: ROOT_PATH, message: 'must be a NumNum event: a JSON object with id, type, createdAt and data.document' }] };
	}
	const issues: DocumentIssue[] = [];
	const envelope = envelopeSchema.safeParse(value);
	if (!envelope.success) issues.push(...envelopeIssues(envelope.error));

	// The document is checked even when the envelope is broken, so the sender sees everything at once.
	const rawDocument = (value as { data?: { document?: unknown } }).data?.document;
	let document: NumNumDocument | undefined;
	if (rawDocument !== null && typeof rawDocument === 'object' && !Array.isArray(rawDocument)) {
		const parsed = safeParseDocument(rawDocument);
		if (parsed.ok) document = parsed.document;
		else {
			const inDocument = (path: string) => (path === ROOT_PATH ? 'data.document' : `data.document.${path}`);
			issues.push(...parsed.issues.map((issue) => ({ ...issue, path: inDocument(issue.path) })));
		}
	}

	if (envelope.success && document) {
		const allowed = DOCUMENT_TYPES_BY_EVENT[envelope.data.type];
		if (!allowed.includes(document.type)) {
			issues.push({
				path: 'data.document.type',
				message: `the event type ${envelope.data.type} carries only ${allowed.join(', ')} documents; got ${document.type}`,
			});
		}
	}

	if (issues.length > 0 || !envelope.success || !document) return { ok: false, issues };
	const { id, type, createdAt } = envelope.data;
	return { ok: true, event: { id, type, createdAt, document, documentJson: rawDocument as Record<string, unknown> } };
}
