// Send to Yuki Inbox in a REAL n8n 2.41.1 against a real local SMTP server, in the modes where
// n8n keeps workflow static data: a PUBLISHED workflow started by its Webhook trigger (static data
// is never saved for manual runs), and n8n's own "Retry" of a failed execution, both flavours
// the editor offers (POST /rest/executions/:id/retry with loadWorkflow false = "with original
// workflow", true = "with currently saved workflow").
//
// Proves: one e-mail per eligible document (recipients, subject, attachment, valid UBL); a second
// run sends nothing; Resend sends again; a batch that fails half-way (the server refuses one
// document) errors the execution after sending the rest, and n8n's retry delivers only that
// document — total deliveries == documents × recipients, no Message-ID twice per recipient; a
// second execution started while the first is mid-batch sends no document twice.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ParsedMail } from 'mailparser';

import {
	executionError,
	nodeItems,
	REPO_ROOT,
	startN8n,
	type ImportedCredential,
	type N8nExecution,
	type N8nInstance,
	type N8nWorkflowJson,
} from '../helpers/n8n';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { describeFailures, validateUblDir } from '../helpers/ubl-validate';

jest.setTimeout(15 * 60_000);

type Doc = Record<string, unknown> & { id: string; type: string; number: string; status: string };
const sharedExamples = path.resolve(REPO_ROOT, '..', 'shared', 'spec', 'examples');
const readDoc = (name: string) => JSON.parse(fs.readFileSync(path.join(sharedExamples, `${name}.json`), 'utf8')) as Doc;

const invoice = readDoc('invoice');
const creditNote = readDoc('credit-note');
const proforma = readDoc('proforma');
const expense = readDoc('expense');
const intraCommunity = readDoc('intra-community');
/** Not sent to the customer yet: Build UBL makes its UBL, Send to Yuki Inbox must skip it. */
const draft: Doc = { ...invoice, id: 'doc_2026_0099_draft', number: '2026-0099', status: 'draft' };
const documents = [invoice, creditNote, proforma, expense, intraCommunity, draft];
const eligible = documents.filter((d) => d !== draft);

const RECIPIENTS = ['inbox@yukiworks.be', 'own@company.be'];
const SEND = 'Send to Yuki Inbox';
const STATIC_KEY = `node:${SEND}`;

/** The subject the node writes by default: `{{type}} {{number}} – {{seller}}` in the document's language. */
const TYPE_WORDS: Record<string, Record<string, string>> = {
	nl: { invoice: 'Factuur', credit_note: 'Creditnota', proforma: 'Pro-formafactuur', expense: 'Aankoopfactuur' },
	fr: { invoice: 'Facture', credit_note: 'Note de crédit', proforma: 'Facture pro forma', expense: "Facture d'achat" },
	en: { invoice: 'Invoice', credit_note: 'Credit note', proforma: 'Pro forma invoice', expense: 'Purchase invoice' },
};

function exportWorkflow(name: string, webhookPath: string, sendOptions: Record<string, unknown> = {}): N8nWorkflowJson {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Documents',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(documents)}.map((json) => ({ json }));` },
			},
			{
				id: randomUUID(),
				name: 'Build UBL',
				type: 'n8n-nodes-numnum-yuki.buildUbl',
				typeVersion: 1,
				position: [440, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: SEND,
				type: 'n8n-nodes-numnum-yuki.sendToYukiInbox',
				typeVersion: 1,
				position: [660, 0],
				parameters: {
					to: RECIPIENTS.join('; '),
					fromEmail: 'invoices@mycompany.be',
					fromName: 'My Company BV',
					// The caller of the webhook decides: POST {"resend": true} sends again.
					options: { resend: "={{ $('Webhook').first().json.body.resend === true }}", initialBackoffMs: 100, ...sendOptions },
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Documents', type: 'main', index: 0 }]] },
			Documents: { main: [[{ node: 'Build UBL', type: 'main', index: 0 }]] },
			'Build UBL': { main: [[{ node: SEND, type: 'main', index: 0 }]] },
		},
	};
}

interface Delivery {
	messageId: string;
	recipient: string;
	documentId: string;
}

