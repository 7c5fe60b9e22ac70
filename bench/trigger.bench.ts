// npm run bench -- trigger
// 1. The signature check alone (verify: HMAC-SHA256 over "<t>.<raw body>", timing-safe compare),
//    and everything the trigger decides per request (signature + JSON + contract + filters +
//    de-duplication), per call, in this process. Goal: the check < 1 ms.
// 2. In a REAL n8n 2.41.1: the NumNum Trigger's response time beside n8n's own Webhook node
//    (v2.1, the default, and v1), each alone in an active workflow, answering "on received", the
//    same signed payloads, requests interleaved one by one so machine load weighs on all alike.
//    Goal: within 10 %. Run twice: n8n's default expression engine, and the legacy one.
import { cpus, loadavg } from 'os';
import { performance } from 'perf_hooks';
import { readFileSync } from 'fs';
import * as path from 'path';

import { SeenEventIds, receiveEvent, signedRequest, wrapInEnvelope } from '../core/events';
import { sign, verify } from '../core/signature';
import { startN8n } from '../test/helpers/n8n';

const SECRET = 'whsec_bench';
const repoRoot = path.resolve(__dirname, '..');
const invoice = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'documents', 'invoice.json'), 'utf8')) as Record<
	string,
	unknown
>;

const fmt = (value: number, digits = 1) =>
	value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
function stats(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}
/** Times each call separately (ms); the first `warmup` calls are dropped. */
function perCall(count: number, warmup: number, fn: (i: number) => unknown): number[] {
	const samples: number[] = [];
	for (let i = 0; i < warmup + count; i++) {
		const start = performance.now();
		fn(i);
		const elapsed = performance.now() - start;
		if (i >= warmup) samples.push(elapsed);
	}
	return samples;
}
const line = (label: string, samples: number[], unit = 'ms', digits = 3) => {
	const s = stats(samples);
	console.log(
		`  ${label.padEnd(44)} median ${fmt(s.median, digits).padStart(8)} ${unit}   p99 ${fmt(s.p99, digits).padStart(8)} ${unit}   (${samples.length} calls)`,
	);
	return s;
};

function signatureBenchmarks(): void {
	console.log('\n1. in process (one thread)');
	const sizes: Array<[string, Record<string, unknown>]> = [
		['sample invoice event', invoice],
		['invoice with a 1 MB PDF', { ...invoice, pdf: { filename: 'big.pdf', contentBase64: Buffer.alloc(768 * 1024, 7).toString('base64') } }],
	];
	for (const [label, document] of sizes) {
		const body = Buffer.from(JSON.stringify(wrapInEnvelope(document, { id: 'evt_bench' })));
		const now = Math.floor(Date.now() / 1000);
		const header = sign(SECRET, body, now);
		const rotating = `${sign('old-secret', body, now)},v1=${sign(SECRET, body, now).split('v1=')[1]}`;
		console.log(` ${label} (${fmt(body.length / 1024, 1)} KB)`);
		const count = body.length > 100_000 ? 500 : 20_000;
		line('verify(), one secret', perCall(count, count / 10, () => verify(body, header, [SECRET], { now })));
		line('verify(), 2 secrets × 2 v1 values (rotation)', perCall(count, count / 10, () => verify(body, rotating, ['old-secret', SECRET], { now })));
		const bodies = Array.from({ length: 200 }, (_, i) => {
			const b = Buffer.from(JSON.stringify(wrapInEnvelope(document, { id: `evt_${i}` })));
			return { b, h: sign(SECRET, b, now) };
		});
		line(
			'receiveEvent() whole decision (new ids)',
			perCall(Math.min(count, 2000), 200, (i) => {
				const { b, h } = bodies[i % bodies.length];
				return receiveEvent({ rawBody: b, signatureHeader: h, secrets: [SECRET], filters: {}, seen: new SeenEventIds(), now });
			}),
		);
	}
}

interface Contender {
	label: string;
	url: string;
	samples: number[];
}

/**
 * One n8n, three active single-node workflows, the same signed payloads (a fresh event id each
 * time, so the trigger really runs the workflow every time, as the Webhook node does).
 * Webhook node v2.1 is the one n8n lets skip its expression isolate during the webhook phase
 * (n8n 2.41 checks the node type); v1 takes the same path as every other trigger, ours included.
 */
