// exportBatch decisions with a recording sender (real SMTP in test/integration/mail).
import { DOCUMENT_ID_HEADER, ExportInputError, exportBatch, exportKey } from '../../../core/export';
import type { BatchItem, DeliveryLedger, ExportDeps, ExportLog, ExportResult, ExportSettings, LoadedFiles, MessageSender } from '../../../core/export';
import type { OutgoingMail, SendOutcome } from '../../../core/mail';

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

type Loader = () => Promise<LoadedFiles>;
type Options = Omit<ExportDeps, 'sender' | 'log' | 'loadFiles'>;

/** Exports `docs` (each with its settings and files loader) as one batch. */
async function batch(sender: MessageSender, log: ExportLog, entries: Array<[unknown, ExportSettings, Loader]>, options: Options = {}) {
	const items: BatchItem[] = entries.map(([raw, s]) => ({ raw, settings: s }));
	return await exportBatch(items, { sender, log, ...options, loadFiles: async (itemIndex) => await entries[itemIndex][2]() });
}

/** One document as a batch of one; its result. */
async function exportOne(sender: MessageSender, log: ExportLog, raw: unknown, s: ExportSettings, load: Loader, options: Options = {}): Promise<ExportResult> {
	return (await batch(sender, log, [[raw, s, load]], options)).results[0];
}

