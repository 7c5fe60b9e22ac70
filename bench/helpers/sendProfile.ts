// npx tsx bench/helpers/sendProfile.ts [docs]
// Where n8n's main thread spends its time while Send to Yuki Inbox sends `docs` (default 500)
// documents to the stock loopback sink: n8n runs with --cpu-prof, and the profile's self time is
// summed per function and per package. Not a benchmark (profiling slows n8n); it tells what to fix.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { executionError, nodeRuns, startN8n } from '../../test/helpers/n8n';
import { startSmtpSink } from '../../test/helpers/smtp-sink';
import { sendWorkflow, writeUblFiles } from './sendWorkflow';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/**
 * The samples of the send itself: the `windowMs` before the last sample with nodemailer on the
 * stack (the profile covers n8n's whole life, start-up and warm-up included).
 */
function sendWindow(profile: CpuProfile, windowMs: number): CpuProfile {
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const mailing = new Map<number, boolean>();
	const hasMailer = (id: number): boolean => {
		const known = mailing.get(id);
		if (known !== undefined) return known;
		const node = byId.get(id);
		const up = parent.get(id);
		const result = (node?.callFrame.url.includes('nodemailer') ?? false) || (up !== undefined && hasMailer(up));
		mailing.set(id, result);
		return result;
	};
	const times: number[] = [];
	let t = 0;
	for (const delta of profile.timeDeltas) times.push((t += delta));
	let end = -1;
	profile.samples.forEach((id, index) => {
		if (hasMailer(id)) end = index;
	});
	if (end < 0) return profile;
	const from = times[end] - windowMs * 1000;
	const keep = profile.samples.map((_, index) => index).filter((index) => times[index] >= from && index <= end);
	return { nodes: profile.nodes, samples: keep.map((i) => profile.samples[i]), timeDeltas: keep.map((i) => profile.timeDeltas[i]) };
}

function packageOf(url: string): string {
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (match) return match[1];
	if (url.includes('n8n-nodes-numnum-yuki') || url.includes('/dist/')) return 'ours';
	return url === '' ? '(native/idle)' : url.startsWith('node:') ? 'node core' : url;
}

function summarize(profile: CpuProfile, top = 30): void {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfByFunction = new Map<string, number>();
	const selfByPackage = new Map<string, number>();
	let total = 0;
	profile.samples.forEach((id, index) => {
		const node = byId.get(id);
		const dt = profile.timeDeltas[index] ?? 0;
		if (!node) return;
		total += dt;
		const frame = node.callFrame;
		const key = `${frame.functionName || '(anonymous)'} ${packageOf(frame.url)}:${frame.lineNumber}`;
		selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + dt);
		const pkg = frame.functionName === '(idle)' ? '(idle)' : frame.functionName === '(garbage collector)' ? '(gc)' : packageOf(frame.url);
		selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + dt);
	});
	const show = (map: Map<string, number>, n: number) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.forEach(([key, us]) => console.log(`  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`));
	console.log(`profile: ${(total / 1e6).toFixed(1)} s sampled`);
	console.log('by package (self time):');
	show(selfByPackage, 20);
	console.log('by function (self time):');
	show(selfByFunction, top);
}

async function main(): Promise<void> {
	const docs = Number(process.argv[2] ?? 500);
	const work = mkdtempSync(path.join(tmpdir(), 'numnum-send-profile-'));
	const filesDir = path.join(work, 'files');
	const profileDir = path.join(work, 'profile');
	const sink = await startSmtpSink({ keep: 'count' });
	let sendMs = 0;
	try {
		writeUblFiles(filesDir, docs);
		const n8n = await startN8n({
			env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` },
		});
		try {
			const [credential] = await n8n.importCredentials([
				{
					name: 'sink',
					type: 'yukiSmtpApi',
					data: { host: sink.host, port: sink.port, secure: false, startTls: 'never', user: '', password: '', hostName: 'bench.test', allowSelfSigned: false },
				},
			]);
			for (const [tag, count] of [
				['warm', 20],
				['prof', docs],
			] as const) {
				const workflow = await n8n.importWorkflow(sendWorkflow('ours', count, tag, filesDir, credential));
				const execution = await n8n.executeWorkflow(workflow.id, { timeoutMs: 20 * 60_000 });
				const error = executionError(execution);
				if (error) throw new Error(error);
				const ms = Number((nodeRuns(execution, 'Send')[0] as { executionTime?: number }).executionTime);
				console.log(`${tag}: ${count} documents, node ${ms} ms = ${((count / ms) * 1000).toFixed(0)}/s (profiling on)`);
				sendMs = ms;
			}
		} finally {
			await n8n.stop();
		}
		const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
		for (const file of files) {
			const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile;
			if (!profile.nodes.some((node) => node.callFrame.url.includes('nodemailer'))) continue; // not n8n's main thread
			console.log(`\n== ${file}, the last ${sendMs} ms of mailing (the send of ${docs} documents)`);
			summarize(sendWindow(profile, sendMs), 40);
		}
		if (files.length === 0) console.log('no profile written (n8n did not exit normally?)');
	} finally {
		await sink.close();
		rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
