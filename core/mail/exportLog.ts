// The export log: which document went to which recipient, when, as which message.
// Kept per recipient so that a partly delivered e-mail is completed later without sending
// it twice to those who already have it. The n8n node keeps this object in the workflow's
// static data; this module only reads and updates it.

export interface ExportRecord {
	messageId: string;
	/** sha256 of the UBL that was sent. */
	contentHash: string;
	/** ISO date-time of the server's acceptance. */
	at: string;
}

export type ExportLog = Record<string, ExportRecord>;

/** Unambiguous key whatever characters the document id holds. */
export function exportKey(documentId: string, recipient: string): string {
	return JSON.stringify([documentId, recipient.toLowerCase()]);
}

export interface ExportLookup {
	/** Recipients that already have this document, with their record. */
	delivered: Array<{ recipient: string; record: ExportRecord }>;
	/** Recipients that still need it. */
	pending: string[];
}

export function lookupExport(log: ExportLog, documentId: string, recipients: readonly string[]): ExportLookup {
	const lookup: ExportLookup = { delivered: [], pending: [] };
	for (const recipient of recipients) {
		const record = log[exportKey(documentId, recipient)];
		if (record) lookup.delivered.push({ recipient, record });
		else lookup.pending.push(recipient);
	}
	return lookup;
}

/** Adds (or replaces, on a resend) the records of a delivery. Mutates `log` in place. */
export function recordExport(
	log: ExportLog,
	documentId: string,
	recipients: readonly string[],
	record: ExportRecord,
): void {
	for (const recipient of recipients) log[exportKey(documentId, recipient)] = { ...record };
}

/** "already exported on 2026-11-20 10:15 UTC (Message-ID <…>)" for a fully delivered document. */
export function alreadyExportedReason(lookup: ExportLookup, contentHash: string): string {
	const latest = lookup.delivered.reduce((a, b) => (a.record.at >= b.record.at ? a : b)).record;
	const when = latest.at.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC');
	const changed = lookup.delivered.some((entry) => entry.record.contentHash !== contentHash)
		? '; the UBL has changed since, turn on Resend to send the new version'
		: '';
	return `already exported on ${when} (Message-ID ${latest.messageId})${changed}`;
}

/** Removes records older than `keepDays` so the log does not grow forever. Returns how many went. */
export function pruneExportLog(log: ExportLog, now: Date, keepDays: number): number {
	const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
	let removed = 0;
	for (const [key, record] of Object.entries(log)) {
		if (record.at < cutoff) {
			delete log[key];
			removed++;
		}
	}
	return removed;
}
