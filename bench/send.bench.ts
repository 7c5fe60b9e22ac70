// npm run bench -- send
// 500 documents with ~50 KB UBL attachments, e-mailed from ONE real n8n 2.41.1 (filesystem binary
// mode, our built package loaded) to a loopback smtp-server sink, by Send to Yuki Inbox and by n8n's
// built-in Send Email node (n8n-nodes-base.emailSend 2.1, credential type `smtp`), fed the same
// items (see bench/helpers/sendWorkflow.ts). Two sinks: stock smtp-server (100 ms pause before each
// greeting, as many real servers have) and one that greets at once. Also the ceiling: a bare
// nodemailer client on one pooled connection with Nagle off. And n8n's peak RSS with our node at
// 2,000 documents vs 500. Rates are the sending node's own execution time in n8n (the feed nodes
// before it are not counted); RSS is sampled over n8n's whole process tree during each run, and the
// feed alone (a No Operation node instead of a sender) is measured too, to tell its share apart.
//
// BENCH_SEND_DOCS=500 BENCH_SEND_BIG=2000 override the sizes; BENCH_SEND_EMAIL_BIG=1 also runs Send
// Email at the big size (slow: ~5 min on the stock sink); BENCH_SEND_FEED=1 also measures the feed
// alone at both sizes (two more n8n starts; peak RSS is noisy enough that it rarely tells much).
import { mkdtempSync, rmSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { executionError, nodeItems, nodeRuns, startN8n, type N8nInstance } from '../test/helpers/n8n';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink';
import { bareNodemailer, greetWithoutPause, mb, perSecond, sampleRss, type RssPeak } from './helpers/sendMeasure';
import { sendWorkflow, writeUblFiles, type Sender } from './helpers/sendWorkflow';

const DOCS = Number(process.env.BENCH_SEND_DOCS ?? 500);
const BIG = Number(process.env.BENCH_SEND_BIG ?? 2000);
const SEND_EMAIL_BIG = process.env.BENCH_SEND_EMAIL_BIG === '1';
const FEED_ALONE = process.env.BENCH_SEND_FEED === '1';

interface RunResult {
	sender: Sender;
	sink: string;
	count: number;
	delivered: number;
	nodeSeconds: number;
	wallSeconds: number;
	rate: number;
	rss: RssPeak;
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
	const started = performance.now();
	const work = mkdtempSync(path.join(tmpdir(), 'numnum-send-bench-'));
	const filesDir = path.join(work, 'files');
	let n8n: N8nInstance | undefined;
	const sinks: SmtpSink[] = [];
	try {
		console.log(`load average at start: ${load()} (${cpus().length} CPUs)`);
		const t0 = performance.now();
		const { files, bytes } = writeUblFiles(filesDir, Math.max(DOCS, BIG));
		console.log(`${files.length} UBL files, ${(bytes / files.length / 1024).toFixed(1)} KB each on average (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

		const stock = await startSmtpSink({ keep: 'count' });
		const quick = await startSmtpSink({ keep: 'count' });
		greetWithoutPause(quick.port);
		sinks.push(stock, quick);

		let runNumber = 0;
		/**
		 * A FRESH n8n for `body`: its heap does not shrink after a run, so each peak-RSS figure that is
		 * compared with another comes from an instance that did only a 20-document warm-up before.
		 */
		async function withN8n<T>(body: (run: (sender: Sender, sink: SmtpSink, count: number) => Promise<RunResult>) => Promise<T>): Promise<T> {
			n8n = await startN8n({
				// n8n 2.x lets file nodes read only below N8N_RESTRICT_FILE_ACCESS_TO.
				env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
			});
			const instance = n8n;
			const mainPid = (instance as unknown as { child: { pid: number } }).child.pid;
			console.log(`n8n ready in ${(instance.startupMs / 1000).toFixed(0)} s (pid ${mainPid})`);
			const credentialsFor = async (sink: SmtpSink) => {
				const [ours, theirs] = await instance.importCredentials([
					{
						name: `Yuki sink ${sink.port}`,
						type: 'yukiSmtpApi',
						data: { host: sink.host, port: sink.port, secure: false, startTls: 'never', user: '', password: '', hostName: 'bench.test', allowSelfSigned: false },
					},
					{
						name: `SMTP sink ${sink.port}`,
						type: 'smtp',
						data: { host: sink.host, port: sink.port, secure: false, disableStartTls: true, user: '', password: '', hostName: 'bench.test' },
					},
				]);
				return { ours, sendEmail: theirs };
			};
			const credentials = new Map([
				[stock, await credentialsFor(stock)],
				[quick, await credentialsFor(quick)],
			]);

			async function run(sender: Sender, sink: SmtpSink, count: number): Promise<RunResult> {
				const tag = `r${++runNumber}`;
				const credential = sender === 'ours' ? credentials.get(sink)!.ours : credentials.get(sink)!.sendEmail;
				const workflow = await instance.importWorkflow(sendWorkflow(sender, count, tag, filesDir, credential));
				const before = sink.received;
				const sampler = sampleRss(mainPid);
				const wallStart = performance.now();
				const execution = await instance.executeWorkflow(workflow.id, { timeoutMs: 20 * 60_000 });
				const wallSeconds = (performance.now() - wallStart) / 1000;
				const rss = sampler.stop();
				const error = executionError(execution);
				if (error) throw new Error(`${sender} × ${count}: ${error}`);
				const delivered = sink.received - before;
				const out = nodeItems(execution, 'Send');
				if (out.length !== count || delivered !== (sender === 'none' ? 0 : count)) {
					throw new Error(`${sender} × ${count}: ${out.length} items out, ${delivered} e-mails delivered`);
				}
				if (sender === 'ours' && out.some((item) => item.json.status !== 'sent')) {
					throw new Error(`ours × ${count}: not every item sent: ${JSON.stringify(out.find((item) => item.json.status !== 'sent')?.json)}`);
				}
				const nodeSeconds = (Number((nodeRuns(execution, 'Send')[0] as { executionTime?: number }).executionTime) || Number.NaN) / 1000;
				const result = { sender, sink: sink === stock ? 'stock' : 'no pause', count, delivered, nodeSeconds, wallSeconds, rate: count / nodeSeconds, rss };
				console.log(
					`  ${sender.padEnd(9)} × ${String(count).padStart(4)} → ${result.sink.padEnd(8)} sink: ${perSecond(result.rate).padStart(7)} ` +
						`(node ${nodeSeconds.toFixed(1)} s, whole execution ${wallSeconds.toFixed(1)} s), ` +
						`peak RSS tree ${mb(rss.treeMb)} (before ${mb(rss.startMb)}), main VmHWM ${mb(rss.mainHwmMb)}; load ${load()}`,
				);
				return result;
			}

			try {
				return await body(run);
			} finally {
				await instance.stop();
				n8n = undefined;
			}
		}

		// Warm-up runs (module loading, JIT, first sqlite writes) are not counted.
		const ours500 = await withN8n(async (run) => {
			await run('ours', quick, 20);
			return await run('ours', stock, DOCS);
		});
		const oursBig = await withN8n(async (run) => {
			await run('ours', quick, 20);
			return await run('ours', stock, BIG);
		});
		// The feed alone (Code → Read/Write Files → Merge → No Operation) at both sizes, each on a fresh n8n.
		const feedAlone = async (count: number) =>
			await withN8n(async (run) => {
				await run('ours', quick, 20);
				return await run('none', stock, count);
			});
		const feed500 = FEED_ALONE ? await feedAlone(DOCS) : undefined;
		const feedBig = FEED_ALONE ? await feedAlone(BIG) : undefined;
		const [theirs500, oursQuick, theirsQuick] = await withN8n(async (run) => {
			await run('sendEmail', quick, 20);
			const theirs = await run('sendEmail', stock, DOCS);
			return [theirs, await run('ours', quick, DOCS), await run('sendEmail', quick, DOCS)];
		});
		const theirsBig = SEND_EMAIL_BIG
			? await withN8n(async (run) => {
					await run('sendEmail', quick, 20);
					return await run('sendEmail', quick, BIG);
				})
			: undefined;

		const bareStock = await bareNodemailer(stock.host, stock.port, files.slice(0, DOCS));
		const bareQuick = await bareNodemailer(quick.host, quick.port, files.slice(0, DOCS));
		const bareStockRate = bareStock.sent / bareStock.seconds;
		const bareQuickRate = bareQuick.sent / bareQuick.seconds;
		console.log(`  bare nodemailer (pooled, Nagle off, in the bench process) × ${DOCS}: stock ${perSecond(bareStockRate)}, no pause ${perSecond(bareQuickRate)}`);

		const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
		console.log('');
		console.log(`Send bench: ${DOCS} documents, ~50 KB UBL attachment each, loopback smtp-server, n8n 2.41.1 filesystem binary mode`);
		console.log('                                   stock sink (100 ms greeting)   sink greeting at once');
		console.log(`  Send to Yuki Inbox (ours)        ${perSecond(ours500.rate).padStart(10)}                     ${perSecond(oursQuick.rate).padStart(10)}`);
		console.log(`  n8n Send Email                   ${perSecond(theirs500.rate).padStart(10)}                     ${perSecond(theirsQuick.rate).padStart(10)}`);
		console.log(`  ratio ours / Send Email          ${ratio(ours500.rate, theirs500.rate).padStart(10)}                     ${ratio(oursQuick.rate, theirsQuick.rate).padStart(10)}`);
		console.log(`  bare pooled nodemailer           ${perSecond(bareStockRate).padStart(10)}                     ${perSecond(bareQuickRate).padStart(10)}`);
		console.log(`  ours / bare (goal ≥ 0.5)         ${ratio(ours500.rate, bareStockRate).padStart(10)}                     ${ratio(oursQuick.rate, bareQuickRate).padStart(10)}`);
		console.log(`  goal ≥ 100/s on the stock sink: ${ours500.rate >= 100 ? 'met' : 'NOT met'} (${perSecond(ours500.rate)})`);
		console.log(`n8n peak RSS (process tree; main process VmHWM in brackets):`);
		console.log(`  ours ${DOCS}: ${mb(ours500.rss.treeMb)} [${mb(ours500.rss.mainHwmMb)}]   ours ${BIG}: ${mb(oursBig.rss.treeMb)} [${mb(oursBig.rss.mainHwmMb)}]   ratio ${ratio(oursBig.rss.treeMb, ours500.rss.treeMb)} [${ratio(oursBig.rss.mainHwmMb, ours500.rss.mainHwmMb)}] (goal ≤ 1.3×)`);
		if (feed500 && feedBig) {
			console.log(
				`  the feed alone: ${DOCS}: ${mb(feed500.rss.treeMb)} [${mb(feed500.rss.mainHwmMb)}]   ${BIG}: ${mb(feedBig.rss.treeMb)} [${mb(feedBig.rss.mainHwmMb)}]` +
					`; so our node adds ${mb(ours500.rss.treeMb - feed500.rss.treeMb)} at ${DOCS} and ${mb(oursBig.rss.treeMb - feedBig.rss.treeMb)} at ${BIG} to the tree's peak`,
			);
		}
		console.log(`  Send Email ${DOCS}: ${mb(theirs500.rss.treeMb)} [${mb(theirs500.rss.mainHwmMb)}]${theirsBig ? `   Send Email ${BIG} (no-pause sink): ${mb(theirsBig.rss.treeMb)} [${mb(theirsBig.rss.mainHwmMb)}]` : ''}`);
		console.log('  (each figure from a fresh n8n after a 20-document warm-up; Send Email 500 ran first on its instance)');
		console.log(`  ours at ${BIG}: ${perSecond(oursBig.rate)} on the stock sink`);
		console.log(`load average at end: ${load()}; bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		await n8n?.stop();
		for (const sink of sinks) await sink.close();
		rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
