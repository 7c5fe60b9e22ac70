// Export runs of several "processes" (each its own SMTP connection and Redis owner, as n8n workers
// are) sharing the claims in a real redis-server, sending to a real SMTP server.
import { Redis } from 'ioredis';
import type { IDataObject } from 'n8n-workflow';

import { claimsLedger, RedisDeliveryClaims } from '../../../core/coordination';
import { exportBatch, type ExportResult, type ExportSettings } from '../../../core/export';
import { MailSender } from '../../../core/mail';
import { startRedis, type RedisServer } from '../../helpers/services';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { filesFor, invoiceDoc } from '../mail/fixtures';

jest.setTimeout(120_000);

const RECIPIENTS = ['inbox@yukiworks.be', 'own@company.be'];
const settings: ExportSettings = { from: { address: 'invoices@mycompany.be' }, to: RECIPIENTS };

let redis: RedisServer;
let sink: SmtpSink;
const connections: Redis[] = [];
let scopeCounter = 0;

beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => {
	for (const c of connections) c.disconnect();
	await redis?.stop();
});
beforeEach(async () => {
	sink = await startSmtpSink();
});
afterEach(async () => await sink.close());

async function connect(): Promise<Redis> {
	const client = new Redis({ host: redis.host, port: redis.port, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 2_000, retryStrategy: (n) => Math.min(n * 50, 300) });
	client.on('error', () => undefined);
	connections.push(client);
	if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
	return client;
}

/** One "process": its own Redis connection, owner and SMTP connection. */
async function processRun(scope: string, leaseMs = 15_000) {
	const claims = new RedisDeliveryClaims(await connect(), { prefix: 'bull:numnum-yuki', scope, leaseMs });
	const sender = new MailSender({ host: sink.host, port: sink.port, secure: false, startTls: 'never' }, { initialBackoffMs: 10, maxAttempts: 2 });
	return {
		claims,
		async exportAll(docs: IDataObject[]): Promise<ExportResult[]> {
			const outcome = await exportBatch(
				docs.map((raw) => ({ raw, settings })),
				{
					sender,
					log: {},
					ledger: claimsLedger(claims, { waitMs: 20_000 }),
					loadFiles: async (i) => ({ ubl: { fileName: `${String(docs[i].number)}.xml`, content: filesFor(docs[i], 256).ubl } }),
				},
			);
			sender.close();
			await claims.close();
			return outcome.results;
		},
	};
}

/** (document id, recipient) pairs the sink accepted, with how often. */
async function deliveryCounts(): Promise<Map<string, number>> {
	const parsed = await sink.parsed();
	const counts = new Map<string, number>();
	sink.messages.forEach((message, i) => {
		const id = String(parsed[i].headers.get('x-numnum-document-id'));
		for (const to of message.to) counts.set(`${id} ${to.toLowerCase()}`, (counts.get(`${id} ${to.toLowerCase()}`) ?? 0) + 1);
	});
	return counts;
}

const docs = (from: number, n: number): IDataObject[] => Array.from({ length: n }, (_, i) => invoiceDoc(from + i));

test('four processes exporting overlapping batches at once: every document once per recipient, none lost', async () => {
	const scope = `overlap-${++scopeCounter}`;
	const batches = [docs(0, 20), docs(10, 20), docs(5, 20), docs(0, 30)];
	const runs = await Promise.all(batches.map(async () => await processRun(scope)));
	const results = (await Promise.all(runs.map(async (run, i) => await run.exportAll(batches[i])))).flat();
	const counts = await deliveryCounts();
	expect(counts.size).toBe(30 * RECIPIENTS.length);
	expect([...counts.values()].every((n) => n === 1)).toBe(true);
	expect(results.filter((r) => r.status === 'failed')).toEqual([]);
	expect(results.filter((r) => r.status === 'sent')).toHaveLength(30);
});

