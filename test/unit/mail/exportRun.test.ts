// ExportRun decisions with a recording sender (real SMTP in test/integration/mail).
import { ExportInputError, ExportRun, exportKey } from '../../../core/mail';
import type { DeliveryLedger, ExportLog, ExportSettings, MessageSender, OutgoingMail, SendOutcome } from '../../../core/mail';

const settings: ExportSettings = { from: { name: 'Bakkerij', address: 'facturen@dezon.be' }, to: ['admin@yukiworks.be'] };
const doc = (overrides: Record<string, unknown> = {}) => ({
	id: 'doc_1',
	type: 'invoice',
	status: 'sent',
	number: '2026-0042',
	language: 'nl',
	issueDate: '2026-11-20',
	seller: { name: 'Bakkerij De Zon BV' },
	buyer: { name: 'Hotel Zeezicht NV' },
	...overrides,
});
const files = async () => ({ ubl: { fileName: 'Factuur_2026-0042.xml', content: Buffer.from('<Invoice/>') } });

function recordingSender(outcome?: Partial<SendOutcome>) {
	const sent: Array<{ mail: OutgoingMail; to: readonly string[] }> = [];
	const sender: MessageSender = {
		async send(mail, to) {
			sent.push({ mail, to });
			return { status: 'sent', accepted: [...to], rejected: [], response: '250 ok', attempts: 1, ...outcome };
		},
	};
	return { sender, sent };
}

const at = () => new Date('2026-11-21T08:00:00.000Z');

