// The send benchmark's input and workflows. Both senders get the SAME items: a Code node emits one
// small document summary per document (what Build UBL outputs as JSON), a Read/Write Files node
// reads that document's UBL file from disk (so n8n stores it in its filesystem binary mode, as Build
// UBL's output would be), and a Merge node pairs them by position: `json` = the summary, `binary.ubl`
// = the ~50 KB UBL. Then either Send to Yuki Inbox or n8n's Send Email (one e-mail per item, the UBL
// as a file attachment, same sender, recipient, subject and body).
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';

import { buildUbl, parseDocument } from '../..';
import type { N8nNodeJson, N8nWorkflowJson } from '../../test/helpers/n8n';
import { belgianInvoice, pdfOfSize } from './belgianInvoices';

export const ATTACHMENT_BYTES = 50 * 1024;
export const RECIPIENT = 'bench@yukiworks.be';
export const SENDER = 'invoices@bakkerijdezon.be';

/** `none`: the feed alone (a No Operation node where the sender would be), to see what the feed costs. */
export type Sender = 'ours' | 'sendEmail' | 'none';

/** Writes `count` real UBL invoices of ~50 KB (the PDF embedded in each makes up the size). */
export function writeUblFiles(dir: string, count: number): { files: string[]; bytes: number } {
	mkdirSync(dir, { recursive: true });
	const build = (n: number, pdfBytes: number) =>
		buildUbl(parseDocument(belgianInvoice(n, 3)), { profile: 'peppol', pdf: { filename: `${n}.pdf`, content: pdfOfSize(pdfBytes) } }).xml;
	// Size the PDF once so that the whole XML is close to 50 KB (base64 adds a third).
	const overhead = Buffer.byteLength(build(0, 0));
	const pdfBytes = Math.max(0, Math.floor(((ATTACHMENT_BYTES - overhead) * 3) / 4));
	const files: string[] = [];
	let bytes = 0;
	for (let n = 0; n < count; n++) {
		const xml = build(n, pdfBytes);
		const file = path.join(dir, `ubl-${String(n).padStart(5, '0')}.xml`);
		writeFileSync(file, xml);
		files.push(file);
		bytes += Buffer.byteLength(xml);
	}
	return { files, bytes };
}

/** The Code node: `count` document summaries, ids unique to this run so no earlier delivery record applies. */
function documentsCode(runTag: string, count: number, dir: string): string {
	return `const dir = ${JSON.stringify(dir)};
const items = [];
for (let n = 0; n < ${count}; n++) {
	const number = '2026-' + String(n + 1).padStart(5, '0');
	items.push({ json: {
		id: ${JSON.stringify(runTag)} + '_' + n,
		type: 'invoice',
		status: 'sent',
		number,
		language: 'nl',
		issueDate: '2026-11-20',
		currency: 'EUR',
		seller: 'Bakkerij De Zon BV',
		buyer: 'Hotel Zeezicht NV',
		file: dir + '/ubl-' + String(n).padStart(5, '0') + '.xml',
	} });
}
return items;`;
}

function senderNode(sender: Sender, credential: { id: string; name: string }): N8nNodeJson {
	const common = { id: 'e1f0c0de-0000-4000-8000-000000000004', name: 'Send', position: [880, 0] as [number, number] };
	if (sender === 'none') return { ...common, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
	if (sender === 'ours') {
		return {
			...common,
			type: 'CUSTOM.sendToYukiInbox',
			typeVersion: 1,
			parameters: { to: RECIPIENT, fromEmail: SENDER, fromName: 'Bakkerij De Zon BV', options: { maxAttempts: 1 } },
			credentials: { yukiSmtpApi: credential },
		};
	}
	return {
		...common,
		type: 'n8n-nodes-base.emailSend',
		typeVersion: 2.1,
		parameters: {
			fromEmail: `Bakkerij De Zon BV <${SENDER}>`,
			toEmail: RECIPIENT,
			subject: "=Factuur {{ $json.number }} – {{ $json.seller }}",
			emailFormat: 'text',
			text: '=In bijlage factuur {{ $json.number }} van {{ $json.seller }} als UBL.',
			options: { fileAttachments: 'ubl', appendAttribution: false },
		},
		credentials: { smtp: credential },
	};
}

export function sendWorkflow(
	sender: Sender,
	count: number,
	runTag: string,
	filesDir: string,
	credential: { id: string; name: string },
): N8nWorkflowJson {
	return {
		name: `send bench: ${sender} × ${count} (${runTag})`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'e1f0c0de-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'e1f0c0de-0000-4000-8000-000000000001',
				name: 'Documents',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: documentsCode(runTag, count, filesDir) },
			},
			{
				id: 'e1f0c0de-0000-4000-8000-000000000002',
				name: 'Read UBL',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [440, -100],
				parameters: {
					operation: 'read',
					fileSelector: '={{ $json.file }}',
					options: { dataPropertyName: 'ubl', mimeType: 'application/xml' },
				},
			},
			{
				id: 'e1f0c0de-0000-4000-8000-000000000003',
				name: 'Pair',
				type: 'n8n-nodes-base.merge',
				typeVersion: 3.2,
				position: [660, 0],
				parameters: { mode: 'combine', combineBy: 'combineByPosition', options: {} },
			},
			senderNode(sender, credential),
		],
		connections: {
			Start: { main: [[{ node: 'Documents', type: 'main', index: 0 }]] },
			Documents: {
				main: [
					[
						{ node: 'Read UBL', type: 'main', index: 0 },
						{ node: 'Pair', type: 'main', index: 1 },
					],
				],
			},
			'Read UBL': { main: [[{ node: 'Pair', type: 'main', index: 0 }]] },
			Pair: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
	};
}