test('a process that recorded its intent and died before the answer was recorded: the next run reports it uncertain and does not resend it', async () => {
	const scope = `crash-${++scopeCounter}`;
	const crashed = new RedisDeliveryClaims(await connect(), { prefix: 'bull:numnum-yuki', scope, leaseMs: 200 });
	const doc = invoiceDoc(500);
	const keys = RECIPIENTS.map((r) => JSON.stringify([doc.id, r]));
	await crashed.claim(keys);
	await crashed.intend(keys);
	await crashed.close(); // SIGKILL: no renewal, no answer recorded
	await new Promise((resolve) => setTimeout(resolve, 300));
	const [result] = await (await processRun(scope)).exportAll([doc]);
	expect(result.status).toBe('uncertain');
	expect(result.reason).toMatch(/outcome unknown: an earlier execution sent the whole e-mail .* never answered.*Resend/);
	expect(sink.received).toBe(0);
});

test('a process that died before the final "." : its claim runs out and the next run sends the document', async () => {
	const scope = `early-${++scopeCounter}`;
	const crashed = new RedisDeliveryClaims(await connect(), { prefix: 'bull:numnum-yuki', scope, leaseMs: 200 });
	const doc = invoiceDoc(600);
	await crashed.claim(RECIPIENTS.map((r) => JSON.stringify([doc.id, r])));
	await crashed.close();
	const [result] = await (await processRun(scope)).exportAll([doc]);
	expect(result.status).toBe('sent');
	expect(sink.received).toBe(1);
});

test('Redis stops mid-batch: the documents after it fail with the reason, nothing is sent twice; a re-run sends the rest once', async () => {
	const scope = `redis-down-${++scopeCounter}`;
	const batch = docs(700, 20);
	const first = await processRun(scope);
	const gate = sink.waitFor(5, 30_000).then(async () => await redis.kill('SIGKILL'));
	const results = await first.exportAll(batch);
	await gate;
	const failed = results.filter((r) => r.status === 'failed');
	expect(failed.length).toBeGreaterThan(0);
	for (const f of failed) expect(f.reason).toMatch(/Redis|Connection|connect|stream/i);
	await redis.restart();
	const again = await (await processRun(scope)).exportAll(batch);
	const counts = await deliveryCounts();
	expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
	const uncertain = again.filter((r) => r.status === 'uncertain').length + results.filter((r) => r.status === 'uncertain').length;
	// Every document is delivered once, or reported uncertain (its intent was recorded, the answer was not).
	expect(counts.size / RECIPIENTS.length + uncertain).toBeGreaterThanOrEqual(batch.length);
	expect(again.filter((r) => r.status === 'failed')).toEqual([]);
});

test('the intent cannot be written: the final "." is never sent, the server keeps nothing, the next message goes through', async () => {
	const sender = new MailSender({ host: sink.host, port: sink.port, secure: false, startTls: 'never' }, { initialBackoffMs: 10, maxAttempts: 3 });
	const mail = {
		messageId: '<gate@test>',
		from: { address: 'invoices@mycompany.be' },
		to: RECIPIENTS,
		subject: 'gate',
		text: 'body',
		ubl: { fileName: 'a.xml', content: Buffer.from('<Invoice/>') },
	};
	let asked = 0;
	const refused = await sender.send(mail, RECIPIENTS, undefined, {
		beforeFinalDot: async () => {
			asked++;
			throw new Error('Redis 127.0.0.1:1 failed: Connection is closed.');
		},
	});
	expect(refused).toMatchObject({ status: 'failed', accepted: [] });
	expect(refused.failure?.message).toMatch(/not sent: Redis .* Connection is closed/);
	expect(asked).toBe(1); // not retried
	const sent = await sender.send({ ...mail, messageId: '<after@test>' }, RECIPIENTS, undefined, { beforeFinalDot: async () => undefined });
	expect(sent.status).toBe('sent');
	sender.close();
	expect(sink.received).toBe(1);
	expect((await sink.parsed())[0].messageId).toBe('<after@test>');
});
