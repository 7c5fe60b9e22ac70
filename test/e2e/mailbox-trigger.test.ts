// NumNum Mailbox Trigger in a REAL n8n 2.41.1, watching a real Dovecot, sending through Send to
// Yuki Inbox to a real SMTP sink. One published workflow (trigger → Send) lives through every
// fault in turn, so each step checks the running totals:
//  - 200 export e-mails dropped at once → exactly 200 executions, 200 e-mails, 0 duplicates;
//  - the same message delivered twice → one execution;
//  - Dovecot stopped and started while the trigger idles → nothing lost, nothing twice;
//  - the workflow unpublished and published again while e-mails arrive → each once;
//  - n8n restarted with e-mails waiting → only those run, nothing handled before runs again;
//  - the shipped example workflow: one e-mail with two documents → two items, to both inboxes.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import {
	nodeItems,
	REPO_ROOT,
	startN8n,
	type ImportedCredential,
	type N8nExecution,
	type N8nInstance,
	type N8nWorkflowJson,
} from '../helpers/n8n';
import { dropMails, exportEmail, numberedDocument, startDovecot, ublOf, type DovecotServer } from '../helpers/imap';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { describeFailures, validateUblDir } from '../helpers/ubl-validate';

jest.setTimeout(10 * 60_000);

const TRIGGER = 'NumNum Mailbox Trigger';
const SEND = 'Send to Yuki Inbox';

