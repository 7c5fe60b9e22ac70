// The demo's web inbox: a tiny page on loopback listing every .eml the local SMTP sink wrote
// (newest first), with links to download each message, each attachment (the UBL, a PDF sent
// beside it) and the PDF embedded in each UBL (how Yuki receives it by default).
// Read-only; names are only ever looked up in the listing, never joined from the URL.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

import { simpleParser, type ParsedMail } from 'mailparser';

export interface WebInbox {
	url: string;
	close(): Promise<void>;
}

interface Message {
	key: string;
	file: string;
	mtime: Date;
}

function listMessages(rootDir: string): Message[] {
	const found: Message[] = [];
	const walk = (dir: string) => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (entry.name.endsWith('.eml')) {
				const key = path.relative(rootDir, file).split(path.sep).join('~');
				found.push({ key, file, mtime: fs.statSync(file).mtime });
			}
		}
	};
	walk(rootDir);
	return found.sort((a, b) => b.mtime.getTime() - a.mtime.getTime() || b.key.localeCompare(a.key));
}

/** The PDFs embedded in a UBL (cac:AdditionalDocumentReference/cac:Attachment), in document order. */
export function embeddedPdfs(xml: string): Array<{ filename: string; content: Buffer }> {
	const found: Array<{ filename: string; content: Buffer }> = [];
	for (const match of xml.matchAll(/<cbc:EmbeddedDocumentBinaryObject\b([^>]*)>([^<]*)</g)) {
		const attributes = Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
		if (attributes.mimeCode !== 'application/pdf') continue;
		found.push({ filename: attributes.filename || `embedded-${found.length + 1}.pdf`, content: Buffer.from(match[2], 'base64') });
	}
	return found;
}

const isUbl = (attachment: ParsedMail['attachments'][number]) => /\.xml$/i.test(attachment.filename ?? '') || /xml/.test(attachment.contentType);

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const addresses = (value: ParsedMail['to'] | ParsedMail['from']) =>
	(Array.isArray(value) ? value : value ? [value] : []).map((a) => a.text).join(', ');

async function renderIndex(rootDir: string): Promise<string> {
	const rows: string[] = [];
	for (const message of listMessages(rootDir)) {
		const mail = await simpleParser(fs.readFileSync(message.file));
		const key = encodeURIComponent(message.key);
		const attachments = mail.attachments
			.map((a, i) => {
				const link = `<a href="/attachment/${key}/${i}">${escapeHtml(a.filename ?? `attachment-${i + 1}`)}</a> <small>(${a.size} B)</small>`;
				const pdfs = isUbl(a) ? embeddedPdfs(a.content.toString('utf8')) : [];
				const embedded = pdfs.map(
					(pdf, n) =>
						`<br>&nbsp;&nbsp;↳ <a href="/embedded/${key}/${i}/${n}">${escapeHtml(pdf.filename)}</a> <small>(PDF inside the UBL, ${pdf.content.length} B)</small>`,
				);
				return link + embedded.join('');
			})
			.join('<br>');
		rows.push(
			`<tr><td>${escapeHtml((mail.date ?? message.mtime).toISOString().replace('T', ' ').slice(0, 19))}</td>` +
				`<td>${escapeHtml(addresses(mail.from))}</td><td>${escapeHtml(addresses(mail.to))}</td>` +
				`<td>${escapeHtml(mail.subject ?? '')}</td><td>${attachments || '–'}</td>` +
				`<td><a href="/message/${key}">.eml</a></td></tr>`,
		);
	}
	return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Demo inbox – n8n-nodes-numnum-yuki</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4em .6em;text-align:left;vertical-align:top}th{background:#f4f4f4}</style>
</head><body><h1>Demo inbox</h1>
<p>What the local SMTP server received (standing in for your Yuki inbox). Files: <code>${escapeHtml(rootDir)}</code>. Refreshes every 5 s.</p>
<table><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th><th>Attachments</th><th>Message</th></tr>
${rows.join('\n') || '<tr><td colspan="6">No messages yet.</td></tr>'}
</table></body></html>`;
}

export async function startWebInbox(rootDir: string, port: number, host = '127.0.0.1'): Promise<WebInbox> {
	const server = http.createServer((request, response) => {
		const fail = (status: number, text: string) => {
			response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
			response.end(text);
		};
		const find = (key: string) => listMessages(rootDir).find((m) => m.key === decodeURIComponent(key));
		const handle = async () => {
			const parts = (request.url ?? '/').split('?')[0].split('/').filter(Boolean);
			if (parts.length === 0) {
				response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
				response.end(await renderIndex(rootDir));
				return;
			}
			const message = parts[1] ? find(parts[1]) : undefined;
			if (!message) return fail(404, 'No such message');
			if (parts[0] === 'message' && parts.length === 2) {
				response.writeHead(200, {
					'content-type': 'message/rfc822',
					'content-disposition': `attachment; filename="${message.key.replace(/[^\w.-]/g, '_')}"`,
				});
				response.end(fs.readFileSync(message.file));
				return;
			}
			if (parts[0] === 'attachment' && parts.length === 3) {
				const mail = await simpleParser(fs.readFileSync(message.file));
				const attachment = mail.attachments[Number(parts[2])];
				if (!attachment) return fail(404, 'No such attachment');
				const name = (attachment.filename ?? 'attachment').replace(/[^\w.-]/g, '_');
				response.writeHead(200, {
					'content-type': attachment.contentType,
					'content-disposition': `attachment; filename="${name}"`,
				});
				response.end(attachment.content);
				return;
			}
			if (parts[0] === 'embedded' && parts.length === 4) {
				const mail = await simpleParser(fs.readFileSync(message.file));
				const attachment = mail.attachments[Number(parts[2])];
				const pdf = attachment && isUbl(attachment) ? embeddedPdfs(attachment.content.toString('utf8'))[Number(parts[3])] : undefined;
				if (!pdf) return fail(404, 'No such embedded PDF');
				response.writeHead(200, {
					'content-type': 'application/pdf',
					'content-disposition': `attachment; filename="${pdf.filename.replace(/[^\w.-]/g, '_')}"`,
				});
				response.end(pdf.content);
				return;
			}
			fail(404, 'Not found');
		};
		handle().catch((error: Error) => fail(500, error.message));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	return {
		url: `http://${host}:${actualPort}/`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
