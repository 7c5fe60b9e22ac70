// Read UBL in a REAL n8n 2.41.1: a UBL nobody here wrote (NumNum's own library, with its PDF) comes in
// as a binary, Read UBL turns it into the document, and Send to Yuki Inbox forwards it to a real local
// SMTP server. The UBL attached to the e-mail is the received file, byte for byte (no rebuild).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

import { executionError, nodeItems, startN8n, type ImportedCredential, type N8nInstance, type N8nWorkflowJson } from '../helpers/n8n';
import { sharedPath } from '../helpers/shared';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

jest.setTimeout(15 * 60_000);

const FILE = '02-invoice-be-mixed-6-21-emoji.xml';
const ubl = fs.readFileSync(sharedPath('fixtures', 'numnum-ubl', FILE));
const truth = JSON.parse(fs.readFileSync(sharedPath('fixtures', 'numnum-ubl', FILE.replace(/\.xml$/, '.truth.json')), 'utf8'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function workflow(): N8nWorkflowJson {
	return {
		name: 'Read UBL → Send to Yuki Inbox',
		settings: { executionOrder: 'v1' },
		nodes: [
			{ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: 'Received UBL',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode: `return [{ json: {}, binary: { attachment_0: { data: ${JSON.stringify(ubl.toString('base64'))}, mimeType: 'application/xml', fileName: ${JSON.stringify(FILE)} } } }];`,
				},
			},
			{
				name: 'Read UBL',
				type: 'n8n-nodes-numnum-yuki.readUbl',
				typeVersion: 1,
				position: [440, 0],
				parameters: { binaryPropertyName: 'attachment_0' },
			},
			{
				name: 'Send to Yuki Inbox',
				type: 'n8n-nodes-numnum-yuki.sendToYukiInbox',
				typeVersion: 1,
				position: [660, 0],
				parameters: { to: 'inbox@yukiworks.be', fromEmail: 'invoices@mycompany.be', fromName: 'My Company BV', options: {} },
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Received UBL', type: 'main', index: 0 }]] },
			'Received UBL': { main: [[{ node: 'Read UBL', type: 'main', index: 0 }]] },
			'Read UBL': { main: [[{ node: 'Send to Yuki Inbox', type: 'main', index: 0 }]] },
		},
	};
}

describe('Read UBL in real n8n', () => {
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

	it('reads a received UBL and Send to Yuki Inbox forwards the very same bytes', async () => {
		await n8n.guard(async () => {
			const imported = await n8n.importWorkflow(workflow(), { credentials });
			const execution = await n8n.executeWorkflow(imported.id, { timeoutMs: 120_000 });
			expect(executionError(execution)).toBeUndefined();

			const [read] = nodeItems(execution, 'Read UBL');
			expect(read.json).toMatchObject({ type: 'invoice', status: 'sent', number: truth.number, currency: 'EUR' });
			expect(read.json.id).toMatch(/^ubl-[0-9a-f]{32}$/);
			expect(read.binary?.pdf).toMatchObject({ fileName: truth.pdf.filename, mimeType: 'application/pdf' });
			expect(sha256(await n8n.getBinaryData(read.binary!.pdf))).toBe(truth.pdf.sha256);

			const [sent] = nodeItems(execution, 'Send to Yuki Inbox');
			expect(sent.json).toMatchObject({ status: 'sent', documentId: read.json.id });
			await sink.waitFor(1, 60_000);
			expect(sink.received).toBe(1);
			const [mail] = await sink.parsed();
			const attached = mail.attachments.filter((a) => a.filename?.endsWith('.xml'));
			expect(attached).toHaveLength(1);
			expect(attached[0].content.equals(ubl)).toBe(true);
		});
	});
});
