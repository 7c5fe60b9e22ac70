// The three example workflows as shipped (examples/workflows), in a REAL n8n 2.41.1 with our
// built package, against a real local SMTP server: signed events through the NumNum Trigger,
// the scheduled batch run twice, the manual export to two recipients, 100 concurrent events.
// Every UBL that arrives by e-mail goes through ../shared/tools/ubl-validate.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import type { ParsedMail } from 'mailparser';

import { signedRequest, wrapInEnvelope } from '../../core/events';
import { sign } from '../../core/signature';
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

const SECRET = 'whsec_e2e_numnum';
const sharedExamples = path.resolve(REPO_ROOT, '..', 'shared', 'spec', 'examples');

type Doc = Record<string, unknown> & { id: string; type: string; number: string; status: string };
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Doc;
const ourDocument = (name: string) => readJson(path.join(REPO_ROOT, 'examples', 'documents', `${name}.json`));
const sharedDocument = (name: string) => readJson(path.join(sharedExamples, `${name}.json`));
const exampleWorkflow = (name: string) =>
	JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'workflows', `${name}.json`), 'utf8')) as N8nWorkflowJson;

interface Answer {
	status: number;
	body: Record<string, unknown>;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
	const response = await fetch(url, { method: 'POST', body, headers });
	const text = await response.text();
	let parsed: Record<string, unknown>;
	try {
		parsed = JSON.parse(text) as Record<string, unknown>;
	} catch {
		parsed = { text };
	}
	return { status: response.status, body: parsed };
}

const postEvent = (url: string, event: unknown, secret = SECRET, timestamp?: number) => {
	const request = signedRequest(event, secret, timestamp);
	return post(url, request.body, request.headers);
};

