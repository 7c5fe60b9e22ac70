// The fault matrix against a real SMTP server: per-item outcome, the count actually delivered,
// zero duplicates (no recipient gets the same Message-ID twice), zero silent losses.
import { exportBatch } from '../../../core/export';
import type { ExportLog, ExportResult, ExportSettings } from '../../../core/export';
import { FatalSmtpError, MailSender } from '../../../core/mail';
import type { SmtpSettings } from '../../../core/mail';
import { freePort } from '../../helpers/free-port';
import { startSmtpSink } from '../../helpers/smtp-sink';
import type { SmtpSink, SmtpSinkOptions } from '../../helpers/smtp-sink';
import { filesFor, invoiceDoc } from './fixtures';

const TO = ['dezon@yukiworks.be'];

interface Batch {
	/** The items tried, up to a run-level fault. */
	results: ExportResult[];
	/** The items after a run-level fault (failed with its reason, not tried). */
	rest: ExportResult[];
	log: ExportLog;
	fatal?: FatalSmtpError;
}

async function runBatch(
	port: number,
	count: number,
	options: { to?: string[]; smtp?: Partial<SmtpSettings>; maxAttempts?: number; log?: ExportLog; ublBytes?: number[]; resend?: boolean } = {},
): Promise<Batch> {
	const smtp: SmtpSettings = { host: '127.0.0.1', port, secure: false, startTls: 'never', timeoutMs: 1500, ...options.smtp };
	const sender = new MailSender(smtp, { maxAttempts: options.maxAttempts ?? 3, initialBackoffMs: 20 });
	const log = options.log ?? {};
	const settings: ExportSettings = { from: { address: 'facturen@dezon.be' }, to: options.to ?? TO, ...(options.resend ? { resend: true } : {}) };
	const docs = Array.from({ length: count }, (_, i) => invoiceDoc(i + 1));
	try {
		const outcome = await exportBatch(
			docs.map((doc) => ({ raw: doc, settings })),
			{
				sender,
				log,
				loadFiles: async (i) => ({ ubl: { fileName: `${i}.xml`, content: filesFor(docs[i], options.ublBytes?.[i] ?? 1024).ubl } }),
			},
		);
		// A run-level fault: the items from there on were not tried.
		if (outcome.fatal) {
			const { itemIndex, error } = outcome.fatal;
			return { results: outcome.results.slice(0, itemIndex), rest: outcome.results.slice(itemIndex), log, fatal: error };
		}
		return { results: outcome.results, rest: [], log };
	} finally {
		sender.close();
	}
}

/** No recipient got the same Message-ID twice; every sent item reached all its recipients; every failure says why. */
async function expectNoDuplicatesNoLosses(sink: SmtpSink | undefined, results: ExportResult[]): Promise<void> {
	const seen = new Map<string, number>();
	if (sink) {
		const parsed = await sink.parsed();
		parsed.forEach((mail, i) => {
			for (const recipient of sink.messages[i].to) {
				const key = `${mail.messageId} ${recipient.toLowerCase()}`;
				seen.set(key, (seen.get(key) ?? 0) + 1);
			}
		});
	}
	expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
	for (const result of results) {
		expect(['sent', 'skipped', 'failed', 'uncertain']).toContain(result.status);
		if (result.status !== 'sent') expect(result.reason).toEqual(expect.any(String));
		for (const recipient of result.accepted) expect(seen.get(`${result.messageId} ${recipient.toLowerCase()}`)).toBe(1);
	}
}

