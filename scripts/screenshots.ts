// npm run screenshots: the README's pictures, taken in the real n8n editor.
//
// Expects `npm run build` done (the BUILT package is what n8n loads). Starts the pinned n8n with
// the package (test/helpers/n8n.ts) and a local SMTP sink, imports the example workflows with
// working credentials, signs in as the owner in headless Chromium (Debian's `chromium`), and saves
// into docs/images/:
//   workflow-<example>.png   the canvas of each examples/workflows/<example>.json
//   workflow-<example>-run.png  the NumNum Trigger workflow after one signed sample event went through
//   node-<node>.png          each of our nodes' panels, opened by double-click on the canvas after that
//                            run, so they show real input and output
//   node-<node>-options.png  the panel with its "Add option" list open (nodes that have options)
//   credential-<name>.png    each credential's dialog, filled with example values
//
//   npm run screenshots [-- --out DIR]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import type { Page } from 'playwright-core';

import { startN8n, type ImportedCredential, type N8nInstance, type N8nWorkflowJson } from '../test/helpers/n8n';
import { REPO_ROOT } from '../test/helpers/n8n-install';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink';
import { chromiumPath, launchChromium, MissingChromiumError, signIn, VIEWPORT } from './screenshots/browser';
import { exampleCredentials, SCREENSHOT_SIGNING_SECRET, screenshotCredentials } from './screenshots/credentials';
import {
	closeNodePanel,
	closeToasts,
	openCredential,
	openNodePanel,
	openOptionsList,
	openWorkflow,
	screenshotCanvas,
	showSchemaView,
	showWebhookUrls,
} from './screenshots/editor';
import { runAutoForwarding } from './screenshots/liveRun';
import {
	defaultsWorkflow,
	findNodeOfType,
	isOurNode,
	loadExampleWorkflows,
	OUR_NODES,
	type OurNode,
} from './screenshots/workflows';

// The trigger panel shows its webhook URLs; a neutral public-looking host instead of a random local port.
const SHOWN_WEBHOOK_BASE = 'https://n8n.example.com/';

interface ImportedWorkflow {
	id: string;
	slug: string;
	/** Names of the nodes drawn as canvas nodes (sticky notes are drawn differently). */
	nodeNames: string[];
	/** node type name of ours → its name on this canvas */
	ours: Map<string, string>;
	/** webhookId of its NumNum Trigger, if it has one */
	webhookId?: string;
}

function log(message: string): void {
	process.stdout.write(`[screenshots] ${message}\n`);
}

function assertBuilt(): void {
	const missing = OUR_NODES.map((node) => node.name).filter((name) => {
		const dir = name.charAt(0).toUpperCase() + name.slice(1);
		return !fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', dir, `${dir}.node.js`));
	});
	if (missing.length === OUR_NODES.length) {
		throw new Error('The package is not built: run `npm run build` first, then `npm run screenshots`.');
	}
	if (missing.length > 0) log(`not built (no panel screenshot): ${missing.join(', ')}`);
}

function canvasNodeNames(workflow: N8nWorkflowJson): string[] {
	return workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name);
}

async function importAll(n8n: N8nInstance, credentials: ImportedCredential[]): Promise<ImportedWorkflow[]> {
	const loadedTypes = new Set(await n8n.listNodeTypes());
	const examples = loadExampleWorkflows(REPO_ROOT);
	const imported: ImportedWorkflow[] = [];
	for (const example of examples) {
		const { id } = await n8n.importWorkflow(example.json, { credentials });
		const ours = new Map<string, string>();
		for (const node of OUR_NODES) {
			const name = findNodeOfType(example.json, node.name);
			if (name) ours.set(node.name, name);
		}
		const trigger = example.json.nodes.find((n) => isOurNode(n.type, 'numNumTrigger'));
		const webhookId = typeof trigger?.webhookId === 'string' ? trigger.webhookId : undefined;
		imported.push({ id, slug: example.slug, nodeNames: canvasNodeNames(example.json), ours, webhookId });
		log(`imported ${path.relative(REPO_ROOT, example.file)} as ${id}`);
	}
	// Nodes no example shows still get a panel picture, from a workflow with their defaults.
	const shown = new Set(imported.flatMap((workflow) => [...workflow.ours.keys()]));
	const unshown = OUR_NODES.filter((node) => !shown.has(node.name) && loadedTypes.has(`CUSTOM.${node.name}`));
	if (unshown.length > 0) {
		const workflow = defaultsWorkflow(unshown);
		const { id } = await n8n.importWorkflow(workflow, { credentials });
		imported.push({
			id,
			slug: '',
			nodeNames: canvasNodeNames(workflow),
			ours: new Map(unshown.map((node) => [node.name, node.displayName])),
		});
		log(`no example uses ${unshown.map((n) => n.displayName).join(', ')}: their panels show default parameters`);
	}
	return imported;
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { out: { type: 'string' } } });
	const outDir = path.resolve(values.out ?? path.join(REPO_ROOT, 'docs', 'images'));
	// Check the cheap things before n8n takes its half-minute to start.
	if (!fs.existsSync(chromiumPath())) throw new MissingChromiumError(chromiumPath());
	assertBuilt();
	fs.mkdirSync(outDir, { recursive: true });

	let sink: SmtpSink | undefined;
	let n8n: N8nInstance | undefined;
	const browser = await launchChromium();
	const written: string[] = [];
	try {
		sink = await startSmtpSink();
		log('starting n8n (pinned version, package loaded as a custom extension)…');
		n8n = await startN8n({ env: { WEBHOOK_URL: SHOWN_WEBHOOK_BASE } });
		log(`n8n ready at ${n8n.baseUrl} after ${(n8n.startupMs / 1000).toFixed(1)} s`);
		const instance = n8n;
		await instance.guard(async () => {
			const credentials = await instance.importCredentials(await screenshotCredentials(instance, sink!));
			const workflows = await importAll(instance, credentials);

			const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
			// Leaving a panel with an opened option list may ask "leave without saving?": yes, nothing is saved.
			page.on('dialog', (dialog) => void dialog.accept());
			await signIn(page, instance.baseUrl, instance.owner);

			for (const workflow of workflows.filter((w) => w.slug !== '')) {
				await openWorkflow(page, instance.baseUrl, workflow.id, workflow.nodeNames.length);
				const file = path.join(outDir, `workflow-${workflow.slug}.png`);
				await screenshotCanvas(page, file);
				written.push(file);
				log(`canvas of ${workflow.slug} → ${path.relative(REPO_ROOT, file)}`);
			}

			written.push(...(await shootPanels(page, instance, workflows, outDir)));
			written.push(...(await shootCredentials(page, instance, outDir)));
		});
	} finally {
		await browser.close();
		await n8n?.stop();
		await sink?.close();
	}
	log(`${written.length} screenshots in ${path.relative(process.cwd(), outDir) || '.'}`);
}