function mailboxWorkflow(name: string): N8nWorkflowJson {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER,
				type: 'n8n-nodes-numnum-yuki.numNumMailboxTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { folder: 'INBOX', markSeen: true, moveTo: '', options: { pollSeconds: 5 } },
			},
			{
				id: randomUUID(),
				name: SEND,
				type: 'n8n-nodes-numnum-yuki.sendToYukiInbox',
				typeVersion: 1,
				position: [300, 0],
				parameters: { to: 'inbox@yukiworks.be', fromEmail: 'invoices@mycompany.be', fromName: 'My Company BV', options: { initialBackoffMs: 100 } },
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: SEND, type: 'main', index: 0 }], []] } },
	};
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('NumNum Mailbox Trigger in real n8n', () => {
	let imap: DovecotServer;
	let sink: SmtpSink;
	let n8n: N8nInstance;
	let workDir: string;
	let credentials: ImportedCredential[];
	let workflowId: string;
	let next = 1;

	/** The UBL each document was exported with, by file name: what must reach the sink unchanged. */
	const exportedUbl = new Map<string, Buffer>();

	/** `count` new export e-mails, one new document each. */
	const newExports = async (count: number) => {
		const mails: Buffer[] = [];
		for (let i = 0; i < count; i++) {
			const document = numberedDocument(next++);
			const ubl = ublOf(document);
			exportedUbl.set(ubl.fileName, ubl.content);
			mails.push(await exportEmail({ documents: [document] }));
		}
		return mails;
	};

	const finished = async () => (await n8n.getExecutions(workflowId, { includeData: false })).filter((e) => !['new', 'running', 'waiting'].includes(e.status));

	/** Waits until the workflow has exactly `total` finished executions and the sink `total` e-mails, then a little longer, to see no extra one. */
	async function expectTotals(total: number): Promise<N8nExecution[]> {
		await until(async () => ((await finished()).length >= total && sink.received >= total ? true : undefined), `${total} executions and e-mails`, 240_000);
		await pause(3_000);
		const executions = await finished();
		expect(executions.length).toBe(total);
		expect(sink.received).toBe(total);
		expect(executions.filter((e) => e.status !== 'success').map((e) => e.id)).toEqual([]);
		const parsed = await sink.parsed();
		const documentIds = parsed.map((mail) => String(mail.headers.get('x-numnum-document-id') ?? ''));
		expect(new Set(documentIds).size).toBe(total);
		return executions;
	}

	async function startOurN8n(): Promise<N8nInstance> {
		return await startN8n({ workDir, userFolder: path.join(workDir, 'user') });
	}

	beforeAll(async () => {
		workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'numnum-yuki-mailbox-e2e-'));
		[imap, sink] = await Promise.all([startDovecot(), startSmtpSink({ keep: 'raw' })]);
		n8n = await startOurN8n();
		const user = imap.users[0];
		credentials = await n8n.importCredentials([
			{
				name: 'Local Dovecot',
				type: 'numNumImapApi',
				data: { host: imap.host, port: imap.port, security: 'starttls', user: user.user, password: user.password, allowSelfSigned: true },
			},
			{
				name: 'Local SMTP sink',
				type: 'yukiSmtpApi',
				data: { host: sink.host, port: sink.port, secure: false, startTls: 'never', user: '', password: '', hostName: 'e2e.test', allowSelfSigned: false },
			},
		]);
		workflowId = (await n8n.importWorkflow(mailboxWorkflow('Mailbox → Yuki (e2e)'), { credentials, activate: true })).id;
	});

	afterAll(async () => {
		await n8n?.stop();
		await Promise.all([imap?.destroy(), sink?.close()]);
		if (workDir && !process.env.N8N_HARNESS_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
	});

	it('200 export e-mails dropped at once: 200 executions, 200 e-mails, the UBL bytes forwarded unchanged and valid', async () => {
		const mails = await newExports(200);
		await n8n.guard(async () => {
			await dropMails(imap, mails);
			const executions = await expectTotals(200);
			// Each execution carries one document, with its e-mail and the `ubl` binary Send forwarded.
			const sample = await n8n.getExecution(executions[0].id);
			const [item] = nodeItems(sample, TRIGGER);
			expect(item.json).toMatchObject({ id: expect.any(String), email: { messageId: expect.stringContaining('@numnum.test'), subject: expect.stringContaining('Export') } });
			expect(Object.keys(item.binary ?? {})).toContain('ubl');
			expect(nodeItems(sample, SEND)[0].json).toMatchObject({ status: 'sent' });
		});
		// Forwarded, not rebuilt: every UBL that reached the sink is byte for byte the exported one.
		const parsed = await sink.parsed();
		const dir = fs.mkdtempSync(path.join(workDir, 'ubl-'));
		for (const [index, mail] of parsed.entries()) {
			const ubl = mail.attachments.find((a) => a.filename?.endsWith('.xml'));
			expect(ubl && exportedUbl.get(ubl.filename!)?.equals(ubl.content)).toBe(true);
			if (index < 10) fs.writeFileSync(path.join(dir, `${index}.xml`), ubl!.content);
		}
		expect(describeFailures(validateUblDir(dir))).toEqual([]);
	});

	it('the same message delivered twice starts one execution', async () => {
		const [mail] = await newExports(1);
		await dropMails(imap, [mail, mail]);
		await expectTotals(201);
	});

	it('Dovecot stopped and started while the trigger is active: nothing lost, nothing twice', async () => {
		await dropMails(imap, await newExports(5));
		await pause(1_000);
		await imap.stop();
		await pause(2_000);
		await imap.start();
		await dropMails(imap, await newExports(5));
		await expectTotals(211);
	});

	it('unpublished and published again while e-mails arrive: each once', async () => {
		const mails = await newExports(20);
		const dropping = dropMails(imap, mails);
		await pause(300);
		await n8n.deactivate(workflowId);
		await n8n.activate(workflowId);
		await dropping;
		await expectTotals(231);
	});

	it('n8n restarted with e-mails waiting: only those run', async () => {
		await n8n.stop();
		await dropMails(imap, await newExports(3));
		n8n = await startOurN8n();
		await n8n.guard(async () => {
			await expectTotals(234);
		});
	});

	it('the shipped example: one e-mail with two documents → two items, each sent to Yuki and to the own administration', async () => {
		await n8n.deactivate(workflowId);
		sink.reset();
		const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'workflows', 'mailbox-to-yuki.json'), 'utf8')) as N8nWorkflowJson;
		const imported = await n8n.importWorkflow(example, { credentials, activate: true });
		const documents = [numberedDocument(next++), numberedDocument(next++, 'credit-note')];
		await dropMails(imap, [await exportEmail({ documents }), await exportEmail({ documents: [] })]);
		const executions = await until(async () => {
			const all = (await n8n.getExecutions(imported.id)).filter((e) => e.status === 'success');
			return all.length >= 2 && sink.received >= 4 ? all : undefined;
		}, 'the example workflow');
		const items = executions.flatMap((e) => nodeItems(e, 'NumNum Mailbox Trigger'));
		expect(items.map((item) => item.json.number).sort()).toEqual(documents.map((d) => d.number).sort());
		const notRead = executions.flatMap((e) => nodeItems(e, 'NumNum Mailbox Trigger', 1));
		expect(notRead).toEqual([expect.objectContaining({ json: expect.objectContaining({ reason: expect.stringContaining('no attachment') }) })]);
		const recipients = sink.messages.flatMap((m) => m.to).sort();
		expect(recipients).toEqual(['administration@yukiworks.be', 'administration@yukiworks.be', 'own-administration@yukiworks.be', 'own-administration@yukiworks.be']);
	});
});
