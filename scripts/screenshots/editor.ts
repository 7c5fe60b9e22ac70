// What a person does in n8n's editor to see a workflow and a node's panel, as Playwright steps.
// Selectors are n8n's own data-test-id attributes (its end-to-end tests use them too).
import type { Locator, Page } from 'playwright-core';

import { dismissOverlays } from './browser';

const CANVAS_NODE = '[data-test-id="canvas-node"]';
const NDV = '[data-test-id="ndv"]';

/** Lets fonts, icons and the canvas' fit-view animation settle before a screenshot. */
async function settle(page: Page, ms = 800): Promise<void> {
	// Runs in the browser (a string, since this project compiles without the DOM library).
	await page.evaluate('document.fonts.ready.then(() => true)');
	await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
	await page.waitForTimeout(ms);
}

/** Opens a saved workflow in the editor and waits until all its nodes are drawn. */
export async function openWorkflow(page: Page, baseUrl: string, workflowId: string, nodeCount: number): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.waitForSelector(CANVAS_NODE, { timeout: 60_000 });
	await page.waitForFunction(`document.querySelectorAll('${CANVAS_NODE}').length >= ${nodeCount}`, undefined, {
		timeout: 30_000,
	});
	await dismissOverlays(page);
	// The editor fits the view on load; ask again in case an overlay changed the canvas size.
	await page.locator('[data-test-id="zoom-to-fit"]').click({ timeout: 5_000 }).catch(() => undefined);
	await page.mouse.move(2, 400); // no hover toolbar on any node
	await settle(page);
}

export async function screenshotCanvas(page: Page, file: string): Promise<void> {
	await page.screenshot({ path: file });
}

/** Double-clicks a node on the canvas and waits for its panel (the NDV) with its parameters. */
export async function openNodePanel(page: Page, nodeName: string): Promise<void> {
	const node = page.locator(`${CANVAS_NODE}[data-node-name="${nodeName}"]`);
	const target = (await node.count()) > 0 ? node.first() : page.locator(CANVAS_NODE).filter({ hasText: nodeName }).first();
	await target.dblclick();
	await page.waitForSelector(NDV, { timeout: 30_000 });
	await page.waitForSelector(`${NDV} [data-test-id="node-parameters"]`, { timeout: 30_000 });
	await dismissOverlays(page);
	await page.mouse.move(640, 790); // away from the parameters, so no tooltip shows
	await settle(page);
}

/** Opens the "Add option" list of a collection parameter (e.g. Build UBL's Options), if the panel has one. */
export async function openOptionsList(page: Page): Promise<boolean> {
	const add = page.locator(`${NDV} [data-test-id="collection-parameter-add"]`).first();
	if ((await add.count()) === 0) return false;
	await add.click();
	await settle(page, 500);
	return true;
}

/** Unfolds a trigger panel's "Webhook URLs" and picks the production URL, the one users copy. */
export async function showWebhookUrls(page: Page): Promise<boolean> {
	const toggle = page.locator(NDV).getByText('Webhook URLs', { exact: true }).first();
	if ((await toggle.count()) === 0) return false;
	await toggle.click();
	const production = page.locator(NDV).getByText('Production URL', { exact: true }).first();
	await production.click({ timeout: 3_000 }).catch(() => undefined);
	await page.mouse.move(640, 790);
	await settle(page, 500);
	return true;
}

/** Shows a panel side (input or output) as n8n's Schema view: field names and values, easiest to read. */
export async function showSchemaView(page: Page, side: 'input' | 'output'): Promise<void> {
	const panel = page.locator(`${NDV} [data-test-id="${side === 'input' ? 'ndv-input-panel' : 'output-panel'}"]`);
	const schema = panel.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('Schema', { exact: true }).first();
	if ((await schema.count()) === 0) return;
	await schema.click({ timeout: 3_000 }).catch(() => undefined);
	await page.mouse.move(640, 790);
	await settle(page, 500);
}

/** Closes the toasts n8n shows after a run ("Workflow executed successfully"). */
export async function closeToasts(page: Page): Promise<void> {
	const buttons = page.locator('.el-notification .el-notification__closeBtn');
	for (let index = (await buttons.count()) - 1; index >= 0; index--) {
		await buttons.nth(index).click({ timeout: 2_000 }).catch(() => undefined);
	}
	await page.waitForTimeout(400);
}

export async function closeNodePanel(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.waitForSelector(NDV, { state: 'hidden', timeout: 10_000 }).catch(async () => {
		await page.locator('[data-test-id="ndv-close-button"]').click();
		await page.waitForSelector(NDV, { state: 'hidden', timeout: 10_000 });
	});
}

const CREDENTIAL_DIALOG = '[data-test-id="editCredential-modal"]';

/**
 * Opens a saved credential's dialog by clicking its name on the Credentials page, and lets the
 * dialog grow to its content (it scrolls inside a fixed height otherwise), so one picture shows
 * every field. Returns the dialog to photograph.
 */
export async function openCredential(page: Page, baseUrl: string, credentialName: string): Promise<Locator> {
	await page.goto(`${baseUrl}/home/credentials`);
	await page.getByText(credentialName, { exact: true }).first().click({ timeout: 30_000 });
	const dialog = page.locator(CREDENTIAL_DIALOG);
	await dialog.waitFor({ state: 'visible', timeout: 30_000 });
	await page.addStyleTag({
		content: `${CREDENTIAL_DIALOG} { height: auto !important; max-height: none !important; }
			${CREDENTIAL_DIALOG} [class*="_mainContent_"] { height: auto !important; max-height: none !important; overflow: visible !important; }`,
	});
	await page.mouse.move(2, 2);
	await settle(page);
	return dialog;
}