const CREDENTIAL_IMAGES: Record<string, string> = {
	numNumWebhookApi: 'credential-numnum-signing-secret',
	yukiSmtpApi: 'credential-yuki-smtp',
};

/** Each credential's dialog, filled with the example values a user would type (not the local sink's). */
async function shootCredentials(page: Page, n8n: N8nInstance, outDir: string): Promise<string[]> {
	const files: string[] = [];
	// Taller, so the grown dialog fits; the picture is of the dialog alone.
	await page.setViewportSize({ width: VIEWPORT.width, height: 1200 });
	try {
		for (const credential of await n8n.importCredentials(await exampleCredentials(n8n))) {
			const dialog = await openCredential(page, n8n.baseUrl, credential.name);
			const file = path.join(outDir, `${CREDENTIAL_IMAGES[credential.type]}.png`);
			await dialog.screenshot({ path: file });
			files.push(file);
			log(`credential ${credential.name} → ${path.relative(REPO_ROOT, file)}`);
			await page.keyboard.press('Escape');
		}
	} finally {
		await page.setViewportSize(VIEWPORT);
	}
	return files;
}

/** Screenshots of one node's panel (and of its option list, when it has options) on the open canvas. */
async function shootPanel(page: Page, nodeName: string, node: OurNode, outDir: string): Promise<string[]> {
	await openNodePanel(page, nodeName);
	if (node.name === 'numNumTrigger') await showWebhookUrls(page);
	await showSchemaView(page, 'output');
	const files: string[] = [];
	const file = path.join(outDir, `${node.imageSlug}.png`);
	await page.screenshot({ path: file });
	files.push(file);
	log(`panel of ${node.displayName} → ${path.relative(REPO_ROOT, file)}`);
	if (await openOptionsList(page)) {
		const optionsFile = path.join(outDir, `${node.imageSlug}-options.png`);
		await page.screenshot({ path: optionsFile });
		files.push(optionsFile);
		log(`options of ${node.displayName} → ${path.relative(REPO_ROOT, optionsFile)}`);
		await page.keyboard.press('Escape');
	}
	await closeNodePanel(page);
	return files;
}

/**
 * Every node panel of ours. The workflow with the NumNum Trigger first runs once for real (a signed
 * sample event), so its panels show what the nodes received and produced; panels of nodes it lacks,
 * or all of them when that run fails, show the saved parameters only.
 */
async function shootPanels(page: Page, n8n: N8nInstance, workflows: ImportedWorkflow[], outDir: string): Promise<string[]> {
	const files: string[] = [];
	const done = new Set<string>();
	const live = workflows.find((w) => w.slug !== '' && w.ours.has('numNumTrigger') && w.webhookId);
	if (live) {
		try {
			await openWorkflow(page, n8n.baseUrl, live.id, live.nodeNames.length);
			await runAutoForwarding({
				page,
				testUrl: n8n.webhookTestUrl(`${live.webhookId}/numnum`),
				secret: SCREENSHOT_SIGNING_SECRET,
				documentFile: path.join(REPO_ROOT, 'examples', 'documents', 'invoice.json'),
				nodesToSucceed: live.nodeNames.length,
			});
			await closeToasts(page);
			const file = path.join(outDir, `workflow-${live.slug}-run.png`);
			await screenshotCanvas(page, file);
			files.push(file);
			log(`canvas of ${live.slug} after a signed sample event → ${path.relative(REPO_ROOT, file)}`);
			for (const node of OUR_NODES) {
				const nodeName = live.ours.get(node.name);
				if (!nodeName) continue;
				files.push(...(await shootPanel(page, nodeName, node, outDir)));
				done.add(node.name);
			}
		} catch (error) {
			log(`the live run of ${live.slug} failed, panels show parameters only: ${(error as Error).message}`);
		}
	}
	for (const node of OUR_NODES.filter((n) => !done.has(n.name))) {
		const workflow = workflows.find((w) => w.ours.has(node.name));
		if (!workflow) continue;
		await openWorkflow(page, n8n.baseUrl, workflow.id, workflow.nodeNames.length);
		files.push(...(await shootPanel(page, workflow.ours.get(node.name)!, node, outDir)));
	}
	return files;
}

main().catch((error: unknown) => {
	process.stderr.write(`[screenshots] ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
