// Sample NumNum events for tests: our own example documents wrapped in signed envelopes.
import { readFileSync } from 'fs';
import { join } from 'path';

import { sign } from '../../core/signature';

export const repoRoot = join(__dirname, '..', '..');

export type ExampleDocumentName = 'invoice' | 'credit-note' | 'proforma' | 'expense' | 'quote';

export function exampleDocument(name: ExampleDocumentName): Record<string, unknown> {
	return JSON.parse(readFileSync(join(repoRoot, 'examples', 'documents', `${name}.json`), 'utf8')) as Record<
		string,
		unknown
	>;
}

export function envelope(
	document: Record<string, unknown>,
	overrides: { id?: string; type?: string; createdAt?: string } = {},
): Record<string, unknown> {
	return {
		id: overrides.id ?? `evt_${String(document.id)}`,
		type: overrides.type ?? (document.type === 'expense' ? 'expense.created' : 'document.sent'),
		createdAt: overrides.createdAt ?? '2026-11-20T10:15:00Z',
		data: { document },
	};
}

/** The body bytes and the signature header a sender would produce. */
export function signedDelivery(body: unknown, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
	const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	return { rawBody, signatureHeader: sign(secret, rawBody, timestamp), timestamp };
}