describe('exportBatch', () => {
	it('sends an eligible document once and records it', async () => {
		const { sender, sent } = recordingSender();
		const log: ExportLog = {};
		const outcome = await batch(sender, log, [[doc(), settings, files]], { now: at });
		const result = outcome.results[0];
		expect(result).toMatchObject({ status: 'sent', documentId: 'doc_1', number: '2026-0042', accepted: ['admin@yukiworks.be'], exportedAt: '2026-11-21T08:00:00.000Z' });
		expect(sent[0].mail.subject).toBe('Factuur 2026-0042 – Bakkerij De Zon BV');
		expect(sent[0].mail.ubl.fileName).toBe('Factuur_2026-0042.xml');
		expect(log[exportKey('doc_1', 'admin@yukiworks.be')]).toEqual({ messageId: result.messageId, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), at: '2026-11-21T08:00:00.000Z' });
		expect(outcome.logChanged).toBe(true);
	});

	it('skips a document already in the export log, and resends with Resend', async () => {
		const { sender, sent } = recordingSender();
		const log: ExportLog = {};
		await exportOne(sender, log, doc(), settings, files, { now: at });
		const again = await exportOne(sender, log, doc(), settings, files);
		expect(again.status).toBe('skipped');
		expect(again.reason).toMatch(/^already exported on 2026-11-21 08:00 UTC \(Message-ID <[0-9a-f]{40}@n8n-nodes-numnum-yuki>\)$/);
		expect(sent).toHaveLength(1);
		const resent = await exportOne(sender, log, doc(), { ...settings, resend: true }, files);
		expect(resent.status).toBe('sent');
		expect(sent).toHaveLength(2);
		expect(sent[1].mail.messageId).toBe(sent[0].mail.messageId);
	});

	it('sends a document twice in one run only once', async () => {
		const { sender, sent } = recordingSender();
		const [, second] = (await batch(sender, {}, [[doc(), settings, files], [doc(), settings, files]])).results;
		expect(second).toMatchObject({ status: 'skipped', reason: 'duplicate in this run: item 0 has the same document' });
		expect(sent).toHaveLength(1);
	});

	it.each([
		[doc({ type: 'quote' }), 'quotes are never exported'],
		[doc({ status: 'draft' }), "this one is 'draft'"],
	])('skips an ineligible document (or fails it when asked)', async (input, reason) => {
		const { sender, sent } = recordingSender();
		const skipped = await exportOne(sender, {}, input, settings, files);
		expect(skipped.status).toBe('skipped');
		expect(skipped.reason).toContain(reason);
		const failed = await exportOne(sender, {}, input, { ...settings, ineligible: 'fail' }, files);
		expect(failed.status).toBe('failed');
		expect(sent).toHaveLength(0);
	});

	it('exports expenses whatever their status', async () => {
		const { sender } = recordingSender();
		const result = await exportOne(sender, {}, doc({ type: 'expense', status: 'received' }), settings, files);
		expect(result.status).toBe('sent');
	});

	it('fails an item that is not a document, naming the field', async () => {
		const { sender } = recordingSender();
		const result = await exportOne(sender, {}, doc({ status: 'sentt' }), settings, files);
		expect(result.status).toBe('failed');
		expect(result.reason).toContain('status: must be one of draft, sent');
	});

	it('fails an item without UBL, saying to put Build UBL first', async () => {
		const { sender, sent } = recordingSender();
		const result = await exportOne(sender, {}, doc(), settings, async () => {
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
		await exportOne(sender, {}, doc(), settings, files, { ledger });
		expect(store.has(exportKey('doc_1', 'admin@yukiworks.be'))).toBe(true);
		// A fresh, empty export log (e.g. a retry that started from old static data):
		const result = await exportOne(sender, {}, doc(), settings, files, { ledger });
		expect(result.status).toBe('skipped');
		expect(result.reason).toContain('already exported in an earlier execution');
		expect(sent).toHaveLength(1);
	});

	it('sends only to recipients that do not have it yet', async () => {
		const { sender, sent } = recordingSender();
		const log: ExportLog = {};
		await exportOne(sender, log, doc(), settings, files, { now: at });
		const wider = { ...settings, cc: ['boekhouder@x.be'] };
		const result = await exportOne(sender, log, doc(), wider, files);
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
		const result = await exportOne(sender, log, doc(), { ...settings, cc: ['x@x.be'] }, files, { now: at });
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
			let settled = false;
			const settling = batch(sender, {}, [[doc(), settings, files], [doc({ id: 'doc_2', number: '2026-0043' }), settings, files]], { ledger: held.ledger }).then(
				(outcome) => ((settled = true), outcome.recordFailures),
			);
			while (held.writes.length < 2) await new Promise((resolve) => setImmediate(resolve));
			expect(sent).toHaveLength(2);
			expect(held.writes.map((w) => w.keys)).toEqual([[exportKey('doc_1', 'admin@yukiworks.be')], [exportKey('doc_2', 'admin@yukiworks.be')]]);
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
			const running = batch(sender, {}, [[doc(), settings, files]], { ledger: held.ledger });
			while (held.writes.length < 1) await new Promise((resolve) => setImmediate(resolve));
			held.writes[0].finish(new Error('SQLITE_BUSY: database is locked'));
			const { results, recordFailures: failures } = await running;
			const result = results[0];
			expect(failures).toEqual([{ result, message: 'SQLITE_BUSY: database is locked' }]);
			expect(result.status).toBe('sent');
			expect(result.reason).toBe('the durable delivery record failed (SQLITE_BUSY: database is locked), the export log has it');
		});

		it('says a re-run may send it again when the export log is not kept either', async () => {
			const { sender } = recordingSender();
			const ledger: DeliveryLedger = { delivered: async (keys) => keys.map(() => false), record: () => { throw new Error('no table'); } };
			const result = await exportOne(sender, {}, doc(), { ...settings, cc: ['x@x.be'] }, files, { ledger, logIsSaved: false });
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
			await exportOne(sender, {}, doc(), settings, files, { ledger });
			// per recipient: its delivery key and its outcome-unknown key
			expect(events).toEqual(['claim 2', 'record 1', 'release']);

			events.length = 0;
			const failing: MessageSender = {
				send: async () => {
					events.push('send');
					throw new Error('socket hang up');
				},
			};
			expect((await exportOne(failing, {}, doc(), settings, files, { ledger })).reason).toBe('could not export: socket hang up');
			expect(events).toEqual(['claim 2', 'send', 'release']);
		});

		it('skips a document another run delivered while this one waited, saying so', async () => {
			const { sender, sent } = recordingSender();
			const released: string[] = [];
			const ledger: DeliveryLedger = {
				delivered: async (keys) => keys.map(() => false),
				record: async () => undefined,
				claim: async (keys) => ({ delivered: keys.map(() => true), byOtherRun: keys.map(() => true), release: () => released.push('x') }),
			};
			const result = await exportOne(sender, {}, doc(), settings, files, { ledger });
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
					events.push(`send ${mail.headers?.[DOCUMENT_ID_HEADER]}`);
					sentMime.push(String((await mime)?.toString() === `mime ${mail.messageId}`));
					if (mail.headers?.[DOCUMENT_ID_HEADER] === 'doc_1') await new Promise<void>((resolve) => (finishSend = resolve));
					return { status: 'sent', accepted: [...to], rejected: [], attempts: 1 };
				},
				async build(mail) {
					events.push(`build ${mail.headers?.[DOCUMENT_ID_HEADER]}`);
					return Buffer.from(`mime ${mail.messageId}`);
				},
			};
			const loader = (id: string) => async () => {
				events.push(`read ${id}`);
				return await files();
			};
			const second = doc({ id: 'doc_2' });
			const running = batch(sender, {}, [
				[doc(), settings, loader('doc_1')],
				[second, settings, loader('doc_2')],
			]);
			await new Promise((resolve) => setImmediate(resolve));
			// doc_1 is on the wire; doc_2 was read and built meanwhile.
			expect(events).toEqual(['read doc_1', 'build doc_1', 'send doc_1', 'read doc_2', 'build doc_2']);
			finishSend();
			await running;
			expect(events.slice(5)).toEqual(['send doc_2']); // not read nor built again
			expect(sentMime).toEqual(['true', 'true']); // each sent with the MIME built for it
		});

		it('does not read the files of a next item that will not be sent (quote, duplicate in this run)', async () => {
			const reads: string[] = [];
			const { sender } = recordingSender();
			const loader = (id: string) => async () => {
				reads.push(id);
				return await files();
			};
			const quote = doc({ id: 'q_1', type: 'quote' });
			await batch(sender, {}, [
				[doc(), settings, loader('doc_1')],
				[quote, settings, loader('q_1')],
				[doc(), settings, loader('doc_1 again')],
			]);
			expect(reads).toEqual(['doc_1']);
		});

		it('a next item whose files cannot be read fails with its own reason when its turn comes', async () => {
			const { sender, sent } = recordingSender();
			const broken = doc({ id: 'doc_2' });
			const missing = async (): Promise<LoadedFiles> => {
				throw new ExportInputError('no UBL: put a Build UBL node before this one');
			};
			const [, result] = (await batch(sender, {}, [
				[doc(), settings, files],
				[broken, settings, missing],
			])).results;
			expect(result).toMatchObject({ status: 'failed', documentId: 'doc_2', reason: 'no UBL: put a Build UBL node before this one' });
			expect(sent).toHaveLength(1);
		});
	});
});
