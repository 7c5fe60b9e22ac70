// The sending side: wrap a document in an event envelope and sign it, as NumNum or a relay would.
import { randomUUID } from 'crypto';

import { SIGNATURE_HEADER, sign } from '../signature';
import type { EventType } from './envelope';

export interface EnvelopeOptions {
	id?: string;
	type?: EventType;
	createdAt?: string;
}

/** `{ id, type, createdAt, data: { document } }`; the event type follows the document type unless given. */
export function wrapInEnvelope(document: Record<string, unknown>, options: EnvelopeOptions = {}) {
	return {
		id: options.id ?? `evt_${randomUUID()}`,
		type: options.type ?? (document.type === 'expense' ? 'expense.created' : 'document.sent'),
		createdAt: options.createdAt ?? new Date().toISOString(),
		data: { document },
	};
}

export interface SignedRequest {
	body: string;
	headers: Record<string, string>;
}

/** The exact body to POST and its headers; the body must be sent byte for byte as returned. */
export function signedRequest(event: unknown, secrets: string | string[], timestamp?: number): SignedRequest {
	const body = JSON.stringify(event);
	return {
		body,
		headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(secrets, body, timestamp) },
	};
}