describe('fault matrix', () => {
	let sink: SmtpSink | undefined;
	afterEach(async () => {
		await sink?.close();
		sink = undefined;
	});
	const start = async (options: SmtpSinkOptions) => (sink = await startSmtpSink(options));

	it('connection refused: the first item is retried, then the run stops naming the server; the rest fail with that one reason', async () => {
		const port = await freePort();
		const batch = await runBatch(port, 3);
		expect(batch.results.map((r) => [r.status, r.attempts])).toEqual([['failed', 3]]);
		expect(batch.results[0].reason).toContain('ECONNREFUSED');
		expect(batch.fatal?.message).toMatch(new RegExp(`^the SMTP server 127\\.0\\.0\\.1:${port} cannot be reached \\(.*ECONNREFUSED.*\\); nothing more was tried in this run$`));
		expect(batch.rest.map((r) => [r.status, r.attempts, r.reason])).toEqual([
			['failed', 0, batch.fatal?.message],
			['failed', 0, batch.fatal?.message],
		]);
		await expectNoDuplicatesNoLosses(undefined, [...batch.results, ...batch.rest]);
	});

	it('421 at the greeting: retried on a new connection, then delivered', async () => {
		const s = await start({ faults: [{ stage: 'connect', reply: { code: 421, message: 'Too busy, try later' } }] });
		const { results } = await runBatch(s.port, 2);
		expect(results.map((r) => [r.status, r.attempts])).toEqual([
			['sent', 2],
			['sent', 1],
		]);
		expect(s.received).toBe(2);
		expect(s.connections).toBe(2);
		await expectNoDuplicatesNoLosses(s, results);
	});

	it('450 then success: delivered once', async () => {
		const s = await start({ faults: [{ stage: 'rcpt', reply: { code: 450, message: '4.2.1 Mailbox busy' } }] });
		const { results } = await runBatch(s.port, 2);
		expect(results.map((r) => [r.status, r.attempts])).toEqual([
			['sent', 2],
			['sent', 1],
		]);
		expect(s.received).toBe(2);
		await expectNoDuplicatesNoLosses(s, results);
	});

	it('550 for one of two recipients: reported per recipient; a re-run does not resend to the one who has it', async () => {
		const s = await start({ faults: [{ stage: 'rcpt', recipient: 'gone@yukiworks.be', reply: { code: 550, message: '5.1.1 No such user' }, times: Infinity }] });
		const to = ['dezon@yukiworks.be', 'gone@yukiworks.be'];
		const first = await runBatch(s.port, 2, { to });
		for (const result of first.results) {
			expect(result).toMatchObject({
				status: 'failed',
				accepted: ['dezon@yukiworks.be'],
				rejected: [{ recipient: 'gone@yukiworks.be', response: '550 5.1.1 No such user', responseCode: 550 }],
				attempts: 1,
			});
			expect(result.reason).toBe('delivered to dezon@yukiworks.be only; not delivered to gone@yukiworks.be (550 5.1.1 No such user) after 1 attempt');
		}
		expect(s.received).toBe(2);
		expect(s.messages.map((m) => m.to)).toEqual([['dezon@yukiworks.be'], ['dezon@yukiworks.be']]);

		const again = await runBatch(s.port, 2, { to, log: first.log });
		expect(again.results.map((r) => r.status)).toEqual(['failed', 'failed']);
		expect(s.received).toBe(2); // the refused recipient was tried again, the other not
		await expectNoDuplicatesNoLosses(s, [...first.results, ...again.results]);
	});

	it('552 too large: that document fails at once, the next one goes', async () => {
		const s = await start({ maxSize: 20_000 });
		const { results } = await runBatch(s.port, 2, { ublBytes: [40_000, 1000] });
		expect(results.map((r) => [r.status, r.attempts])).toEqual([
			['failed', 1],
			['sent', 1],
		]);
		expect(results[0].rejected[0]).toMatchObject({ responseCode: 552 });
		expect(s.received).toBe(1);
		await expectNoDuplicatesNoLosses(s, results);
	});

	it('connection dropped in the middle of DATA: retried, delivered exactly once', async () => {
		const s = await start({ faults: [{ stage: 'data', drop: true }] });
		// Big enough that the client is still writing when the server drops it (smaller ones fit in the
		// socket buffers whole: the final "." is out, and the outcome is then unknown, see below).
		const { results } = await runBatch(s.port, 2, { ublBytes: [6_000_000, 1000] });
		expect(results.map((r) => [r.status, r.attempts])).toEqual([
			['sent', 2],
			['sent', 1],
		]);
		expect(s.received).toBe(2);
		await expectNoDuplicatesNoLosses(s, results);
	}, 30_000);

	it.each(['drop', 'hang'] as const)(
		'no answer after the final "." of DATA (%s): the item is uncertain with its Message-ID, never sent again by this run or a later one; Resend sends it',
		async (afterEnd) => {
			const s = await start({ faults: [{ stage: 'data', contains: 'doc_1', afterEnd }] });
			const first = await runBatch(s.port, 2, { smtp: { timeoutMs: 400 } });
			expect(first.results.map((r) => [r.status, r.attempts])).toEqual([
				['uncertain', 1],
				['sent', 1],
			]);
			expect(first.results[0].reason).toMatch(/^outcome unknown: the whole e-mail went to dezon@yukiworks\.be but the server did not answer \(.+\); it may have been accepted/);
			expect(first.results[0].reason).toContain(`Message-ID ${first.results[0].messageId}`);
			expect(first.results[0].reason).toContain('turn on Resend');
			expect(s.received).toBe(2); // the server has doc_1 once (it may well have queued it)

			const later = await runBatch(s.port, 2, { log: first.log });
			expect(later.results.map((r) => r.status)).toEqual(['uncertain', 'skipped']);
			expect(later.results[0].reason).toMatch(/^outcome unknown since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: the whole e-mail \(Message-ID <[0-9a-f]{40}@n8n-nodes-numnum-yuki>\) went to dezon@yukiworks\.be but the server never answered; check that inbox, and turn on Resend/);
			expect(s.received).toBe(2);
			await expectNoDuplicatesNoLosses(s, [...first.results, ...later.results]);

			const resent = await runBatch(s.port, 1, { log: first.log, resend: true });
			expect(resent.results.map((r) => r.status)).toEqual(['sent']);
			expect(s.received).toBe(3);
			const again = await runBatch(s.port, 1, { log: first.log });
			expect(again.results.map((r) => r.status)).toEqual(['skipped']);
		},
	);

	it('no greeting: times out, retried, failed; nothing delivered', async () => {
		const s = await start({ faults: [{ stage: 'connect', hang: true, times: Infinity }] });
		const { results } = await runBatch(s.port, 2, { maxAttempts: 2, smtp: { timeoutMs: 300 } });
		expect(results.map((r) => [r.status, r.attempts])).toEqual([
			['failed', 2],
			['failed', 2],
		]);
		expect(results[0].reason).toMatch(/Timeout|timed out/i);
		expect(s.received).toBe(0);
		await expectNoDuplicatesNoLosses(s, results);
	});

	it('TLS handshake failure (untrusted certificate): the run stops at once', async () => {
		const s = await start({ tls: 'implicit' });
		const batch = await runBatch(s.port, 3, { smtp: { secure: true } });
		expect(batch.fatal?.message).toMatch(/^TLS connection failed: .*self-signed certificate/);
		expect(batch.results).toEqual([]);
		expect(s.received).toBe(0);
	});

	it('wrong password: the run stops at once with the server answer, after one refused login', async () => {
		const s = await start({ auth: { user: 'dezon', pass: 'right' } });
		const batch = await runBatch(s.port, 3, { smtp: { user: 'dezon', password: 'wrong' } });
		expect(batch.fatal?.message).toBe('credentials rejected: 535 Invalid username or password');
		expect(s.authFailures).toBe(1);
		expect(s.received).toBe(0);
	});
});
