#!/usr/bin/env node
// numnum-send-event: wrap a NumNum document in an event envelope, sign it and POST it to a
// NumNum Trigger URL; prints the answer. For trying a workflow out and for the demo.
import { readFileSync, readdirSync } from 'fs';
import { basename, join } from 'path';
import { parseArgs } from 'util';

import { EVENT_TYPES, signedRequest, wrapInEnvelope } from '../core/events';
import type { EventType } from '../core/events';

// Our own sample documents; beside this script in the repo and in dist/ (copied by gulp).
const examplesDir = join(__dirname, '..', 'examples', 'documents');
const exampleNames = () =>
	readdirSync(examplesDir)
		.filter((name) => name.endsWith('.json'))
		.map((name) => basename(name, '.json'));

const usage = () => `Usage: numnum-send-event --url URL --secret SECRET [options]

Signs a NumNum event (X-NumNum-Signature) and POSTs it to a NumNum Trigger's URL.

  --url URL            the trigger's Production (or Test) URL
  --secret SECRET      the signing secret of the trigger's credential (or env NUMNUM_WEBHOOK_SECRET)
  --example NAME       one of our sample documents: ${exampleNames().join(', ')} (default: invoice)
  --file PATH          a NumNum document (JSON); a whole event envelope is sent as it is
  --event-type TYPE    ${EVENT_TYPES.join(' | ')} (default: from the document type)
  --id ID              the event id (default: a new random one; repeat an id to test de-duplication)
  --timestamp UNIX     sign with this time instead of now (to test the tolerance window)
  --help               this text

Exit status: 0 when the trigger answered 2xx, 1 otherwise.`;

function fail(message: string): never {
	process.stderr.write(`numnum-send-event: ${message}\n\n${usage()}\n`);
	process.exit(2);
}

function readJson(path: string): Record<string, unknown> {
	try {
		return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
	} catch (error) {
		return fail(`cannot read ${path}: ${(error as Error).message}`);
	}
}

function isEnvelope(json: Record<string, unknown>): boolean {
	const data = json.data as { document?: unknown } | undefined;
	return typeof data === 'object' && data !== null && 'document' in data;
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			url: { type: 'string' },
			secret: { type: 'string' },
			example: { type: 'string' },
			file: { type: 'string' },
			'event-type': { type: 'string' },
			id: { type: 'string' },
			timestamp: { type: 'string' },
			help: { type: 'boolean' },
		},
	});
	if (values.help) {
		process.stdout.write(`${usage()}\n`);
		return 0;
	}
	const secret = values.secret ?? process.env.NUMNUM_WEBHOOK_SECRET;
	if (!values.url) fail('--url is required');
	if (!secret) fail('--secret is required (or set NUMNUM_WEBHOOK_SECRET)');
	if (values.file && values.example) fail('give --file or --example, not both');
	const eventType = values['event-type'];
	if (eventType !== undefined && !(EVENT_TYPES as readonly string[]).includes(eventType)) {
		fail(`--event-type must be one of ${EVENT_TYPES.join(', ')}`);
	}
	const timestamp = values.timestamp === undefined ? undefined : Number(values.timestamp);
	if (timestamp !== undefined && !Number.isInteger(timestamp)) fail('--timestamp must be unix seconds');

	let json: Record<string, unknown>;
	if (values.file) {
		json = readJson(values.file);
	} else {
		const example = values.example ?? 'invoice';
		if (!exampleNames().includes(example)) fail(`unknown example "${example}"`);
		json = readJson(join(examplesDir, `${example}.json`));
	}
	const event = isEnvelope(json)
		? { ...json, ...(values.id ? { id: values.id } : {}), ...(eventType ? { type: eventType } : {}) }
		: wrapInEnvelope(json, { id: values.id, type: eventType as EventType | undefined });

	const request = signedRequest(event, secret, timestamp);
	const response = await fetch(values.url, { method: 'POST', headers: request.headers, body: request.body });
	const text = await response.text();
	process.stdout.write(`POST ${values.url} (event ${String(event.id)}) → ${response.status} ${response.statusText}\n`);
	if (text) process.stdout.write(`${text}\n`);
	return response.ok ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`numnum-send-event: ${error.message}\n`);
		process.exit(1);
	},
);
