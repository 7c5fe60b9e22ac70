// npm start: the whole product on this machine, no external mail server or account needed.
// (scripts/demo.sh builds the package first, then runs this.)
//
//  - a local SMTP server standing in for the Yuki inbox: every message is written as .eml under
//    .tmp/demo/inbox/<start time>/ (one folder per start) and listed on a small web inbox with
//    download links for the attachments and the PDF embedded in each UBL;
//  - the pinned real n8n with this package loaded, its data in .tmp/demo/n8n (kept between runs,
//    so your own changes survive; `npm start -- --fresh` starts over);
//  - the example workflows imported once, their credentials pointing at the local inbox, the
//    auto-forwarding one published;
//  - one signed sample event sent to it, a new invoice number on every start, so an invoice
//    e-mail with its UBL lands in the inbox each time.
//  - a local IMAP mailbox (Dovecot, scripts/demo-mailbox.ts) with the mailbox example published
//    and a NumNum-style export e-mail with two documents dropped into it.
//
// Ctrl-C stops n8n, the SMTP server and the web inbox.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { freePort } from '../test/helpers/free-port';
import {
	executionError,
	nodeItems,
	nodeWebhookPath,
	startN8n,
	type ImportedCredential,
	type N8nInstance,
	type N8nWorkflowJson,
} from '../test/helpers/n8n';
import { REPO_ROOT } from '../test/helpers/n8n-install';
import { startWebInbox, type WebInbox } from './demo-inbox';
import { freshSampleInvoice } from './demo-sample';
import { startDemoMailbox } from './demo-mailbox';

const DEMO_DIR = path.join(REPO_ROOT, '.tmp', 'demo');
const USER_FOLDER = path.join(DEMO_DIR, 'n8n');
const INBOX_DIR = path.join(DEMO_DIR, 'inbox');
// The package is staged outside the repo: from inside it, Node would resolve n8n-workflow from
// the repo's node_modules instead of n8n's own copy.
const STAGE_DIR = path.join(os.homedir(), '.cache', 'n8n-nodes-numnum-yuki', 'demo-stage');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples', 'workflows');
const DOCUMENTS_DIR = path.join(REPO_ROOT, 'examples', 'documents');
const TRIGGER_TYPE = 'n8n-nodes-numnum-yuki.numNumTrigger';
const TRIGGER_WEBHOOK_PATH = 'numnum';

const log = (message: string) => process.stdout.write(`[demo] ${message}\n`);
const missing = (message: string) => process.stdout.write(`[demo] MISSING: ${message}\n`);

/** A fixed, memorable port when free (env override), else any free one. */
async function preferredPort(envName: string, fallback: number): Promise<number> {
	const wanted = Number(process.env[envName] ?? fallback);
	const probe = await import('node:net').then(
		(net) =>
			new Promise<boolean>((resolve) => {
				const server = net.createServer();
				server.once('error', () => resolve(false));
				server.listen(wanted, '127.0.0.1', () => server.close(() => resolve(true)));
			}),
	);
	if (probe) return wanted;
	const port = await freePort();
	log(`port ${wanted} is busy (set ${envName} to choose another): using ${port}`);
	return port;
}

function readSecret(): string {
	const file = path.join(DEMO_DIR, 'numnum-signing-secret.txt');
	if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
	return fs.readFileSync(file, 'utf8').trim();
}

function loadExamples(): Array<{ file: string; json: N8nWorkflowJson }> {
	if (!fs.existsSync(EXAMPLES_DIR)) return [];
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = path.join(EXAMPLES_DIR, name);
			return { file, json: JSON.parse(fs.readFileSync(file, 'utf8')) as N8nWorkflowJson };
		});
}

/** The scheduled example reads a JSON export: point it at our sample documents inside n8n's file area. */
function withDemoDocuments(workflow: N8nWorkflowJson, filesDir: string): N8nWorkflowJson {
	const readers = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.readWriteFile');
	if (readers.length === 0 || !fs.existsSync(DOCUMENTS_DIR)) return workflow;
	const exportFile = path.join(filesDir, 'numnum', 'documents.json');
	fs.mkdirSync(path.dirname(exportFile), { recursive: true });
	const documents = fs
		.readdirSync(DOCUMENTS_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => JSON.parse(fs.readFileSync(path.join(DOCUMENTS_DIR, name), 'utf8')) as unknown);
	fs.writeFileSync(exportFile, JSON.stringify(documents, null, 2));
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			readers.includes(node) ? { ...node, parameters: { ...node.parameters, fileSelector: exportFile } } : node,
		),
	};
}