describe('ExportRun', () => {
	it('sends an eligible document once and records it', async () => {
		const { sender, sent } = recordingSender();
		const log: ExportLog = {};
		const recorded = jest.fn();
		const result = await new ExportRun(sender, log, { now: at, onRecorded: recorded }).exportItem(0, doc(), settings, files);
		expect(result).toMatchObject({ status: 'sent', documentId: 'doc_1', number: '2026-0042', accepted: ['admin@yukiworks.be'], exportedAt: '2026-11-21T08:00:00.000Z' });
		expect(sent[0].mail.subject).toBe('Factuur 2026-0042 – Bakkerij De Zon BV');
		expect(sent[0].mail.ubl.fileName).toBe('Factuur_2026-0042.xml');
		expect(log[exportKey('doc_1', 'admin@yukiworks.be')]).toEqual({ messageId: result.messageId, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), at: '2026-11-21T08:00:00.000Z' });
		expect(recorded).toHaveBeenCalledTimes(1);
	});

	it('skips a document already in the export log, and resends with Resend', async () => {
		const { sender, sent } = recordingSender();
		const log: ExportLog = {};
		await new ExportRun(sender, log, { now: at }).exportItem(0, doc(), settings, files);
		const again = await new ExportRun(sender, log).exportItem(0, doc(), settings, files);
		expect(again.status).toBe('skipped');
		expect(again.reason).toMatch(/^already exported on 2026-11-21 08:00 UTC \(Message-ID <[0-9a-f]{40}@n8n-nodes-numnum-yuki>\)$/);
		expect(sent).toHaveLength(1);
		const resent = await new ExportRun(sender, log).exportItem(0, doc(), { ...settings, resend: true }, files);
		expect(resent.status).toBe('sent');
		expect(sent).toHaveLength(2);
		expect(sent[1].mail.messageId).toBe(sent[0].mail.messageId);
	});

	it('sends a document twice in one run only once', async () => {
		const { sender, sent } = recordingSender();
		const run = new ExportRun(sender, {});
		await run.exportItem(0, doc(), settings, files);
		const second = await run.exportItem(1, doc(), settings, files);
		expect(second).toMatchObject({ status: 'skipped', reason: 'duplicate in this run: item 0 has the same document' });
		expect(sent).toHaveLength(1);
	});

	it.each([
		[doc({ type: 'quote' }), 'quotes are never exported'],
		[doc({ status: 'draft' }), "this one is 'draft'"],
	])('skips an ineligible document (or fails it when asked)', async (input, reason) => {
		const { sender, sent } = recordingSender();
		const skipped = await new ExportRun(sender, {}).exportItem(0, input, settings, files);
		expect(skipped.status).toBe('skipped');
		expect(skipped.reason).toContain(reason);
		const failed = await new ExportRun(sender, {}).exportItem(0, input, { ...settings, ineligible: 'fail' }, files);
		expect(failed.status).toBe('failed');
		expect(sent).toHaveLength(0);
	});

	it('exports expenses whatever their status', async () => {
		const { sender } = recordingSender();
		const result = await new ExportRun(sender, {}).exportItem(0, doc({ type: 'expense', status: 'received' }), settings, files);
		expect(result.status).toBe('sent');
	});

	it('fails an item that is not a document, naming the field', async () => {
		const { sender } = recordingSender();
		const result = await new ExportRun(sender, {}).exportItem(0, doc({ status: 'sentt' }), settings, files);
		expect(result.status).toBe('failed');
		expect(result.reason).toContain('status: must be one of draft, sent');
	});

	it('fails an item without UBL, saying to put Build UBL first', async () => {
		const { sender, sent } = recordingSender();
		const result = await new ExportRun(sender, {}).exportItem(0, doc(), settings, async () => {
			throw new ExportInputError("no UBL: put a Build UBL node before this one");
		});
		expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('Build UBL') });
		expect(sent).toHaveLength(0);
	});

	it('trusts the durable ledger when the export log lost the record', async () => {
		const { sender, sent } = recordingSender();
		const store = new Set<string>();
		const ledger: DeliveryLedger = {
			delivered: async (keys) => keys.map((k) => store.has(k)),
			record: async (keys) => keys.forEach((k) => store.add(k)),
		};
		await new ExportRun(sender, {}, { ledger }).exportItem(0, doc(), settings, files);
		expect(store.has(exportKey('doc_1', 'admin@yukiworks.be'))).toBe(true);
		// A fresh, empty export log (e.g. a retry that started from old static data):
		const result = await new ExportRun(sender, {}, { ledger }).exportItem(0, doc(), settings, files);
		expect(result.status).toBe('skipped');
		expect(result.reason).toContain('already exported in an earlier execution');
		expect(sent).toHaveLength(1);
	});

	it('sends only to recipients that do not have it yet', async () => {
		const { sender, sent } = recordingSender();
		const log: ExportLog = {};
		await new ExportRun(sender, log, { now: at }).exportItem(0, doc(), settings, files);
		const wider = { ...settings, cc: ['boekhouder@x.be'] };
		const result = await new ExportRun(sender, log).exportItem(0, doc(), wider, files);
		expect(sent[1].to).toEqual(['boekhouder@x.be']);
		expect(result).toMatchObject({ status: 'sent', reason: 'earlier delivered to admin@yukiworks.be' });
	});

	it('records the recipients that accepted even when another refused', async () => {
		const { sender } = recordingSender({
			status: 'failed',
			accepted: ['admin@yukiworks.be'],
			rejected: [{ recipient: 'x@x.be', response: '550 no such user', responseCode: 550 }],
		});
		const log: ExportLog = {};
		const result = await new ExportRun(sender, log, { now: at }).exportItem(0, doc(), { ...settings, cc: ['x@x.be'] }, files);
		expect(result.status).toBe('failed');
		expect(result.reason).toBe('delivered to admin@yukiworks.be only; not delivered to x@x.be (550 no such user) after 1 attempt');
		expect(Object.keys(log)).toEqual([exportKey('doc_1', 'admin@yukiworks.be')]);
	});

	describe('durable records written behind', () => {
		function heldLedger() {
			const store = new Set<string>();
			const writes: Array<{ keys: string[]; finish: (error?: Error) => void }> = [];
			let flushes = 0;
			const ledger: DeliveryLedger = {
				delivered: async (keys) => keys.map((k) => store.has(k)),
				record: async (keys) =>
					await new Promise<void>((resolve, reject) =>
						writes.push({ keys, finish: (error) => (error ? reject(error) : (keys.forEach((k) => store.add(k)), resolve())) }),
					),
				flush: async () => {
					flushes++;
				},
			};
			return { ledger, store, writes, flushes: () => flushes };
		}

		it('the next e-mail does not wait for the record; settle() does, and flushes the ledger', async () => {
			const { sender, sent } = recordingSender();
			const held = heldLedger();
			const run = new ExportRun(sender, {}, { ledger: held.ledger });
			await run.exportItem(0, doc(), settings, files);
			await run.exportItem(1, doc({ id: 'doc_2', number: '2026-0043' }), settings, files);
			expect(sent).toHaveLength(2);
			expect(held.writes.map((w) => w.keys)).toEqual([[exportKey('doc_1', 'admin@yukiworks.be')], [exportKey('doc_2', 'admin@yukiworks.be')]]);
			let settled = false;
			const settling = run.settle().then((failures) => ((settled = true), failures));
			await Promise.resolve();
			expect(settled).toBe(false);
			held.writes[0].finish();
			await Promise.resolve();
			expect(settled).toBe(false);
			held.writes[1].finish();
			expect(await settling).toEqual([]);
			expect(held.flushes()).toBe(1);
			expect(held.store.size).toBe(2);
		});

		it('a failed record is noted on its item (after the fact) and returned by settle()', async () => {
			const { sender } = recordingSender();
			const held = heldLedger();
			const run = new ExportRun(sender, {}, { ledger: held.ledger });
			const result = await run.exportItem(0, doc(), settings, files);
			expect(result.reason).toBeUndefined();
			held.writes[0].finish(new Error('SQLITE_BUSY: database is locked'));
			const failures = await run.settle();
			expect(failures).toEqual([{ result, message: 'SQLITE_BUSY: database is locked' }]);
			expect(result.status).toBe('sent');
			expect(result.reason).toBe('the durable delivery record failed (SQLITE_BUSY: database is locked), the export log has it');
		});

		it('says a re-run may send it again when the export log is not kept either', async () => {
			const { sender } = recordingSender();
			const ledger: DeliveryLedger = { delivered: async (keys) => keys.map(() => false), record: () => { throw new Error('no table'); } };
			const run = new ExportRun(sender, {}, { ledger, logKept: false });
			const result = await run.exportItem(0, doc(), { ...settings, cc: ['x@x.be'] }, files);
			await run.settle();
			expect(result.reason).toBe(
				"the durable delivery record failed (no table) and this run's export log is not kept: a re-run may send it again (same Message-ID)",
			);
		});

		it('holds a claim only while sending and releases it also when the send throws', async () => {
			const events: string[] = [];
			const ledger: DeliveryLedger = {
				delivered: async () => {
					throw new Error('claim() is used instead');
				},
				record: async (keys) => void events.push(`record ${keys.length}`),
				claim: async (keys) => {
					events.push(`claim ${keys.length}`);
					return { delivered: keys.map(() => false), release: () => events.push('release') };
				},
			};
			const { sender } = recordingSender();
			await new ExportRun(sender, {}, { ledger }).exportItem(0, doc(), settings, files);
			expect(events).toEqual(['claim 1', 'record 1', 'release']);

			events.length = 0;
			const failing: MessageSender = {
				send: async () => {
					events.push('send');
					throw new Error('socket hang up');
				},
			};
			await expect(new ExportRun(failing, {}, { ledger }).exportItem(0, doc(), settings, files)).rejects.toThrow('socket hang up');
			expect(events).toEqual(['claim 1', 'send', 'release']);
		});

		it('skips a document another run delivered while this one waited, saying so', async () => {
			const { sender, sent } = recordingSender();
			const released: string[] = [];
			const ledger: DeliveryLedger = {
				delivered: async (keys) => keys.map(() => false),
				record: async () => undefined,
				claim: async (keys) => ({ delivered: keys.map(() => true), byOtherRun: keys.map(() => true), release: () => released.push('x') }),
			};
			const result = await new ExportRun(sender, {}, { ledger }).exportItem(0, doc(), settings, files);
			expect(result).toMatchObject({ status: 'skipped', reason: expect.stringContaining('another execution of this workflow running at the same time') });
			expect(sent).toHaveLength(0);
			expect(released).toEqual(['x']);
		});
	});

	describe('reading and building the next e-mail while the current one is on the wire', () => {
		it('prepares the next eligible item during the send, and uses what it prepared (files read once)', async () => {
			const events: string[] = [];
			const sentMime: string[] = [];
			let finishSend!: () => void;
			const sender: MessageSender = {
				async send(mail, to, mime) {
					events.push(`send ${mail.headers?.['X-NumNum-Document-Id']}`);
					sentMime.push(String((await mime)?.toString() === `mime ${mail.messageId}`));
					if (mail.headers?.['X-NumNum-Document-Id'] === 'doc_1') await new Promise<void>((resolve) => (finishSend = resolve));
					return { status: 'sent', accepted: [...to], rejected: [], attempts: 1 };
				},
				async build(mail) {
					events.push(`build ${mail.headers?.['X-NumNum-Document-Id']}`);
					return Buffer.from(`mime ${mail.messageId}`);
				},
			};
			const run = new ExportRun(sender, {});
			const loader = (id: string) => async () => {
				events.push(`read ${id}`);
				return await files();
			};
			const second = doc({ id: 'doc_2' });
			const first = run.exportItem(0, doc(), settings, loader('doc_1'), () => ({ itemIndex: 1, raw: second, settings, loadFiles: loader('doc_2') }));
			await new Promise((resolve) => setImmediate(resolve));
			// doc_1 is on the wire; doc_2 was read and built meanwhile.
			expect(events).toEqual(['read doc_1', 'build doc_1', 'send doc_1', 'read doc_2', 'build doc_2']);
			finishSend();
			await first;
			await run.exportItem(1, second, settings, loader('doc_2'));
			expect(events.slice(5)).toEqual(['send doc_2']); // not read nor built again
			expect(sentMime).toEqual(['true', 'true']); // each sent with the MIME built for it
		});

		it('does not read the files of a next item that will not be sent (quote, duplicate in this run)', async () => {
			const reads: string[] = [];
			const { sender } = recordingSender();
			const run = new ExportRun(sender, {});
			const loader = (id: string) => async () => {
				reads.push(id);
				return await files();
			};
			const quote = doc({ id: 'q_1', type: 'quote' });
			await run.exportItem(0, doc(), settings, loader('doc_1'), () => ({ itemIndex: 1, raw: quote, settings, loadFiles: loader('q_1') }));
			await run.exportItem(1, quote, settings, loader('q_1'), () => ({ itemIndex: 2, raw: doc(), settings, loadFiles: loader('doc_1 again') }));
			expect(reads).toEqual(['doc_1']);
		});

		it('a next item whose files cannot be read fails with its own reason when its turn comes', async () => {
			const { sender, sent } = recordingSender();
			const run = new ExportRun(sender, {});
			const broken = doc({ id: 'doc_2' });
			const missing = async () => {
				throw new ExportInputError('no UBL: put a Build UBL node before this one');
			};
			await run.exportItem(0, doc(), settings, files, () => ({ itemIndex: 1, raw: broken, settings, loadFiles: missing }));
			const result = await run.exportItem(1, broken, settings, missing);
			expect(result).toMatchObject({ status: 'failed', documentId: 'doc_2', reason: 'no UBL: put a Build UBL node before this one' });
			expect(sent).toHaveLength(1);
		});
	});
});
