// The node's execute() with a minimal IExecuteFunctions, against a real SMTP server.
import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { nodesRunning } from '../../../nodes/SendToYukiInbox/deliveryStore';
import { SendToYukiInbox } from '../../../nodes/SendToYukiInbox/SendToYukiInbox.node';
import { startSmtpSink } from '../../helpers/smtp-sink';
import type { SmtpSink } from '../../helpers/smtp-sink';
import { executeContext, FakeProcessedStore, filesFor, invoiceDoc, itemFor } from './fixtures';

const node = new SendToYukiInbox();
const baseParams = {
	to: 'dezon@yukiworks.be',
	fromEmail: 'facturen@dezon.be',
	fromName: 'Bakkerij De Zon BV',
	documentSource: 'item',
	ublBinaryPropertyName: 'ubl',
};

let sink: SmtpSink;
beforeEach(async () => {
	sink = await startSmtpSink();
});
afterEach(async () => await sink.close());

/** Resolves once `condition` holds (checked on each turn of the event loop). */
async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

const credentials = () => ({ host: '127.0.0.1', port: sink.port, secure: false, startTls: 'never' });

function batch(n: number, extra: (i: number) => IDataObject = () => ({})): INodeExecutionData[] {
	return Array.from({ length: n }, (_, i) => {
		const doc = invoiceDoc(i + 1, extra(i));
		return itemFor(doc, filesFor(doc));
	});
}

async function execute(
	items: INodeExecutionData[],
	options: { params?: IDataObject; staticData?: IDataObject; continueOnFail?: boolean; store?: FakeProcessedStore; mode?: string } = {},
) {
	const { context, staticData, binaryReads } = executeContext({
		items,
		params: { ...baseParams, options: { initialBackoffMs: 10, maxAttempts: 2, timeoutMs: 2000 }, ...options.params },
		credentials: credentials(),
		staticData: options.staticData,
		continueOnFail: options.continueOnFail,
		store: options.store,
		mode: options.mode,
	});
	const output = await node.execute.call(context);
	return { output: output[0], staticData, binaryReads };
}

