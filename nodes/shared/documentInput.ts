import type { IDataObject } from 'n8n-workflow';

import type { DocumentIssue } from '../../core/document/types';

export type DocumentSource = 'item' | 'field';

/** A problem with an item found before the document parser runs (field missing, not JSON, …). */
export class ItemInputError extends Error {
	constructor(readonly issues: DocumentIssue[]) {
		super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
		this.name = 'ItemInputError';
	}
}

/** `data.documents[0].doc` → ['data', 'documents', '0', 'doc'] */
function pathSegments(path: string): string[] {
	return path
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.filter((segment) => segment !== '');
}

/** Reads a field by dot path; a key that itself contains dots is found too, as n8n users expect. */
export function readField(json: IDataObject, path: string): unknown {
	if (Object.prototype.hasOwnProperty.call(json, path)) return json[path];
	let value: unknown = json;
	for (const segment of pathSegments(path)) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[segment];
	}
	return value;
}

/**
 * The raw NumNum document of one item: the whole JSON or one field of it.
 * A field may hold the document as JSON text (e.g. an HTTP body read as text).
 */
export function pickDocumentInput(json: IDataObject, source: DocumentSource, field: string): unknown {
	if (source === 'item') return json;

	const path = field.trim();
	if (path === '') {
		throw new ItemInputError([{ path: 'Document Field', message: 'is empty; name the field holding the document' }]);
	}
	const value = readField(json, path);
	if (value === undefined || value === null) {
		throw new ItemInputError([{ path, message: 'the item has no such field (Document Field parameter)' }]);
	}
	if (typeof value !== 'string') return value;
	const parsed = parseJson(value);
	if (!parsed.ok) throw new ItemInputError([{ path, message: 'is text but not JSON; expected a NumNum document' }]);
	return parsed.value;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}
