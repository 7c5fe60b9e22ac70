// The export log: which document went to which recipient, when, as which message.
// Kept per recipient so that a partly delivered e-mail is completed later without sending
// it twice to those who already have it. The n8n node keeps this object in the workflow's
// static data; this module only reads and updates it.

export interface ExportRecord {
	messageId: string;
	/** sha256 of the UBL that was sent. */
	contentHash: string;
	/** ISO date-time of the server's acceptance (or of the send whose answer never came). */
	at: string;
	/** `uncertain`: the whole message went out, the server's answer never came; absent: accepted. */
	outcome?: 'uncertain';
}

export type ExportLog = Record<string, ExportRecord>;

/** Unambiguous key whatever characters the document id holds. */
export function exportKey(documentId: string, recipient: string): string {
	return JSON.stringify([documentId, recipient.toLowerCase()]);
}

/** The durable-ledger key for "sent to this recipient, outcome unknown" (never confused with `exportKey`). */
export function uncertainKey(documentId: string, recipient: string): string {
	return JSON.stringify([documentId, recipient.toLowerCase(), 'uncertain']);
}

export interface ExportLookup {
	/** Recipients that already have this document, with their record. */
	delivered: Array<{ recipient: string; record: ExportRecord }>;
	/** Recipients to whom it went out without an answer: not sent again on its own. */
	uncertain: Array<{ recipient: string; record: ExportRecord }>;
	/** Recipients that still need it. */
	pending: string[];
}

export function lookupExport(log: ExportLog, documentId: string, recipients: readonly string[]): ExportLookup {
	const lookup: ExportLookup = { delivered: [], uncertain: [], pending: [] };
	for (const recipient of recipients) {
		const record = Object.prototype.hasOwnProperty.call(log, exportKey(documentId, recipient)) ? log[exportKey(documentId, recipient)] : undefined;
		if (!record) lookup.pending.push(recipient);
		else if (record.outcome === 'uncertain') lookup.uncertain.push({ recipient, record });
		else lookup.delivered.push({ recipient, record });
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

const utc = (at: string) => at.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC');

/** "already exported on 2026-11-20 10:15 UTC (Message-ID <…>)" for a fully delivered document. */
export function alreadyExportedReason(lookup: Pick<ExportLookup, 'delivered'>, contentHash: string): string {
	const latest = lookup.delivered.reduce((a, b) => (a.record.at >= b.record.at ? a : b)).record;
	const changed = lookup.delivered.some((entry) => entry.record.contentHash !== contentHash)
		? '; the UBL has changed since, turn on Resend to send the new version'
		: '';
	return `already exported on ${utc(latest.at)} (Message-ID ${latest.messageId})${changed}`;
}

/** Why an e-mail is not sent again on its own after an earlier run could not learn its outcome. */
export function uncertainReason(entries: Array<{ recipient: string; record: ExportRecord }>): string {
	const latest = entries.reduce((a, b) => (a.record.at >= b.record.at ? a : b)).record;
	return `outcome unknown since ${utc(latest.at)}: the whole e-mail (Message-ID ${latest.messageId}) went to ${entries
		.map((e) => e.recipient)
		.join(', ')} but the server never answered; check that inbox, and turn on Resend to send it again`;
}

/** How long and how many records the export log keeps (see pruneExportLog). */
export const EXPORT_LOG_KEEP_DAYS = 400;
export const EXPORT_LOG_MAX_ENTRIES = 20_000;

/**
 * Removes records older than `keepDays`, then the oldest beyond `maxEntries`, so the log (saved
 * with the workflow on every run) does not grow forever. Mutates `log`; returns how many went.
 */
export function pruneExportLog(log: ExportLog, now: Date, keepDays: number, maxEntries = Infinity): number {
	const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
	let removed = 0;
	for (const [key, record] of Object.entries(log)) {
		if (record.at < cutoff) {
			delete log[key];
			removed++;
		}
	}
	const entries = Object.entries(log);
	if (entries.length > maxEntries) {
		entries.sort((a, b) => (a[1].at < b[1].at ? -1 : a[1].at > b[1].at ? 1 : 0));
		for (const [key] of entries.slice(0, entries.length - maxEntries)) {
			delete log[key];
			removed++;
		}
	}
	return removed;
}