async function importExamples(n8n: N8nInstance, credentials: ImportedCredential[], filesDir: string) {
	const examples = loadExamples();
	if (examples.length === 0) missing(`no example workflows in ${path.relative(REPO_ROOT, EXAMPLES_DIR)}/`);
	const existing = await n8n.listWorkflows();
	const result: Array<{ id: string; name: string; active: boolean; json: N8nWorkflowJson }> = [];
	for (const example of examples) {
		const found = existing.find((w) => w.name === example.json.name);
		if (found) {
			log(`kept workflow "${found.name}" from an earlier run (${found.id})`);
			result.push({ ...found, json: example.json });
			continue;
		}
		const { id, name } = await n8n.importWorkflow(withDemoDocuments(example.json, filesDir), { credentials });
		log(`imported ${path.relative(REPO_ROOT, example.file)} as "${name}" (${id})`);
		result.push({ id, name, active: false, json: example.json });
	}
	return result;
}

/** Signs and posts the sample invoice event with the project's own command (scripts/send-sample-event.ts). */
function sendSampleEvent(url: string, secret: string, document: Record<string, unknown>): boolean {
	const script = path.join(REPO_ROOT, 'scripts', 'send-sample-event.ts');
	if (!fs.existsSync(script)) {
		missing('scripts/send-sample-event.ts (no sample event sent)');
		return false;
	}
	const file = path.join(DEMO_DIR, 'sample-invoice.json');
	fs.writeFileSync(file, JSON.stringify(document, null, 2));
	const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
	const run = spawnSync(tsx, [script, '--url', url, '--secret', secret, '--file', file], {
		encoding: 'utf8',
	});
	const indent = (text: string) => text.trimEnd().replace(/^/gm, '[demo]   ') + '\n';
	if (run.stdout.trim()) process.stdout.write(indent(run.stdout));
	if (run.status !== 0 && run.stderr.trim()) process.stdout.write(indent(run.stderr));
	return run.status === 0;
}

