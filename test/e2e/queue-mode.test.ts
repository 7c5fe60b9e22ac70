// The package in n8n QUEUE MODE: real PostgreSQL and Redis (scripts/postgres.sh, scripts/redis.sh),
// n8n 2.41.1 as main + 2 workers, the package loaded in every process, a real SMTP sink.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { nodeItems, REPO_ROOT, type ImportedCredential, type N8nExecution, type N8nWorkflowJson } from '../helpers/n8n';
import { startQueueMode, type QueueMode } from '../helpers/n8n-queue';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

jest.setTimeout(20 * 60_000);

const SEND = 'Send to Yuki Inbox';
const RECIPIENTS = ['inbox@yukiworks.be', 'own@company.be'];
const invoice = JSON.parse(fs.readFileSync(path.resolve(REPO_ROOT, '..', 'shared', 'spec', 'examples', 'invoice.json'), 'utf8')) as Record<string, unknown>;

/** `count` distinct, eligible invoices: doc_q_<from>… */
function invoices(from: number, count: number): Array<Record<string, unknown>> {
	return Array.from({ length: count }, (_, i) => ({ ...invoice, id: `doc_q_${from + i}`, number: `2026-Q${from + i}` }));
}

/** Webhook (documents in the body) → Split Out → Build UBL → Send to Yuki Inbox. */
function exportWorkflow(name: string, webhookPath: string): N8nWorkflowJson {
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
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.documents', options: {} },
			},
			{ id: randomUUID(), name: 'Build UBL', type: 'n8n-nodes-numnum-yuki.buildUbl', typeVersion: 1, position: [440, 0], parameters: {} },
			{
				id: randomUUID(),
				name: SEND,
				type: 'n8n-nodes-numnum-yuki.sendToYukiInbox',
				typeVersion: 1,
				position: [660, 0],
				parameters: { to: RECIPIENTS.join('; '), fromEmail: 'invoices@mycompany.be', fromName: 'My Company BV', options: { initialBackoffMs: 100 } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Documents', type: 'main', index: 0 }]] },
			Documents: { main: [[{ node: 'Build UBL', type: 'main', index: 0 }]] },
			'Build UBL': { main: [[{ node: SEND, type: 'main', index: 0 }]] },
		},
	};
}

const sendResults = (execution: N8nExecution) =>
	nodeItems(execution, SEND).map((item) => item.json as { status: string; documentId: string; reason: string | null });

describe('queue mode: main + 2 workers on PostgreSQL and Redis', () => {
	let queue: QueueMode;
	let sink: SmtpSink;
	let credentials: ImportedCredential[];

	beforeAll(async () => {
		sink = await startSmtpSink();
		queue = await startQueueMode({ workers: 2 });
		credentials = await queue.main.importCredentials([
			{
				name: 'Local SMTP sink',
				type: 'yukiSmtpApi',
				data: { host: sink.host, port: sink.port, secure: false, startTls: 'never', user: '', password: '', hostName: 'e2e.test', allowSelfSigned: false },
			},
		]);
	});

	afterAll(async () => {
		await queue?.stop();
		await sink?.close();
	});

	test('the package is loaded in every process and a published workflow runs on a worker', async () => {
		const webhookPath = `queue-${randomUUID()}`;
		const workflow = await queue.main.importWorkflow(exportWorkflow('Queue smoke', webhookPath), { credentials, activate: true });
		const response = await fetch(queue.main.webhookUrl(webhookPath), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ documents: invoices(1, 3) }),
		});
		expect(response.status).toBe(200);
		const [execution] = await queue.main.guard(async () => await queue.main.waitForExecutions(workflow.id, 1, 120_000));
		expect(execution.status).toBe('success');
		expect(sendResults(execution).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
		expect(sink.received).toBe(3);
		// Ran on a worker: main logs no execution of its own in queue mode; a worker's log names the job.
		expect(queue.workers.some((w) => /Worker started execution/.test(w.logTail(400)))).toBe(true);
	});
});