/** Every (Message-ID, envelope recipient) the sink accepted, in arrival order. */
async function deliveries(sink: SmtpSink): Promise<Delivery[]> {
	const parsed = await sink.parsed();
	return sink.messages.flatMap((message, index) =>
		message.to.map((recipient) => ({
			messageId: parsed[index].messageId ?? '',
			recipient: recipient.toLowerCase(),
			documentId: String(parsed[index].headers.get('x-numnum-document-id') ?? ''),
		})),
	);
}

const duplicates = (list: Delivery[]) => {
	const seen = new Set<string>();
	return list.filter((d) => {
		const key = `${d.messageId} ${d.recipient}`;
		if (seen.has(key)) return true;
		seen.add(key);
		return false;
	});
};

function sendResults(execution: N8nExecution) {
	return nodeItems(execution, SEND).map((item) => item.json as { status: string; documentId: string; reason: string | null });
}

const statusOf = (execution: N8nExecution) =>
	Object.fromEntries(sendResults(execution).map((r) => [r.documentId, r.status]));

describe('Send to Yuki Inbox in real n8n (published workflow, execution retry)', () => {
	let n8n: N8nInstance;
	let sink: SmtpSink;
	let credentials: ImportedCredential[];

	beforeAll(async () => {
		sink = await startSmtpSink();
		n8n = await startN8n();
		credentials = await n8n.importCredentials([
			{
				name: 'Local SMTP sink',
				type: 'yukiSmtpApi',
				data: { host: sink.host, port: sink.port, secure: false, startTls: 'never', user: '', password: '', hostName: 'e2e.test', allowSelfSigned: false },
			},
		]);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sink?.close();
	});

	beforeEach(() => {
		sink.setFaults([]);
		sink.reset();
	});

	/** Imports and publishes a fresh workflow; `run` POSTs to its production webhook and waits for the execution. */
	async function publishedExport(name: string, sendOptions: Record<string, unknown> = {}) {
		const webhookPath = `yuki-e2e-${randomUUID()}`;
		const workflow = await n8n.importWorkflow(exportWorkflow(name, webhookPath, sendOptions), { credentials, activate: true });
		const post = async (body: Record<string, unknown>) => {
			const response = await fetch(n8n.webhookUrl(webhookPath), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			expect(response.status).toBe(200);
		};
		const executionIds = async () => new Set((await n8n.getExecutions(workflow.id, { includeData: false })).map((e) => e.id));
		return {
			id: workflow.id,
			async run(body: Record<string, unknown> = {}): Promise<N8nExecution> {
				const before = await executionIds();
				await post(body);
				return await waitForNewExecution(workflow.id, before);
			},
			/**
			 * Two executions that overlap: the second webhook call goes out once the first execution's
			 * first e-mail has arrived, so the second looks the store up while the first is mid-batch.
			 */
			async runOverlapping(): Promise<N8nExecution[]> {
				const before = await executionIds();
				const firstMail = sink.waitFor(sink.received + 1, 60_000);
				await post({});
				await firstMail;
				await post({});
				const executions: N8nExecution[] = [];
				for (let i = 0; i < 2; i++) {
					const next = await waitForNewExecution(workflow.id, before);
					before.add(next.id);
					executions.push(next);
				}
				return executions;
			},
			async staticExportLog(): Promise<Record<string, unknown>> {
				const stored = (await n8n.getWorkflow(workflow.id)).staticData as Record<string, { exportLog?: Record<string, unknown> }> | null;
				return stored?.[STATIC_KEY]?.exportLog ?? {};
			},
		};
	}

	/** The execution of `workflowId` that is not in `before`, once it finished. */
	async function waitForNewExecution(workflowId: string, before: Set<string>): Promise<N8nExecution> {
		const deadline = Date.now() + 120_000;
		for (;;) {
			const fresh = (await n8n.getExecutions(workflowId, { includeData: false })).find((e) => !before.has(e.id));
			if (fresh) return await n8n.waitForExecution(fresh.id, Math.max(1_000, deadline - Date.now()));
			if (Date.now() > deadline) throw new Error(`no new execution of workflow ${workflowId} within 120 s`);
			await new Promise((resolve) => setTimeout(resolve, 150));
		}
	}

	/** The editor's Retry button: POST /rest/executions/:id/retry; n8n answers once the retry finished. */
	async function retry(executionId: string, loadWorkflow: boolean): Promise<N8nExecution> {
		const answer = await n8n.client.request<{ data: { id: string } }>('POST', `/rest/executions/${executionId}/retry`, {
			body: { loadWorkflow },
		});
		return await n8n.waitForExecution(answer.data.id);
	}

	it('first run sends one e-mail per eligible document, the second nothing, Resend again', async () => {
		await n8n.guard(async () => {
			const flow = await publishedExport('Yuki e2e: run twice');

			const first = await flow.run();
			expect(executionError(first)).toBeUndefined();
			expect(first.mode).toBe('webhook');
			const firstResults = sendResults(first);
			expect(firstResults).toHaveLength(documents.length);
			expect(statusOf(first)).toEqual({
				...Object.fromEntries(eligible.map((d) => [d.id, 'sent'])),
				[draft.id]: 'skipped',
			});
			expect(firstResults.find((r) => r.documentId === draft.id)?.reason).toMatch(/sent to the customer|draft/i);

			expect(sink.received).toBe(eligible.length);
			const mails = await sink.parsed();
			const byDocument = new Map<string, ParsedMail>(mails.map((m) => [String(m.headers.get('x-numnum-document-id')), m]));
			expect([...byDocument.keys()].sort()).toEqual(eligible.map((d) => d.id).sort());
			for (const message of sink.messages) expect(message.to.map((t) => t.toLowerCase()).sort()).toEqual([...RECIPIENTS].sort());
			for (const doc of eligible) {
				const mail = byDocument.get(doc.id)!;
				const language = (doc.language as string | undefined) ?? 'nl';
				const word = (TYPE_WORDS[language] ?? TYPE_WORDS.nl)[doc.type];
				const seller = (doc.seller as { name: string }).name;
				expect(mail.subject).toBe(`${word} ${doc.number} – ${seller}`);
				const xml = mail.attachments.filter((a) => a.filename?.endsWith('.xml'));
				expect(xml).toHaveLength(1);
				expect(xml[0].content.toString('utf8')).toContain(`<cbc:ID>${doc.number}</cbc:ID>`);
			}

			// Every UBL that arrived passes the official rules (one ubl-validate run).
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-yuki-send-'));
			try {
				for (const mail of mails) {
					const attachment = mail.attachments.find((a) => a.filename?.endsWith('.xml'))!;
					fs.writeFileSync(path.join(dir, `${String(mail.headers.get('x-numnum-document-id'))}.xml`), attachment.content);
				}
				const validation = validateUblDir(dir);
				expect(validation.files).toHaveLength(eligible.length);
				expect(describeFailures(validation)).toEqual([]);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}

			// n8n saved the export log in the workflow's static data: one entry per document and recipient.
			expect(Object.keys(await flow.staticExportLog())).toHaveLength(eligible.length * RECIPIENTS.length);

			const second = await flow.run();
			expect(executionError(second)).toBeUndefined();
			expect(Object.values(statusOf(second))).toEqual(documents.map(() => 'skipped'));
			for (const result of sendResults(second).filter((r) => r.documentId !== draft.id)) {
				expect(result.reason).toMatch(/^already exported on /);
			}
			expect(sink.received).toBe(eligible.length);

			const resent = await flow.run({ resend: true });
			expect(executionError(resent)).toBeUndefined();
			expect(statusOf(resent)).toEqual(statusOf(first));
			expect(sink.received).toBe(2 * eligible.length);
			// The same document to the same recipients keeps its Message-ID, so a receiver can de-duplicate.
			const ids = (await sink.parsed()).map((m) => m.messageId);
			expect(new Set(ids).size).toBe(eligible.length);
		});
	});

	it('a second execution started while the first is sending the same documents sends none of them twice', async () => {
		await n8n.guard(async () => {
			// A rate limit of 4 e-mails/s makes the first execution's batch last over a second.
			const flow = await publishedExport('Yuki e2e: overlapping executions', { rateLimit: 4 });
			const executions = await flow.runOverlapping();
			const [first, second] = [...executions].sort((x, y) => String(x.startedAt).localeCompare(String(y.startedAt)));
			expect(String(second.startedAt) < String(first.stoppedAt)).toBe(true); // they did overlap
			for (const execution of executions) expect(executionError(execution)).toBeUndefined();
			const [a, b] = executions.map(statusOf);
			for (const doc of eligible) expect([a[doc.id], b[doc.id]].sort()).toEqual(['sent', 'skipped']);
			expect([a[draft.id], b[draft.id]]).toEqual(['skipped', 'skipped']);

			const delivered = await deliveries(sink);
			expect(duplicates(delivered)).toEqual([]);
			expect(delivered).toHaveLength(eligible.length * RECIPIENTS.length);
			expect(new Set(delivered.map((d) => d.documentId))).toEqual(new Set(eligible.map((d) => d.id)));

			// Whatever static data n8n kept of the two, the next run sends nothing.
			const after = await flow.run();
			expect(executionError(after)).toBeUndefined();
			expect(Object.values(statusOf(after))).toEqual(documents.map(() => 'skipped'));
			expect(sink.received).toBe(eligible.length);
		});
	});

	it.each([
		['with the original workflow (execution snapshot, no static data)', false],
		['with the currently saved workflow (static data as saved after the failure)', true],
	])('a batch that fails half-way errors the execution; n8n retry %s delivers only the rest', async (_label, loadWorkflow) => {
		await n8n.guard(async () => {
			const flow = await publishedExport(`Yuki e2e: retry, loadWorkflow=${String(loadWorkflow)}`);
			// The server refuses exactly one document for good (matched by its id in the message).
			sink.setFaults([
				{ stage: 'data', contains: proforma.id, reply: { code: 550, message: '5.7.1 Message refused by policy' }, times: Infinity },
			]);

			const failed = await flow.run();
			expect(failed.status).toBe('error');
			expect(executionError(failed)).toContain(SEND);
			expect(executionError(failed)).toContain(`1 of ${documents.length} documents not sent: ${proforma.number}`);
			expect(sink.received).toBe(eligible.length - 1);
			expect(sink.faultsFired).toEqual([1]);
			// Although the execution failed, n8n saved what was delivered (non-manual mode).
			const loggedAfterFailure = Object.keys(await flow.staticExportLog());
			expect(loggedAfterFailure).toHaveLength((eligible.length - 1) * RECIPIENTS.length);
			expect(loggedAfterFailure.some((key) => key.includes(proforma.id))).toBe(false);

			sink.setFaults([]); // the server accepts the document again
			const retried = await retry(failed.id, loadWorkflow);
			expect(executionError(retried)).toBeUndefined();
			expect(retried.mode).toBe('retry');
			expect(retried.retryOf).toBe(failed.id);
			expect(statusOf(retried)).toEqual({
				...Object.fromEntries(eligible.map((d) => [d.id, d === proforma ? 'sent' : 'skipped'])),
				[draft.id]: 'skipped',
			});
			for (const result of sendResults(retried).filter((r) => r.documentId !== draft.id && r.documentId !== proforma.id)) {
				expect(result.reason).toMatch(/already exported/);
			}

			const delivered = await deliveries(sink);
			expect(delivered.filter((d) => d.documentId === proforma.id)).toHaveLength(RECIPIENTS.length);
			expect(delivered).toHaveLength(eligible.length * RECIPIENTS.length);
			expect(duplicates(delivered)).toEqual([]);
			expect(new Set(delivered.map((d) => d.documentId))).toEqual(new Set(eligible.map((d) => d.id)));

			// The retry did not replace the stored export log with a shorter one: the documents
			// delivered before the failure are still in it (a retry "with the original workflow" runs on
			// n8n's snapshot, which carries no static data, so the node keeps its record in n8n's
			// processed-data store only; a retry with the saved workflow adds the proforma to the log).
			const loggedAfterRetry = Object.keys(await flow.staticExportLog());
			expect(loggedAfterRetry).toEqual(expect.arrayContaining(loggedAfterFailure));
			expect(loggedAfterRetry).toHaveLength((loadWorkflow ? eligible.length : eligible.length - 1) * RECIPIENTS.length);

			// And the next run after the retry sends nothing at all.
			const after = await flow.run();
			expect(executionError(after)).toBeUndefined();
			expect(Object.values(statusOf(after))).toEqual(documents.map(() => 'skipped'));
			const reasons = Object.fromEntries(sendResults(after).map((r) => [r.documentId, r.reason ?? '']));
			for (const doc of eligible.filter((d) => d !== proforma)) expect(reasons[doc.id]).toMatch(/^already exported on /);
			expect(reasons[proforma.id]).toMatch(loadWorkflow ? /^already exported on / : /^already exported in an earlier execution/);
			expect(sink.received).toBe(eligible.length);
		});
	});
});
