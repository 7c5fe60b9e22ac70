// npm run bench -- mailbox
// The same 200 NumNum export e-mails, dropped at once into a real Dovecot (scripts/dovecot.ts),
// through our NumNum Mailbox Trigger and through n8n's built-in Email Trigger (IMAP, v2.2), each
// alone in a published workflow (trigger → No Op) of one real n8n 2.41.1, one after the other, each
// on its own mailbox of the same server. Counted per trigger: executions, e-mails started more
// than once (duplicates), e-mails never started (misses), and arrival → execution latency (the
// APPEND that delivered the e-mail returned → n8n's startedAt of the execution that carries it),
// median and p99. Then a fault run: half of FAULT_MAILS dropped, Dovecot stopped and started, the other
// half dropped. Goals for ours: 0 duplicates, 0 misses, median < 2 s.
import { randomUUID } from 'node:crypto';

import { startN8n, type N8nExecution, type N8nInstance, type N8nWorkflowJson } from '../test/helpers/n8n';
import { exportEmail, imapClient, numberedDocument, startDovecot, type DovecotServer } from '../test/helpers/imap';

const COUNT = Number(process.env.BENCH_MAILS ?? 200);
const FAULT_MAILS = Number(process.env.BENCH_FAULT_MAILS ?? 50);
const SETTLE_MS = 20_000;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function workflow(name: string, trigger: Record<string, unknown>): N8nWorkflowJson {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: randomUUID(), name: 'Trigger', position: [0, 0], ...trigger } as N8nWorkflowJson['nodes'][number],
			{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

interface Run {
	label: string;
	mails: number;
	executions: number;
	duplicates: number;
	misses: number;
	medianMs: number;
	p99Ms: number;
}

/** APPENDs every e-mail over one connection, noting when each one was in the mailbox. */
async function drop(server: DovecotServer, user: { user: string; password: string }, mails: Array<{ id: string; raw: Buffer }>) {
	const client = imapClient(server, user);
	await client.connect();
	const arrived = new Map<string, number>();
	for (const mail of mails) {
		await client.append('INBOX', mail.raw);
		arrived.set(mail.id, Date.now());
	}
	await client.logout();
	return arrived;
}

async function settle(n8n: N8nInstance, workflowId: string, expected: number): Promise<N8nExecution[]> {
	let last = -1;
	let stableSince = Date.now();
	const deadline = Date.now() + 10 * 60_000;
	for (;;) {
		const all = await n8n.getExecutions(workflowId, { includeData: false });
		const done = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status)).length;
		if (done !== last || done !== all.length) {
			last = done;
			stableSince = Date.now();
		}
		if (done >= expected && Date.now() - stableSince > 3_000) break;
		if (Date.now() - stableSince > SETTLE_MS || Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return await n8n.getExecutions(workflowId, { includeData: true });
}

async function measure(
	label: string,
	n8n: N8nInstance,
	server: DovecotServer,
	user: { user: string; password: string },
	workflowId: string,
	tag: string,
	count: number,
	fault: boolean,
): Promise<Run> {
	const before = new Set((await n8n.getExecutions(workflowId, { includeData: false })).map((e) => e.id));
	const mails: Array<{ id: string; raw: Buffer }> = [];
	for (let i = 1; i <= count; i++) {
		const id = `bench-${tag}-${i}@numnum.test`;
		mails.push({ id, raw: await exportEmail({ documents: [numberedDocument(i)], messageId: `<${id}>` }) });
	}
	let arrived: Map<string, number>;
	if (fault) {
		const half = Math.floor(count / 2);
		arrived = await drop(server, user, mails.slice(0, half));
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		await server.stop();
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		await server.start();
		for (const [id, at] of await drop(server, user, mails.slice(half))) arrived.set(id, at);
	} else {
		arrived = await drop(server, user, mails);
	}
	const executions = (await settle(n8n, workflowId, before.size + count)).filter((e) => !before.has(e.id));
	const pattern = new RegExp(`bench-${tag}-\\d+@numnum\\.test`, 'g');
	const startsOf = new Map<string, number[]>();
	for (const execution of executions) {
		const ids = new Set(JSON.stringify(execution.data ?? {}).match(pattern) ?? []);
		for (const id of ids) startsOf.set(id, [...(startsOf.get(id) ?? []), Date.parse(String(execution.startedAt))]);
	}
	const started = [...startsOf.entries()].map(([id, starts]) => Math.min(...starts) - (arrived.get(id) ?? NaN)).sort((a, b) => a - b);
	return {
		label: fault ? `${label}, Dovecot restarted` : label,
		mails: count,
		executions: executions.length,
		duplicates: [...startsOf.values()].filter((starts) => starts.length > 1).length,
		misses: mails.filter((mail) => !startsOf.has(mail.id)).length,
		medianMs: quantile(started, 0.5),
		p99Ms: quantile(started, 0.99),
	};
}

async function main(): Promise<void> {
	const ours = { user: 'ours', password: 'ours-secret' };
	const builtin = { user: 'builtin', password: 'builtin-secret' };
	const server = await startDovecot({ users: [ours, builtin] });
	const n8n = await startN8n();
	try {
		const [ourCredential, builtinCredential] = await n8n.importCredentials([
			{ name: 'Dovecot (ours)', type: 'numNumImapApi', data: { host: server.host, port: server.port, security: 'starttls', user: ours.user, password: ours.password, allowSelfSigned: true } },
			{ name: 'Dovecot (built-in)', type: 'imap', data: { host: server.host, port: server.tlsPort, secure: true, allowUnauthorizedCerts: true, user: builtin.user, password: builtin.password } },
		]);
		const ourWorkflow = await n8n.importWorkflow(
			workflow('bench: NumNum Mailbox Trigger', { type: 'n8n-nodes-numnum-yuki.numNumMailboxTrigger', typeVersion: 1, parameters: { folder: 'INBOX' } }),
			{ credentials: [ourCredential], activate: true },
		);
		const builtinWorkflow = await n8n.importWorkflow(
			workflow('bench: Email Trigger (IMAP)', { type: 'n8n-nodes-base.emailReadImap', typeVersion: 2.2, parameters: { mailbox: 'INBOX', postProcessAction: 'read', format: 'resolved', options: {} } }),
			{ credentials: [builtinCredential], activate: true },
		);
		console.log(`${COUNT} export e-mails (one UBL each, PDF embedded) dropped at once, per trigger; n8n ${n8n.install.n8nDir.match(/n8n-([\d.]+)/)?.[1] ?? ''}, Dovecot ${server.host}`);
		const runs = [
			await measure('NumNum Mailbox Trigger', n8n, server, ours, ourWorkflow.id, 'ours', COUNT, false),
			await measure('Email Trigger (IMAP) v2.2', n8n, server, builtin, builtinWorkflow.id, 'builtin', COUNT, false),
			await measure('NumNum Mailbox Trigger', n8n, server, ours, ourWorkflow.id, 'ours-fault', FAULT_MAILS, true),
			await measure('Email Trigger (IMAP) v2.2', n8n, server, builtin, builtinWorkflow.id, 'builtin-fault', FAULT_MAILS, true),
		];
		const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');
		console.log(`  ${'trigger'.padEnd(44)}${'mails'.padStart(6)}${'executions'.padStart(11)}${'dupl.'.padStart(6)}${'missed'.padStart(7)}   arrival → execution start: median / p99`);
		for (const run of runs) {
			console.log(
				`  ${run.label.padEnd(44)}${String(run.mails).padStart(6)}${String(run.executions).padStart(11)}${String(run.duplicates).padStart(6)}${String(run.misses).padStart(7)}   ${s(run.medianMs).padStart(10)} / ${s(run.p99Ms)}`,
			);
		}
		const [a, b] = runs;
		console.log(`  median latency to start, built-in / ours: ${(b.medianMs / a.medianMs).toFixed(2)}×; goals for ours: 0 duplicates (${a.duplicates + runs[2].duplicates}), 0 misses (${a.misses + runs[2].misses}), median < 2 s (${s(a.medianMs)})`);
	} finally {
		await n8n.stop();
		await server.destroy();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