async function reportAutoForward(n8n: N8nInstance, workflowId: string, before: number): Promise<void> {
	const executions = await n8n.waitForExecutions(workflowId, before + 1, 120_000);
	const latest = executions[0];
	const error = executionError(latest);
	if (error) {
		log(`the auto-forwarding run failed: ${error}`);
		return;
	}
	const sendNode = latest.data?.resultData.runData
		? Object.keys(latest.data.resultData.runData).find((name) => /send/i.test(name))
		: undefined;
	for (const item of sendNode ? nodeItems(latest, sendNode) : []) {
		const { status, number, reason, recipients } = item.json as Record<string, unknown>;
		log(`document ${String(number)}: ${String(status)}${reason ? ` (${String(reason)})` : ''} → ${String(recipients ?? '')}`);
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { fresh: { type: 'boolean' } } });
	if (values.fresh) {
		log(`--fresh: removing ${path.relative(REPO_ROOT, DEMO_DIR)}/`);
		fs.rmSync(DEMO_DIR, { recursive: true, force: true });
	}
	fs.mkdirSync(DEMO_DIR, { recursive: true });

	const { startSmtpSink } = await import('../test/helpers/smtp-sink');
	const cleanups: Array<() => Promise<void>> = [];
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('stopping…');
		for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const startedAt = new Date();
		const sessionInbox = path.join(INBOX_DIR, startedAt.toISOString().replace(/[:.]/g, '-'));
		const smtpPort = await preferredPort('DEMO_SMTP_PORT', 2525);
		const sink = await startSmtpSink({ mailDir: sessionInbox, port: smtpPort, keep: 'count' });
		cleanups.push(() => sink.close());
		const web: WebInbox = await startWebInbox(INBOX_DIR, await preferredPort('DEMO_INBOX_PORT', 8025));
		cleanups.push(() => web.close());
		log(`local SMTP inbox on 127.0.0.1:${sink.port}, web inbox ${web.url}`);

		const mailbox = await startDemoMailbox(await preferredPort('DEMO_IMAP_PORT', 1143), log);
		if (mailbox) cleanups.push(() => mailbox.stop());

		const filesDir = path.join(USER_FOLDER, '.n8n-files');
		fs.mkdirSync(filesDir, { recursive: true });
		log(`starting n8n 2.41.1 with the package (data in ${path.relative(REPO_ROOT, USER_FOLDER)}/)…`);
		fs.mkdirSync(STAGE_DIR, { recursive: true });
		const n8n = await startN8n({
			userFolder: USER_FOLDER,
			workDir: STAGE_DIR,
			port: await preferredPort('DEMO_N8N_PORT', 5678),
			env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
		});
		cleanups.push(() => n8n.stop());
		log(`n8n ready after ${(n8n.startupMs / 1000).toFixed(1)} s (log: ${n8n.logFile})`);

		const ourTypes = (await n8n.listNodeTypes()).filter((t) => t.startsWith('CUSTOM.'));
		log(`our nodes in n8n: ${ourTypes.join(', ') || 'none'}`);
		const credentialTypes = await n8n.listCredentialTypes();
		const secret = readSecret();
		const credentials: ImportedCredential[] = [];
		const wanted = [
			{
				name: 'Yuki inbox SMTP (local demo inbox)',
				type: 'yukiSmtpApi',
				data: { host: '127.0.0.1', port: sink.port, secure: false, startTls: 'never', user: '', password: '' },
			},
			{ name: 'NumNum signing secret (demo)', type: 'numNumWebhookApi', data: { secret } },
			...(mailbox ? [mailbox.credential] : []),
		];
		for (const credential of wanted) {
			if (!credentialTypes.includes(credential.type)) {
				missing(`credential type ${credential.type} is not loaded`);
				continue;
			}
			credentials.push(await n8n.upsertCredential(credential));
		}

		const workflows = await importExamples(n8n, credentials, filesDir);
		const autoForward = workflows.find((w) => w.json.nodes.some((n) => n.type === TRIGGER_TYPE));
		let webhookUrl: string | undefined;
		if (!autoForward) {
			missing('an example workflow with the NumNum Trigger (nothing published, no sample event)');
		} else {
			const trigger = autoForward.json.nodes.find((n) => n.type === TRIGGER_TYPE)!;
			webhookUrl = n8n.webhookUrl(nodeWebhookPath(trigger, TRIGGER_WEBHOOK_PATH));
			if (!autoForward.active) {
				await n8n.activate(autoForward.id);
				log(`published "${autoForward.name}": it listens at ${webhookUrl}`);
			}
			const before = (await n8n.getExecutions(autoForward.id, { includeData: false })).length;
			const sample = freshSampleInvoice(DOCUMENTS_DIR, startedAt);
			log(`sending a signed sample invoice event (invoice ${String(sample.number)}, new on every start)…`);
			if (sendSampleEvent(webhookUrl, secret, sample)) await reportAutoForward(n8n, autoForward.id, before);
		}

		if (mailbox) await mailbox.publishAndDrop(n8n, workflows);

		const line = '─'.repeat(72);
		process.stdout.write(`
${line}
 n8n editor     ${n8n.baseUrl}
   sign in      ${n8n.owner.email} / ${n8n.owner.password}
 web inbox      ${web.url}
   .eml files   ${sessionInbox} (this start; earlier ones beside it)
 SMTP inbox     127.0.0.1:${sink.port} (credential "Yuki inbox SMTP (local demo inbox)")
${mailbox ? ` IMAP mailbox   127.0.0.1:${mailbox.server.port} ${mailbox.server.users[0].user} / ${mailbox.server.users[0].password} (NumNum Mailbox Trigger)\n` : ''}${
	webhookUrl
		? ` NumNum Trigger ${webhookUrl}
 another event  npx tsx scripts/send-sample-event.ts --url ${webhookUrl} \\
                  --secret ${secret} --example credit-note
`
		: ''
} n8n data       ${USER_FOLDER} (kept; npm start -- --fresh starts over)
 n8n log        ${n8n.logFile}
${line}
 Ctrl-C stops everything.
`);
	} catch (error) {
		process.stderr.write(`[demo] ${error instanceof Error ? error.message : String(error)}\n`);
		await stop(1);
	}
}

void main();
