// A request body past n8n's payload limit (N8N_PAYLOAD_SIZE_MAX, 16 MiB by default), sent to the
// NumNum Trigger in a REAL n8n 2.41.1: answered 413 with a short reason, signed or not, with or
// without a Content-Length; no execution is recorded and n8n logs one line per request, no stack.
import * as http from 'node:http';

import { signedRequest, wrapInEnvelope } from '../../core/events';
import { exampleDocument } from '../helpers/numnumEvents';
import { startN8n, type N8nInstance, type N8nWorkflowJson } from '../helpers/n8n';

jest.setTimeout(10 * 60_000);

const SECRET = 'whsec_e2e_body_limit';
const WEBHOOK_ID = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const MiB = 1024 * 1024;

const workflow: N8nWorkflowJson = {
	name: 'NumNum Trigger body limit',
	nodes: [
		{
			id: 'b1e2c3d4-0000-4000-8000-000000000001',
			name: 'NumNum Trigger',
			type: 'n8n-nodes-numnum-yuki.numNumTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { eventTypes: ['document.sent'], documentTypes: ['invoice'], toleranceSeconds: 300 },
		},
	],
	connections: {},
};

interface Answer {
	status: number;
	body: string;
}

/**
 * POSTs `body` (with a Content-Length, or chunked without one) over a keep-alive connection, as a
 * typical sender does: the answer must arrive and the upload must complete (the rest of the body is
 * read and dropped, not left hanging or cut off); resolves once both happened.
 */
function post(url: string, body: Buffer, headers: Record<string, string>, chunked = false): Promise<Answer> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	return new Promise<Answer>((resolve, reject) => {
		let answer: Answer | undefined;
		let uploaded = false;
		const settle = () => {
			if (answer && uploaded) resolve(answer);
		};
		const request = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: { ...headers, ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }) },
				timeout: 120_000,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					answer = { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') };
					settle();
				});
			},
		);
		request.on('timeout', () => request.destroy(new Error('timed out: the upload or the answer never completed')));
		request.on('finish', () => {
			uploaded = true;
			settle();
		});
		request.on('error', reject);
		request.end(body);
	}).finally(() => agent.destroy());
}

/** A valid invoice event whose embedded PDF makes the JSON about `size` bytes long. */
function oversizedEvent(size: number) {
	const invoice = exampleDocument('invoice');
	const pdf = { filename: 'huge.pdf', contentBase64: 'A'.repeat(size) };
	return wrapInEnvelope({ ...invoice, pdf }, { id: `evt_huge_${size}` });
}

describe('NumNum Trigger: a body past n8n’s payload limit (real n8n)', () => {
	let n8n: N8nInstance;
	let workflowId: string;
	let url: string;
	const executionCount = async () => (await n8n.getExecutions(workflowId, { includeData: false })).length;

	beforeAll(async () => {
		n8n = await startN8n();
		const credentials = await n8n.importCredentials([
			{ name: 'NumNum signing secret', type: 'numNumWebhookApi', data: { secret: SECRET, previousSecret: '' } },
		]);
		workflowId = (await n8n.importWorkflow(workflow, { credentials, activate: true })).id;
		url = n8n.webhookUrl(`${WEBHOOK_ID}/numnum`);
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('answers 413 with a short reason, signed or not, with or without Content-Length; no execution, one log line each', async () => {
		await n8n.guard(async () => {
			const before = await executionCount();
			const signed = signedRequest(oversizedEvent(25 * MiB), SECRET);
			const body = Buffer.from(signed.body);
			expect(body.length).toBeGreaterThan(25 * MiB);

			const answers = [
				await post(url, body, signed.headers),
				await post(url, body, { 'content-type': 'application/json' }),
				await post(url, body, signed.headers, true),
			];
			for (const answer of answers) {
				expect(answer.status).toBe(413);
				expect(JSON.parse(answer.body)).toEqual({
					error: 'payload too large',
					message: expect.stringMatching(/larger than this n8n accepts \(16 MiB, N8N_PAYLOAD_SIZE_MAX\)/),
				});
				expect(answer.body.length).toBeLessThan(300);
				expect(answer.body).not.toMatch(/at .*\.js:\d+|PayloadTooLargeError|Workflow could not be started/);
			}

			// Still listening, and a normal event runs once: only it is an execution.
			const small = signedRequest(wrapInEnvelope(exampleDocument('invoice'), { id: 'evt_after_huge' }), SECRET);
			const accepted = await post(url, Buffer.from(small.body), small.headers);
			expect(accepted.status).toBe(200);
			const executions = await n8n.waitForExecutions(workflowId, before + 1, 60_000);
			expect(executions).toHaveLength(before + 1);
			expect(executions.every((execution) => execution.status === 'success')).toBe(true);

			const log = n8n.logTail(2000);
			expect(log.match(/NumNum Trigger: refused a request body over this n8n's limit of 16 MiB/g)).toHaveLength(3);
			expect(log).not.toMatch(/PayloadTooLargeError|request entity too large|Workflow could not be started/i);
		});
	});
});
