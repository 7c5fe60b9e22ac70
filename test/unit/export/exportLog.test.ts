import { alreadyExportedReason, lookupExport, pruneExportLog, recordExport } from '../../../core/export';
import type { ExportLog } from '../../../core/export';

describe('export log', () => {
	const record = { messageId: '<m1@n8n-nodes-numnum-yuki>', contentHash: 'h1', at: '2026-11-20T10:15:03.120Z' };

	it('finds what was delivered, per recipient, case-insensitively', () => {
		const log: ExportLog = {};
		recordExport(log, 'doc_1', ['Admin@YukiWorks.be'], record);
		const lookup = lookupExport(log, 'doc_1', ['admin@yukiworks.be', 'copy@x.be']);
		expect(lookup.delivered).toEqual([{ recipient: 'admin@yukiworks.be', record }]);
		expect(lookup.pending).toEqual(['copy@x.be']);
		expect(lookupExport(log, 'doc_2', ['admin@yukiworks.be']).pending).toEqual(['admin@yukiworks.be']);
	});

	it('says when and as which message it was exported, and when the UBL changed since', () => {
		const log: ExportLog = {};
		recordExport(log, 'doc_1', ['a@x.be'], record);
		const lookup = lookupExport(log, 'doc_1', ['a@x.be']);
		expect(alreadyExportedReason(lookup, 'h1')).toBe('already exported on 2026-11-20 10:15 UTC (Message-ID <m1@n8n-nodes-numnum-yuki>)');
		expect(alreadyExportedReason(lookup, 'h2')).toContain('the UBL has changed since, turn on Resend');
	});

	it('keys are unambiguous whatever the document id holds', () => {
		const log: ExportLog = {};
		recordExport(log, 'a","b', ['c@x.be'], record);
		expect(lookupExport(log, 'a', ['b","c@x.be']).pending).toHaveLength(1);
	});

	it('prunes old records', () => {
		const log: ExportLog = {};
		recordExport(log, 'old', ['a@x.be'], { ...record, at: '2025-01-01T00:00:00.000Z' });
		recordExport(log, 'new', ['a@x.be'], record);
		expect(pruneExportLog(log, new Date('2026-12-01T00:00:00Z'), 365)).toBe(1);
		expect(Object.keys(log)).toHaveLength(1);
	});
});
