// One real run of the auto-forwarding workflow in the editor, so the node panels show real input
// and output: "Execute workflow" makes n8n wait for a test event, a signed sample event goes to the
// test webhook URL (as `npx numnum-send-event` would send it), and the run goes through Build UBL
// and Send to Yuki Inbox into the local SMTP sink.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Page } from 'playwright-core';

import { signedRequest, wrapInEnvelope } from '../../core/events';

const SUCCESS_ICON = '[data-test-id="canvas-node-status-success"]';

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface LiveRunInput {
	page: Page;
	/** n8n's test webhook URL of the trigger, e.g. http://127.0.0.1:5678/webhook-test/<webhookId>/numnum */
	testUrl: string;
	secret: string;
	/** A NumNum document (the contract's JSON), e.g. examples/documents/invoice.json. */
	documentFile: string;
	/** How many nodes must show a green check when the run is done. */
	nodesToSucceed: number;
}

/** Posts the signed event until the editor's test webhook listens (it registers a moment after the click). */
async function postWhenListening(testUrl: string, secret: string, document: Record<string, unknown>): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const request = signedRequest(wrapInEnvelope(document), secret);
		const response = await fetch(testUrl, { method: 'POST', headers: request.headers, body: request.body });
		const text = await response.text();
		if (response.ok) return;
		// 404: the editor has not registered the test webhook yet.
		if (response.status !== 404 || Date.now() > deadline) {
			throw new Error(`POST ${testUrl} → ${response.status}: ${text.slice(0, 500)}`);
		}
		await sleep(300);
	}
}

export async function runAutoForwarding(input: LiveRunInput): Promise<void> {
	const { page } = input;
	const document = JSON.parse(fs.readFileSync(path.resolve(input.documentFile), 'utf8')) as Record<string, unknown>;
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await postWhenListening(input.testUrl, input.secret, document);
	await page.waitForFunction(
		`document.querySelectorAll('${SUCCESS_ICON}').length >= ${input.nodesToSucceed}`,
		undefined,
		{ timeout: 60_000 },
	);
	await page.mouse.move(2, 400);
	await page.waitForTimeout(800);
}
