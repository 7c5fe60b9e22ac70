// The numnum-send-event command against a real local HTTP server that checks what arrives.
import { execFile } from 'child_process';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { promisify } from 'util';

import { SeenEventIds, receiveEvent } from '../../core/events';
import { repoRoot } from '../helpers/numnumEvents';

const run = promisify(execFile);
const secret = 'whsec_cli';

interface Received {
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

let url = '';
const received: Received[] = [];
const seen = new SeenEventIds();
const server = createServer((req, res) => {
	const chunks: Buffer[] = [];
	req.on('data', (chunk: Buffer) => chunks.push(chunk));
	req.on('end', () => {
		const body = Buffer.concat(chunks);
		received.push({ headers: req.headers, body });
		const delivery = receiveEvent({
			rawBody: body,
			signatureHeader: req.headers['x-numnum-signature'] as string | undefined,
			secrets: [secret],
			filters: { documentTypes: ['invoice', 'credit_note', 'proforma', 'expense'] },
			seen,
		});
		res.writeHead(delivery.status, { 'content-type': 'application/json' }).end(JSON.stringify(delivery.response));
	});
});

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/x/numnum`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

const cli = (...args: string[]) =>
	run('npx', ['tsx', join(repoRoot, 'scripts', 'send-sample-event.ts'), ...args], { cwd: repoRoot }).then(
		(out) => ({ code: 0, ...out }),
		(error: { code: number; stdout: string; stderr: string }) => error,
	);

describe('numnum-send-event', () => {
	it('signs and posts the sample invoice by default, printing the answer', async () => {
		const result = await cli('--url', url, '--secret', secret, '--id', 'evt_cli_1');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/→ 200 OK/);
		expect(result.stdout).toContain('"eventId":"evt_cli_1"');
		const last = received[received.length - 1];
		expect(last.headers['content-type']).toBe('application/json');
		expect(JSON.parse(last.body.toString())).toMatchObject({
			id: 'evt_cli_1',
			type: 'document.sent',
			data: { document: { number: '2026-0150' } },
		});
	}, 30_000);

	it('sends an expense as expense.created, and reports a repeated id as a duplicate', async () => {
		const first = await cli('--url', url, '--secret', secret, '--example', 'expense', '--id', 'evt_cli_2');
		const again = await cli('--url', url, '--secret', secret, '--example', 'expense', '--id', 'evt_cli_2');
		expect(JSON.parse(received[received.length - 1].body.toString()).type).toBe('expense.created');
		expect(first.stdout).not.toContain('duplicate');
		expect(again.stdout).toContain('"duplicate":true');
	}, 30_000);

	it('exits 1 and prints the 401 when the secret is wrong or the timestamp old', async () => {
		const wrong = await cli('--url', url, '--secret', 'nope');
		expect(wrong.code).toBe(1);
		expect(wrong.stdout).toMatch(/→ 401/);
		expect(wrong.stdout).toContain('"reason":"mismatch"');
		const old = String(Math.floor(Date.now() / 1000) - 3600);
		const stale = await cli('--url', url, '--secret', secret, '--timestamp', old);
		expect(stale.stdout).toContain('"reason":"stale"');
	}, 30_000);

	it('sends a document file, and refuses bad arguments with exit status 2', async () => {
		const file = join(repoRoot, 'examples', 'documents', 'quote.json');
		const quote = await cli('--url', url, '--secret', secret, '--file', file);
		expect(quote.stdout).toMatch(/"ignored":"document type quote is not selected/);
		const bad = await cli('--url', url, '--secret', secret, '--event-type', 'document.deleted');
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--event-type must be one of/);
	}, 30_000);
});
