// The demo's web inbox lists the PDF embedded in each UBL with its own download link (the README
// promises a PDF link; by default the PDF travels only inside the UBL), and the demo's sample
// invoice is a new document on every start (a second `npm start` must send an e-mail too).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import MailComposer from 'nodemailer/lib/mail-composer';

import { parseDocument } from '../../../core/document';
import { buildUbl } from '../../../core/ubl';
import { embeddedPdfs, startWebInbox, type WebInbox } from '../../../scripts/demo-inbox';
import { freshSampleInvoice } from '../../../scripts/demo-sample';
import { exampleDocument, repoRoot } from '../../helpers/numnumEvents';

const documentsDir = path.join(repoRoot, 'examples', 'documents');

describe('demo web inbox', () => {
	let dir: string;
	let inbox: WebInbox;
	let pdf: Buffer;

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'demo-inbox-'));
		const invoice = exampleDocument('invoice');
		pdf = Buffer.from((invoice.pdf as { contentBase64: string }).contentBase64, 'base64');
		const ubl = buildUbl(parseDocument(invoice));
		const eml = await new MailComposer({
			from: 'n8n@example.be',
			to: 'administration@yukiworks.be',
			subject: 'Invoice 2026-0150',
			text: 'See the attached UBL.',
			attachments: [{ filename: ubl.fileName, content: ubl.xml, contentType: 'application/xml' }],
		})
			.compile()
			.build();
		const sessionDir = path.join(dir, '2026-12-01T22-00-00-000Z');
		mkdirSync(sessionDir);
		writeFileSync(path.join(sessionDir, 'message-1.eml'), eml);
		inbox = await startWebInbox(dir, 0);
	});

	afterAll(async () => {
		await inbox?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('finds the PDF embedded in a UBL', () => {
		const ubl = buildUbl(parseDocument(exampleDocument('invoice')));
		expect(embeddedPdfs(ubl.xml)).toEqual([{ filename: ubl.pdfFileName, content: pdf }]);
		expect(embeddedPdfs('<Invoice/>')).toEqual([]);
	});

	it('links the embedded PDF on the page and serves it as application/pdf', async () => {
		const page = await (await fetch(inbox.url)).text();
		const link = /href="(\/embedded\/[^"]+)">([^<]+\.pdf)</.exec(page);
		expect(link).not.toBeNull();
		expect(page).toContain('PDF inside the UBL');
		const response = await fetch(new URL(link![1], inbox.url));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
	});

	it('answers 404 for an embedded PDF that is not there', async () => {
		const page = await (await fetch(inbox.url)).text();
		const link = /href="(\/embedded\/[^"]+)\/0"/.exec(page)![1];
		expect((await fetch(new URL(`${link}/7`, inbox.url))).status).toBe(404);
	});
});

describe('demo sample invoice', () => {
	it('is a new document (id and number) on every start, and still a valid invoice', () => {
		const first = freshSampleInvoice(documentsDir, new Date('2026-12-01T22:00:00Z'));
		const second = freshSampleInvoice(documentsDir, new Date('2026-12-01T22:05:07Z'));
		const original = exampleDocument('invoice');
		expect(first.id).not.toBe(original.id);
		expect(first.number).not.toBe(original.number);
		expect([second.id, second.number]).not.toEqual([first.id, first.number]);
		expect(second.number).toBe('DEMO-20261201220507');
		expect(buildUbl(parseDocument(second)).fileName).toBe('invoice-DEMO-20261201220507.xml');
	});
});
