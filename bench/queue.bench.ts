// npm run bench -- queue
// The cost of queue mode's shared claims and delivery records, measured on the real parts: a real
// redis-server (scripts/redis.sh, AOF with fsync on every write, as the guarantee needs) and a
// loopback SMTP sink. 2,000 documents × 50 KB UBL, each e-mailed once, exported by exportBatch (the
// node's whole send path) in separate Node processes ("workers"):
//   single  1 process, no shared store (what a single n8n does besides its own ledger)
//   queue×1 1 process with the Redis claims (claim, intent before the final ".", outcome)
//   queue×2 2 processes with the Redis claims, each half of the documents, at the same time
// Reported: e-mails/s, ratios, and the claim/record overhead per document (queue×1 − single).
// Not measured here: n8n itself in queue mode (Bull, PostgreSQL, Build UBL); see docs/queue-mode.md.
// BENCH_QUEUE_DOCS (default 2000), BENCH_QUEUE_UBL_BYTES (default 50000) override the sizes.
import { execFile } from 'child_process';
import { cpus, loadavg } from 'os';
import * as path from 'path';
import { promisify } from 'util';

import { startRedis } from '../test/helpers/services';
import { startSmtpSink } from '../test/helpers/smtp-sink';
import { greetWithoutPause, perSecond } from './helpers/sendMeasure';

const run = promisify(execFile);
const DOCS = Number(process.env.BENCH_QUEUE_DOCS ?? 2000);
const UBL_BYTES = Number(process.env.BENCH_QUEUE_UBL_BYTES ?? 50_000);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

interface WorkerResult {
	sent: number;
	seconds: number;
	failed: string[];
}

async function worker(env: Record<string, string>): Promise<WorkerResult> {
	const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
	const { stdout } = await run(tsx, [path.join(__dirname, 'helpers', 'queueWorker.ts')], {
		env: { ...process.env, ...env, Q_UBL_BYTES: String(UBL_BYTES) },
		maxBuffer: 16 * 1024 * 1024,
	});
	return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as WorkerResult;
}

async function main(): Promise<void> {
	console.log(`load average at start: ${load()} (${cpus().length} CPUs); ${DOCS} documents × ${Math.round(UBL_BYTES / 1000)} KB`);
	const redis = await startRedis();
	const sink = await startSmtpSink({ keep: 'count' });
	greetWithoutPause(sink.port);
	const smtp = { Q_SMTP_PORT: String(sink.port) };
	try {
		const rows: Array<{ name: string; sent: number; seconds: number; rate: number }> = [];
		let scope = 0;
		const measure = async (name: string, slices: Array<[number, number]>, shared: boolean) => {
			const before = sink.received;
			const started = Date.now();
			const env: Record<string, string> = shared ? { Q_REDIS_PORT: String(redis.port), Q_SCOPE: `bench-${++scope}` } : {};
			const results = await Promise.all(slices.map(async ([from, to]) => await worker({ ...smtp, ...env, Q_FROM: String(from), Q_TO: String(to) })));
			const failed = results.flatMap((r) => r.failed);
			if (failed.length > 0) throw new Error(`${name}: ${failed.length} failed, e.g. ${failed[0]}`);
			const sent = results.reduce((n, r) => n + r.sent, 0);
			if (sent !== DOCS || sink.received - before !== DOCS) throw new Error(`${name}: ${sent} sent, ${sink.received - before} received, expected ${DOCS}`);
			// The run's time: from the first worker's first e-mail to the last worker's end (process start-up excluded).
			const seconds = Math.max(...results.map((r) => r.seconds));
			rows.push({ name, sent, seconds, rate: sent / seconds });
			console.log(`${name.padEnd(8)} ${perSecond(sent / seconds).padStart(7)}  (${seconds.toFixed(1)} s export, ${((Date.now() - started) / 1000).toFixed(1)} s with start-up)`);
		};
		const all: Array<[number, number]> = [[0, DOCS]];
		const halves: Array<[number, number]> = [[0, DOCS / 2], [DOCS / 2, DOCS]];
		// Alternating order, twice, so a change in the machine's load hits every variant alike.
		for (let round = 0; round < 2; round++) {
			await measure('single', all, false);
			await measure('queue×1', all, true);
			await measure('queue×2', halves, true);
		}
		const best = (name: string) => rows.filter((r) => r.name === name).reduce((a, b) => (b.rate > a.rate ? b : a));
		const single = best('single');
		const one = best('queue×1');
		const two = best('queue×2');
		console.log(`\nbest of 2: single ${perSecond(single.rate)}, queue×1 ${perSecond(one.rate)}, queue×2 ${perSecond(two.rate)}`);
		console.log(`ratio queue×2 / single: ${(two.rate / single.rate).toFixed(2)} (goal ≥ 1)`);
		console.log(`ratio queue×2 / queue×1: ${(two.rate / one.rate).toFixed(2)}`);
		console.log(`claim/record overhead per document (queue×1 − single): ${(((one.seconds - single.seconds) / DOCS) * 1000).toFixed(2)} ms (goal ≤ 2 ms)`);
		console.log(`load average at end: ${load()}`);
	} finally {
		await sink.close();
		await redis.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