describe('Send to Yuki Inbox execute()', () => {
	it('one item out per item in, with status, reason and pairedItem', async () => {
		const items = [
			...batch(2),
			itemFor(invoiceDoc(9, { type: 'quote' }), filesFor(invoiceDoc(9))),
			batch(1)[0], // doc_1 again
			itemFor(invoiceDoc(10, { status: 'draft' }), filesFor(invoiceDoc(10))),
			{ json: invoiceDoc(11) }, // no UBL binary
		];
		const { output, binaryReads } = await execute(items, { continueOnFail: true });
		expect(output.map((o) => [o.json.status, o.json.documentId, o.pairedItem])).toEqual([
			['sent', 'doc_1', { item: 0 }],
			['sent', 'doc_2', { item: 1 }],
			['skipped', 'doc_9', { item: 2 }],
			['skipped', 'doc_1', { item: 3 }],
			['skipped', 'doc_10', { item: 4 }],
			['failed', 'doc_11', { item: 5 }],
		]);
		expect(output[3].json.reason).toBe('duplicate in this run: item 0 has the same document');
		expect(output[5].json.reason).toContain('put a Build UBL node before this one');
		expect(output[0].json).toMatchObject({
			number: '2026-0001',
			recipients: ['dezon@yukiworks.be'],
			accepted: ['dezon@yukiworks.be'],
			rejected: [],
			attempts: 1,
			response: expect.stringMatching(/^250 /),
			messageId: expect.stringMatching(/@n8n-nodes-numnum-yuki>$/),
		});
		expect(sink.received).toBe(2);
		// Binaries are read only for documents that are really sent.
		expect(binaryReads).toEqual([0, 1]);
	});

	it('a second run sends nothing (export log in static data); Resend sends again with the same Message-ID', async () => {
		const items = batch(3);
		const first = await execute(items);
		expect(first.output.map((o) => o.json.status)).toEqual(['sent', 'sent', 'sent']);
		const log = first.staticData.exportLog as IDataObject;
		expect(Object.keys(log)).toHaveLength(3);

		const second = await execute(items, { staticData: first.staticData });
		expect(second.output.map((o) => o.json.status)).toEqual(['skipped', 'skipped', 'skipped']);
		expect(second.output[0].json.reason).toMatch(/^already exported on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(Message-ID </);
		expect(sink.received).toBe(3);

		const third = await execute(items, { staticData: first.staticData, params: { options: { resend: true } } });
		expect(third.output.map((o) => o.json.status)).toEqual(['sent', 'sent', 'sent']);
		expect(sink.received).toBe(6);
		const ids = (await sink.parsed()).map((m) => m.messageId);
		expect(ids.slice(3)).toEqual(ids.slice(0, 3));
	});

	it('a batch that fails half-way records what went, fails naming the rest, and a re-run sends only those', async () => {
		sink.setFaults([
			{ stage: 'data', contains: 'doc_2', reply: { code: 451, message: '4.3.0 Try again later' }, times: Infinity },
			{ stage: 'data', contains: 'doc_4', reply: { code: 451, message: '4.3.0 Try again later' }, times: Infinity },
		]);
		const items = batch(5);
		const staticData: IDataObject = {};
		const failure = await execute(items, { staticData }).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as Error).message).toBe('2 of 5 documents not sent: 2026-0002, 2026-0004');
		expect((failure as NodeOperationError).description).toContain('3 sent and recorded');
		expect((failure as NodeOperationError).description).toContain('2026-0002 (doc_2): not delivered to dezon@yukiworks.be (451 4.3.0 Try again later) after 2 attempts');
		expect(sink.received).toBe(3);
		expect(Object.keys(staticData.exportLog as IDataObject)).toHaveLength(3);

		sink.setFaults([]);
		const rerun = await execute(items, { staticData });
		expect(rerun.output.map((o) => o.json.status)).toEqual(['skipped', 'sent', 'skipped', 'sent', 'skipped']);
		expect(sink.received).toBe(5);
		const ids = (await sink.parsed()).map((m) => m.headers.get('x-numnum-document-id'));
		expect([...ids].sort()).toEqual(['doc_1', 'doc_2', 'doc_3', 'doc_4', 'doc_5']);
	});

	it('a retry that starts without the static data written since (n8n "retry with original workflow") still sends nothing twice', async () => {
		sink.setFaults([{ stage: 'data', contains: 'doc_3', reply: { code: 451, message: 'later' }, times: Infinity }]);
		const store = new FakeProcessedStore();
		const items = batch(4);
		await expect(execute(items, { store })).rejects.toThrow('1 of 4 documents not sent: 2026-0003');
		expect(sink.received).toBe(3);

		sink.setFaults([]);
		const retry = await execute(items, { store, staticData: {}, mode: 'retry' });
		expect(retry.output.map((o) => o.json.status)).toEqual(['skipped', 'skipped', 'sent', 'skipped']);
		expect(retry.output[0].json.reason).toContain('already exported in an earlier execution');
		expect(sink.received).toBe(4);
		// n8n would save this snapshot's static data OVER the stored log; the delivery is in the ledger only.
		expect(retry.staticData.exportLog).toBeUndefined();
		const again = await execute(items, { store, staticData: {}, mode: 'retry' });
		expect(again.output.map((o) => o.json.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
		expect(sink.received).toBe(4);
	});

	it('a retry that starts with the stored export log (n8n "retry with currently saved workflow") adds to it', async () => {
		sink.setFaults([{ stage: 'data', contains: 'doc_2', reply: { code: 451, message: 'later' }, times: Infinity }]);
		const store = new FakeProcessedStore();
		const staticData: IDataObject = {};
		const items = batch(2);
		await expect(execute(items, { store, staticData })).rejects.toThrow('1 of 2 documents not sent: 2026-0002');
		expect(Object.keys(staticData.exportLog as IDataObject)).toHaveLength(1);

		sink.setFaults([]);
		const retry = await execute(items, { store, staticData, mode: 'retry' });
		expect(retry.output.map((o) => o.json.status)).toEqual(['skipped', 'sent']);
		expect(Object.keys(staticData.exportLog as IDataObject)).toHaveLength(2);
		expect(sink.received).toBe(2);
	});

	it('asks the processed-data store about the whole batch in one go; records are written behind, at most one write in flight', async () => {
		const store = new FakeProcessedStore();
		const first = await execute(batch(5), { store });
		expect(first.output.map((o) => o.json.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
		// one check-and-record + one removal for the lookup, then the delivery records in 1 to 5 writes
		// (a write is coalesced with the ones queued while the previous one was in flight)
		expect(store.calls).toBeGreaterThanOrEqual(2 + 1);
		expect(store.calls).toBeLessThanOrEqual(2 + 5);
		expect(store.recordCalls.slice(1).flat().sort()).toEqual(
			['doc_1', 'doc_2', 'doc_3', 'doc_4', 'doc_5'].map((id) => JSON.stringify([id, 'dezon@yukiworks.be'])).sort(),
		);
		expect(store.values.size).toBe(5);
	});

	it('the e-mails do not wait for the store; deliveries queued meanwhile go in ONE write; the node returns only after it', async () => {
		const store = new FakeProcessedStore();
		// An export log already in static data: the run adds to that object as it goes, so the test sees each entry.
		const staticData: IDataObject = { exportLog: {} };
		// Call 3 is the first delivery record (1 and 2 are the batch lookup): it is held until the node
		// has had all five e-mails accepted (the export log gets each entry just before its ledger record).
		const allFive = until(() => Object.keys((staticData.exportLog as IDataObject | undefined) ?? {}).length === 5);
		store.holdCall(3, allFive);
		let returned = false;
		const running = execute(batch(5), { store, staticData }).then((result) => ((returned = true), result));
		await allFive;
		expect(sink.received).toBe(5);
		expect(returned).toBe(false); // the record of doc_1 is still being written
		const { output } = await running;
		expect(output.map((o) => o.json.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
		expect(store.recordCalls.slice(1)).toEqual([
			[JSON.stringify(['doc_1', 'dezon@yukiworks.be'])],
			['doc_2', 'doc_3', 'doc_4', 'doc_5'].map((id) => JSON.stringify([id, 'dezon@yukiworks.be'])),
		]);
		expect(store.calls).toBe(2 + 2);
		expect(store.values.size).toBe(5);
	});

	it('a failed durable record is not silent: the item says so, and a run on the export log alone still sends nothing twice', async () => {
		const store = new FakeProcessedStore();
		const staticData: IDataObject = { exportLog: {} };
		store.holdCall(3, until(() => Object.keys((staticData.exportLog as IDataObject | undefined) ?? {}).length === 3));
		store.failCall(4, new Error('SQLITE_BUSY: database is locked')); // the batch of doc_2 and doc_3
		const { output } = await execute(batch(3), { store, staticData });
		expect(output.map((o) => [o.json.status, o.json.reason])).toEqual([
			['sent', null],
			['sent', 'the durable delivery record failed (SQLITE_BUSY: database is locked), the export log has it'],
			['sent', 'the durable delivery record failed (SQLITE_BUSY: database is locked), the export log has it'],
		]);
		const again = await execute(batch(3), { store, staticData });
		expect(again.output.map((o) => o.json.status)).toEqual(['skipped', 'skipped', 'skipped']);
		expect(sink.received).toBe(3);
	});

	it('without Continue On Fail, the error names the documents whose durable record failed', async () => {
		sink.setFaults([{ stage: 'data', contains: 'doc_2', reply: { code: 550, message: '5.7.1 refused' }, times: Infinity }]);
		const store = new FakeProcessedStore();
		store.failCall(3, new Error('disk I/O error'));
		const failure = (await execute(batch(2), { store }).catch((error: unknown) => error)) as NodeOperationError;
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toBe('1 of 2 documents not sent: 2026-0002');
		expect(failure.description).toContain(
			'The durable delivery record (n8n de-duplication store) failed for 1 delivered document (disk I/O error); the export log has them: 2026-0001',
		);
	});

	it('two executions of the same node started at once over the same documents deliver each document once', async () => {
		const store = new FakeProcessedStore();
		const items = batch(6);
		// Each execution has its own copy of static data (as n8n loads it per execution); they share the store.
		const [a, b] = await Promise.all([execute(items, { store, staticData: {} }), execute(items, { store, staticData: {} })]);
		const statuses = items.map((_, i) => [a.output[i].json.status, b.output[i].json.status].sort().join('+'));
		expect(statuses).toEqual(items.map(() => 'sent+skipped'));
		expect(sink.received).toBe(6);
		const ids = (await sink.parsed()).map((m) => m.headers.get('x-numnum-document-id'));
		expect([...ids].sort()).toEqual(['doc_1', 'doc_2', 'doc_3', 'doc_4', 'doc_5', 'doc_6']);
		// Their store calls did not overlap and lose each other's records: a third run sends nothing.
		expect(store.values.size).toBe(6);
		const third = await execute(items, { store, staticData: {} });
		expect(third.output.map((o) => o.json.status)).toEqual(items.map(() => 'skipped'));
		expect(sink.received).toBe(6);
		expect(nodesRunning()).toBe(0);
	});

	it('executions of different workflows do not hold each other up or share records', async () => {
		const store = new FakeProcessedStore();
		const other = new FakeProcessedStore();
		const items = batch(2);
		const run = (workflowId: string, s: FakeProcessedStore) =>
			executeContext({
				items,
				params: { ...baseParams, options: { initialBackoffMs: 10, maxAttempts: 2, timeoutMs: 2000 } },
				credentials: credentials(),
				store: s,
				workflowId,
			});
		const [one, two] = await Promise.all([node.execute.call(run('wf-a', store).context), node.execute.call(run('wf-b', other).context)]);
		expect([...one[0], ...two[0]].map((o) => o.json.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
		expect(sink.received).toBe(4);
	});

	it('no answer after the final "." of DATA: uncertain, and not sent again by a retry that has only the de-duplication store', async () => {
		sink.setFaults([{ stage: 'data', contains: 'doc_2', afterEnd: 'drop' }]);
		const store = new FakeProcessedStore();
		const items = batch(3);
		const first = await execute(items, { store, continueOnFail: true });
		expect(first.output.map((o) => o.json.status)).toEqual(['sent', 'uncertain', 'sent']);
		expect(first.output[1].json.reason).toContain(`Message-ID ${String(first.output[1].json.messageId)}`);
		expect(sink.received).toBe(3);
		const failure = (await execute(items, { store, staticData: first.staticData }).catch((error: unknown) => error)) as NodeOperationError;
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toBe('1 of 3 documents not sent: 2026-0002');
		expect(failure.description).toContain('2026-0002 (doc_2): outcome unknown since');

		const retry = await execute(items, { store, staticData: {}, mode: 'retry', continueOnFail: true });
		expect(retry.output.map((o) => o.json.status)).toEqual(['skipped', 'uncertain', 'skipped']);
		expect(retry.output[1].json.reason).toMatch(/^outcome unknown: an earlier execution sent the whole e-mail to dezon@yukiworks\.be but the server never answered/);
		expect(sink.received).toBe(3);
	});

	it('rejected credentials stop the node once, with the server answer', async () => {
		await sink.close();
		sink = await startSmtpSink({ auth: { user: 'dezon', pass: 'right' } });
		const items = batch(3);
		const { context } = executeContext({
			items,
			params: { ...baseParams, options: {} },
			credentials: { ...credentials(), user: 'dezon', password: 'wrong' },
		});
		const error = await node.execute.call(context).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('credentials rejected: 535 Invalid username or password');
		expect(sink.authFailures).toBe(1);

		const withContinue = executeContext({
			items,
			params: { ...baseParams, options: {} },
			credentials: { ...credentials(), user: 'dezon', password: 'wrong' },
			continueOnFail: true,
		});
		const [output] = await node.execute.call(withContinue.context);
		expect(output.map((o) => [o.json.status, o.json.reason, o.pairedItem])).toEqual([
			['failed', 'credentials rejected: 535 Invalid username or password', { item: 0 }],
			['failed', 'credentials rejected: 535 Invalid username or password', { item: 1 }],
			['failed', 'credentials rejected: 535 Invalid username or password', { item: 2 }],
		]);
		expect(sink.authFailures).toBe(2);
		expect(sink.received).toBe(0);
	});

	it('an invalid recipient is a configuration error naming it; nothing is sent', async () => {
		await expect(execute(batch(2), { params: { to: 'dezon@yukiworks.be; dezon(at)yukiworks.be' } })).rejects.toThrow(
			'To: "dezon(at)yukiworks.be" is not a valid e-mail address (no @)',
		);
		expect(sink.received).toBe(0);
	});

	it('attaches the PDF beside the UBL with the same base name, Cc/Bcc/Reply-To set', async () => {
		const doc = invoiceDoc(1);
		const files = filesFor(doc);
		await execute([itemFor(doc, files)], {
			params: { options: { attachPdf: true, cc: 'an@dezon.be', bcc: 'archief@dezon.be', replyTo: 'an@dezon.be' } },
		});
		const [mail] = await sink.parsed();
		expect(mail.attachments.map((a) => a.filename)).toEqual(['Factuur_2026-0001.xml', 'Factuur_2026-0001.pdf']);
		expect(mail.attachments[1].content.equals(files.pdf)).toBe(true);
		expect(sink.messages[0].to.sort()).toEqual(['an@dezon.be', 'archief@dezon.be', 'dezon@yukiworks.be']);
		expect(mail.replyTo?.text).toBe('an@dezon.be');
	});

	it('reads the document from a field when asked', async () => {
		const doc = invoiceDoc(1);
		const item = itemFor(doc, filesFor(doc));
		const { output } = await execute([{ ...item, json: { event: 'x', data: { document: doc } } }], {
			params: { documentSource: 'field', documentField: 'data.document' },
		});
		expect(output[0].json).toMatchObject({ status: 'sent', documentId: 'doc_1' });
	});
});

describe('credential test (methods.credentialTest.yukiSmtpApiTest)', () => {
	const test = node.methods.credentialTest.yukiSmtpApiTest;
	const call = async (data: IDataObject) => await test.call({} as never, { id: '1', name: 'SMTP', type: 'yukiSmtpApi', data: data as ICredentialDataDecryptedObject });

	it('reports the server answer when the login works', async () => {
		const s = await startSmtpSink({ tls: 'starttls', auth: { user: 'dezon', pass: 'right' } });
		try {
			const ok = await call({ host: '127.0.0.1', port: s.port, startTls: 'required', user: 'dezon', password: 'right', allowSelfSigned: true });
			expect(ok.status).toBe('OK');
			expect(ok.message).toMatch(/^Connected to 127\.0\.0\.1:\d+ \(TLSv1\.\d\); server .*; authenticated as dezon \(235 /);
			const bad = await call({ host: '127.0.0.1', port: s.port, startTls: 'required', user: 'dezon', password: 'nope', allowSelfSigned: true });
			expect(bad).toEqual({ status: 'Error', message: `credentials rejected (127.0.0.1:${s.port}): 535 Invalid username or password` });
			const untrusted = await call({ host: '127.0.0.1', port: s.port, startTls: 'required', user: 'dezon', password: 'right' });
			expect(untrusted.status).toBe('Error');
			expect(untrusted.message).toMatch(/^TLS connection failed .*self-signed certificate/);
		} finally {
			await s.close();
		}
	});
});