async function n8nBenchmark(title: string, env: Record<string, string>): Promise<void> {
	const WARMUP = 20;
	const REQUESTS = Number(process.env.TRIGGER_BENCH_REQUESTS ?? 200);
	console.log(`\n2. real n8n, ${title}: one POST at a time, ${REQUESTS} each after ${WARMUP} warm-up, interleaved`);
	const n8n = await startN8n({ env });
	try {
		const [credential] = await n8n.importCredentials([
			{ name: 'bench secret', type: 'numNumWebhookApi', data: { secret: SECRET, previousSecret: '' } },
		]);
		const triggerWebhookId = '0b7a3c1e-4d5f-4a6b-8c9d-b0e0c0000001';
		await n8n.importWorkflow(
			{
				name: 'bench: NumNum Trigger',
				settings: { executionOrder: 'v1' },
				nodes: [
					{
						name: 'NumNum Trigger',
						type: 'n8n-nodes-numnum-yuki.numNumTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId: triggerWebhookId,
						parameters: { documentTypes: [] },
					},
				],
				connections: {},
			},
			{ credentials: [credential], activate: true },
		);
		for (const [version, path] of [
			[2.1, 'bench-plain'],
			[1, 'bench-plain-v1'],
		] as const) {
			await n8n.importWorkflow(
				{
					name: `bench: Webhook node v${version}`,
					settings: { executionOrder: 'v1' },
					nodes: [
						{
							name: 'Webhook',
							type: 'n8n-nodes-base.webhook',
							typeVersion: version,
							position: [0, 0],
							webhookId: `0b7a3c1e-4d5f-4a6b-8c9d-b0e0c000000${version === 1 ? 3 : 2}`,
							parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
						},
					],
					connections: {},
				},
				{ activate: true },
			);
		}
		const contenders: Contender[] = [
			{ label: 'NumNum Trigger (verify + validate + dedupe)', url: n8n.webhookUrl(`${triggerWebhookId}/numnum`), samples: [] },
			{ label: "n8n's Webhook node v2.1 (default version)", url: n8n.webhookUrl('bench-plain'), samples: [] },
			{ label: "n8n's Webhook node v1", url: n8n.webhookUrl('bench-plain-v1'), samples: [] },
		];

		const post = async (url: string, id: string, secret = SECRET) => {
			const request = signedRequest(wrapInEnvelope(invoice, { id }), secret);
			const start = performance.now();
			const response = await fetch(url, { method: 'POST', body: request.body, headers: request.headers });
			await response.arrayBuffer();
			return { ms: performance.now() - start, status: response.status };
		};
		for (let i = 0; i < WARMUP + REQUESTS; i++) {
			// Rotate the order so no contender always follows the same one.
			for (let k = 0; k < contenders.length; k++) {
				const contender = contenders[(i + k) % contenders.length];
				const { ms, status } = await post(contender.url, `evt_bench_${i}_${k}`);
				if (status !== 200) throw new Error(`${contender.label} answered ${status}`);
				if (i >= WARMUP) contender.samples.push(ms);
			}
		}
		const [ours, plain, plainV1] = contenders.map((contender) => line(contender.label, contender.samples, 'ms', 2));
		console.log(`  ratio NumNum Trigger ÷ Webhook v2.1: median ${fmt(ours.median / plain.median, 3)} ×, p99 ${fmt(ours.p99 / plain.p99, 3)} ×`);
		console.log(`  ratio NumNum Trigger ÷ Webhook v1:   median ${fmt(ours.median / plainV1.median, 3)} ×, p99 ${fmt(ours.p99 / plainV1.p99, 3)} ×`);

		// What a refused request costs (401, no execution).
		const rejected: number[] = [];
		for (let i = 0; i < 50; i++) {
			const { ms, status } = await post(contenders[0].url, `evt_bad_${i}`, 'wrong secret');
			if (status !== 401) throw new Error(`expected 401, got ${status}`);
			rejected.push(ms);
		}
		line('NumNum Trigger, bad signature → 401', rejected, 'ms', 2);
	} finally {
		await n8n.stop();
	}
}

async function main(): Promise<void> {
	const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
	console.log(`node ${process.version}, ${cpus().length} CPUs; load average ${load()}`);
	signatureBenchmarks();
	if (process.env.TRIGGER_BENCH_SKIP_N8N !== '1') {
		await n8nBenchmark('default configuration', {});
		// The same with the legacy (in-process) expression engine: no isolate for anyone, so the
		// difference left is what the trigger itself does.
		await n8nBenchmark('N8N_EXPRESSION_ENGINE=legacy', { N8N_EXPRESSION_ENGINE: 'legacy' });
	}
	console.log(`\nload average at the end: ${load()}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
