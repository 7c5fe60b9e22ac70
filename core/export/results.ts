// The results an item ends with when it never reached the point of sending.
import type { ExportResult } from './types';

/** A failed item; id and number taken from the raw document when it has them. */
export function failedResult(reason: string, raw?: unknown): ExportResult {
	const doc = (raw && typeof raw === 'object' ? raw : {}) as { id?: unknown; number?: unknown };
	return {
		status: 'failed',
		...(typeof doc.id === 'string' ? { documentId: doc.id } : {}),
		...(typeof doc.number === 'string' ? { number: doc.number } : {}),
		recipients: [],
		accepted: [],
		rejected: [],
		attempts: 0,
		reason,
	};
}

/** "2026-0042 (doc_1): not delivered to … after 3 attempts" */
export function failureLine(result: ExportResult, itemIndex: number): string {
	const name = result.number ? `${result.number}${result.documentId ? ` (${result.documentId})` : ''}` : `item ${itemIndex}`;
	return `${name}: ${result.reason ?? 'failed'}`;
}