/** Each e-mail's UBL attachments written to a folder and validated in one ubl-validate run. */
function validateAttachments(mails: ParsedMail[]) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-numnum-ubl-'));
	try {
		mails.forEach((mail, index) => {
			for (const attachment of mail.attachments.filter((a) => a.filename?.endsWith('.xml'))) {
				fs.writeFileSync(path.join(dir, `${index}-${attachment.filename}`), attachment.content);
			}
		});
		const validation = validateUblDir(dir);
		return { files: validation.files.length, failures: describeFailures(validation) };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const ublAttachments = (mail: ParsedMail) => mail.attachments.filter((a) => a.filename?.endsWith('.xml'));
const triggerDocumentId = (execution: N8nExecution) => nodeItems(execution, 'NumNum Trigger')[0]?.json.id;

describe('example workflows in real n8n', () => {
	let n8n: N8nInstance;
	let sink: SmtpSink;
	let credentials: ImportedCredential[];
	const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-numnum-export-'));

	beforeAll(async () => {
		sink = await startSmtpSink();
		n8n = await startN8n({ env: { N8N_RESTRICT_FILE_ACCESS_TO: exportDir } });
		credentials = await n8n.importCredentials([
			{ name: 'NumNum signing secret', type: 'numNumWebhookApi', data: { secret: SECRET, previousSecret: '' } },
			{
				name: 'Local SMTP sink',
				type: 'yukiSmtpApi',
				data: { host: sink.host, port: sink.port, secure: false, startTls: 'never', user: '', password: '' },
			},
		]);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sink?.close();
		fs.rmSync(exportDir, { recursive: true, force: true });
	});

	describe('auto-forwarding: NumNum Trigger → Build UBL → Send to Yuki Inbox', () => {
		let workflowId: string;
		let url: string;
		/** Executions of the workflow so far, found by polling n8n (not by waiting a fixed time). */
		const executions = (count: number) => n8n.waitForExecutions(workflowId, count, 120_000);
		/**
		 * Sends one valid event and waits for its execution and e-mail: everything sent before it
		 * has been handled by then, so counts taken now are final (no sleeping).
		 */
		let sentinels = 0;
		async function sentinel(expectedExecutions: number, expectedMails: number) {
			sentinels++;
			const document = { ...ourDocument('proforma'), id: `sentinel_${sentinels}`, number: `PF-SENT-${sentinels}` };
			expect((await postEvent(url, wrapInEnvelope(document))).status).toBe(200);
			await sink.waitFor(expectedMails, 60_000);
			const all = await executions(expectedExecutions);
			expect(all).toHaveLength(expectedExecutions);
			expect(sink.received).toBe(expectedMails);
		}

		beforeAll(async () => {
			const workflow = exampleWorkflow('auto-forward');
			const trigger = workflow.nodes.find((node) => node.type.endsWith('.numNumTrigger'))!;
			const imported = await n8n.importWorkflow(workflow, { credentials, activate: true });
			workflowId = imported.id;
			url = n8n.webhookUrl(`${String(trigger.webhookId)}/numnum`);
			sink.reset();
		});

		it('forwards every eligible document type once, each with a valid UBL; reports the quote and the draft', async () => {
			await n8n.guard(async () => {
				const draft = { ...ourDocument('invoice'), id: 'nn_inv_draft_1', number: '2026-0199', status: 'draft' };
				delete (draft as Record<string, unknown>).pdf;
				const documents: Doc[] = [
					...['invoice', 'credit-note', 'proforma', 'expense'].map(ourDocument),
					...['invoice', 'credit-note', 'proforma', 'expense', 'intra-community'].map(sharedDocument),
					draft,
				];
				const eligible = documents.filter((document) => document.status !== 'draft');

				for (const document of documents) {
					const answer = await postEvent(url, wrapInEnvelope(document, { id: `evt_${document.id}` }));
					expect(answer).toEqual({ status: 200, body: { received: true, eventId: `evt_${document.id}` } });
				}
				const quote = await postEvent(url, wrapInEnvelope(ourDocument('quote')));
				expect(quote.status).toBe(200);
				expect(String(quote.body.ignored)).toMatch(/document type quote is not selected/);

				await sink.waitFor(eligible.length, 120_000);
				const all = await executions(documents.length);
				expect(all).toHaveLength(documents.length);
				for (const execution of all) expect(executionError(execution)).toBeUndefined();

				// The draft ran through, and Send to Yuki Inbox reported it skipped, with the reason.
				const draftRun = all.find((execution) => triggerDocumentId(execution) === draft.id)!;
				const [draftResult] = nodeItems(draftRun, 'Send to Yuki Inbox');
				expect(draftResult.json).toMatchObject({ status: 'skipped', documentId: draft.id });
				expect(String(draftResult.json.reason)).toMatch(/draft/);

				// The trigger put the embedded PDF into a binary property (filesystem mode) and left it out of the JSON.
				const invoiceRun = all.find((execution) => triggerDocumentId(execution) === 'nn_inv_2026_0150')!;
				const [triggered] = nodeItems(invoiceRun, 'NumNum Trigger');
				expect(triggered.json).not.toHaveProperty('pdf');
				expect(triggered.json.event).toEqual({
					id: 'evt_nn_inv_2026_0150',
					type: 'document.sent',
					createdAt: expect.any(String),
				});
				expect(triggered.binary?.pdf).toMatchObject({ fileName: 'factuur-2026-0150.pdf', mimeType: 'application/pdf' });
				expect(triggered.binary?.pdf.id).toMatch(/^filesystem/);
				expect((await n8n.getBinaryData(triggered.binary!.pdf)).subarray(0, 5).toString()).toBe('%PDF-');

				// Exactly the eligible documents arrived, one e-mail each, to the Yuki inbox, each UBL valid.
				const mails = await sink.parsed();
				expect(mails).toHaveLength(eligible.length);
				expect(sink.messages.every((message) => message.to.join() === 'administration@yukiworks.be')).toBe(true);
				for (const mail of mails) expect(ublAttachments(mail)).toHaveLength(1);
				const subjects = mails.map((mail) => mail.subject ?? '').join('\n');
				for (const document of eligible) expect(subjects).toContain(document.number);
				expect(subjects).not.toContain(draft.number);
				const validation = validateAttachments(mails);
				expect(validation.failures).toEqual([]);
				expect(validation.files).toBe(eligible.length);
			});
		});

		it('refuses bad signatures, replayed timestamps, malformed bodies and invalid documents: 4xx, no execution, no mail', async () => {
			await n8n.guard(async () => {
				const executionsBefore = (await executions(0)).length;
				const mailsBefore = sink.received;
				const event = wrapInEnvelope({ ...ourDocument('expense'), id: 'exp_never' });
				const body = JSON.stringify(event);

				const wrongSecret = await postEvent(url, event, 'not-the-secret');
				expect(wrongSecret.status).toBe(401);
				expect(wrongSecret.body).toMatchObject({ error: 'invalid signature', reason: 'mismatch' });

				const unsigned = await post(url, body, { 'content-type': 'application/json' });
				expect(unsigned).toMatchObject({ status: 401, body: { reason: 'missing' } });

				const replayed = await postEvent(url, event, SECRET, Math.floor(Date.now() / 1000) - 600);
				expect(replayed).toMatchObject({ status: 401, body: { reason: 'stale' } });

				const tampered = signedRequest(event, SECRET);
				const tamperedBody = tampered.body.replace('"A-98231"', '"A-98232"');
				expect((await post(url, tamperedBody, tampered.headers)).status).toBe(401);

				const malformed = '{"id":"evt_broken","type":"document.sent",';
				const malformedAnswer = await post(url, malformed, {
					'content-type': 'application/json',
					'x-numnum-signature': sign(SECRET, malformed),
				});
				expect(malformedAnswer.status).toBe(400);
				expect(malformedAnswer.body).toMatchObject({ error: 'invalid event' });
				expect(JSON.stringify(malformedAnswer.body.issues)).toMatch(/not valid JSON/);

				const invalid = wrapInEnvelope({ ...ourDocument('invoice'), issueDate: '2026-02-30', lines: [] });
				const invalidAnswer = await postEvent(url, invalid);
				expect(invalidAnswer.status).toBe(400);
				const paths = (invalidAnswer.body.issues as Array<{ path: string }>).map((issue) => issue.path);
				expect(paths).toEqual(expect.arrayContaining(['data.document.issueDate', 'data.document.lines']));

				await sentinel(executionsBefore + 1, mailsBefore + 1);
			});
		});

		it('runs an event delivered twice once: one e-mail', async () => {
			await n8n.guard(async () => {
				const executionsBefore = (await executions(0)).length;
				const mailsBefore = sink.received;
				const event = wrapInEnvelope({ ...ourDocument('credit-note'), id: 'nn_cn_twice', number: 'CN-TWICE' });
				expect((await postEvent(url, event)).body).toEqual({ received: true, eventId: event.id });
				// Re-signed (a sender's retry), so only the event id says it is the same.
				const again = await postEvent(url, event);
				expect(again.status).toBe(200);
				expect(again.body).toMatchObject({ duplicate: true, eventId: event.id });
				await sentinel(executionsBefore + 2, mailsBefore + 2);
				const mails = await sink.parsed();
				expect(mails.filter((mail) => mail.subject?.includes('CN-TWICE'))).toHaveLength(1);
			});
		});

		it('sends a sample event with the shipped numnum-send-event command', async () => {
			await n8n.guard(async () => {
				const executionsBefore = (await executions(0)).length;
				const bin = path.join(REPO_ROOT, 'dist', 'scripts', 'send-sample-event.js');
				const { stdout } = await promisify(execFile)(process.execPath, [bin, '--url', url, '--secret', SECRET, '--example', 'proforma', '--id', 'evt_cli_e2e']);
				expect(stdout).toMatch(/→ 200/);
				expect(stdout).toContain('"eventId":"evt_cli_e2e"');
				const all = await executions(executionsBefore + 1);
				expect(all.some((execution) => nodeItems(execution, 'NumNum Trigger')[0]?.json.event)).toBe(true);
			});
		});

		it('takes 100 signed events sent at once: exactly 100 executions and 100 e-mails, none lost', async () => {
			await n8n.guard(async () => {
				const executionsBefore = (await executions(0)).length;
				sink.reset();
				const base = ourDocument('credit-note');
				const events = Array.from({ length: 100 }, (_, i) =>
					wrapInEnvelope({ ...base, id: `load_${i}`, number: `LOAD-${String(i).padStart(3, '0')}` }, { id: `evt_load_${i}` }),
				);
				const answers = await Promise.all(events.map((event) => postEvent(url, event)));
				expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
				expect(new Set(answers.map((answer) => answer.body.eventId)).size).toBe(100);

				await sink.waitFor(100, 300_000);
				const all = await n8n.waitForExecutions(workflowId, executionsBefore + 100, 300_000);
				expect(all).toHaveLength(executionsBefore + 100);
				const loadRuns = all.filter((execution) => String(triggerDocumentId(execution)).startsWith('load_'));
				expect(loadRuns).toHaveLength(100);
				expect(loadRuns.every((execution) => execution.status === 'success')).toBe(true);

				const mails = await sink.parsed();
				expect(mails).toHaveLength(100);
				const numbers = new Set(mails.map((mail) => /LOAD-\d{3}/.exec(mail.subject ?? '')?.[0]));
				expect(numbers.size).toBe(100);
			});
		});
	});

	it('scheduled batch export: run twice, each eligible document sent once; the quote and the draft reported', async () => {
		await n8n.guard(async () => {
			sink.reset();
			const draft = { ...ourDocument('credit-note'), id: 'batch_draft', number: 'CN-DRAFT', status: 'draft' };
			const documents = [
				...['invoice', 'credit-note', 'proforma', 'expense', 'quote'].map(ourDocument),
				sharedDocument('intra-community'),
				draft,
			];
			const file = path.join(exportDir, 'documents.json');
			fs.writeFileSync(file, JSON.stringify({ documents }));

			const workflow = exampleWorkflow('scheduled-batch-export');
			const reader = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.readWriteFile')!;
			reader.parameters = { ...reader.parameters, fileSelector: file };
			const { id } = await n8n.importWorkflow(workflow, { credentials });

			const first = await n8n.executeWorkflow(id, { triggerNode: 'Every hour' });
			expect(executionError(first)).toBeUndefined();
			const sent = nodeItems(first, 'Send to Yuki Inbox');
			expect(sent.filter((item) => item.json.status === 'sent').map((item) => item.json.documentId).sort()).toEqual(
				['doc_2026_0043', 'nn_cn_2026_0012', 'nn_exp_2026_0412', 'nn_inv_2026_0150', 'nn_pf_2026_0031'],
			);
			expect(sent.find((item) => item.json.documentId === 'batch_draft')?.json.status).toBe('skipped');
			// Build UBL refuses the quote and reports it on its error output; the others went on.
			const refused = nodeItems(first, 'Build UBL', 1);
			expect(refused).toHaveLength(1);
			// n8n merges the input document into the error item: the quote itself, its error and every problem.
			const quote = documents.find((document) => document.type === 'quote')!;
			expect(refused[0].pairedItem).toEqual({ item: documents.indexOf(quote) });
			expect(String(refused[0].json.error)).toMatch(/quotes are never exported/);
			expect(refused[0].json).toMatchObject({ id: quote.id, number: quote.number, type: 'quote' });
			expect(refused[0].json.details).toMatchObject({ documentId: quote.id, issues: [expect.objectContaining({ path: 'type' })] });
			await sink.waitFor(5, 60_000);

			const second = await n8n.executeWorkflow(id, { triggerNode: 'Every hour' });
			expect(executionError(second)).toBeUndefined();
			expect(nodeItems(second, 'Send to Yuki Inbox').filter((item) => item.json.status === 'sent')).toHaveLength(0);

			const mails = await sink.parsed();
			expect(mails).toHaveLength(5);
			const validation = validateAttachments(mails);
			expect(validation.failures).toEqual([]);
			expect(validation.files).toBe(5);
		});
	});

	it('manual export: the picked documents, one e-mail each, to both recipients written with a semicolon', async () => {
		await n8n.guard(async () => {
			sink.reset();
			const { id } = await n8n.importWorkflow(exampleWorkflow('manual-export'), { credentials });
			const execution = await n8n.executeWorkflow(id);
			expect(executionError(execution)).toBeUndefined();
			const results = nodeItems(execution, 'Send to Yuki Inbox');
			expect(results.map((item) => item.json.status)).toEqual(['sent', 'sent', 'sent']);

			await sink.waitFor(3, 60_000);
			expect(sink.messages).toHaveLength(3);
			for (const message of sink.messages) expect(message.to.sort()).toEqual(['inbox@yukiworks.be', 'own@company.be']);
			const mails = await sink.parsed();
			const validation = validateAttachments(mails);
			expect(validation.failures).toEqual([]);
			expect(validation.files).toBe(3);
		});
	});
});
