// The package in a REAL n8n 2.41.1: n8n lists every node and credential our manifest
// promises, and a workflow using Build UBL runs and yields a valid UBL file stored in
// n8n's filesystem binary mode — proving the nodes load AND their runtime dependencies
// (xmlbuilder2, zod, decimal.js) resolve from where the package is installed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import {
	executionError,
	nodeItems,
	REPO_ROOT,
	startN8n,
	type N8nInstance,
	type N8nWorkflowJson,
} from '../helpers/n8n';
import { describeFailures, validateUblDir } from '../helpers/ubl-validate';

// First run on a fresh machine installs n8n (~8 min) before starting it.
jest.setTimeout(15 * 60_000);

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
/** `dist/nodes/BuildUbl/BuildUbl.node.js` → `buildUbl` (n8n's naming: the class name, lower camel case). */
const typeName = (entry: string, suffix: string) => {
	const base = path.basename(entry, suffix);
	return base.charAt(0).toLowerCase() + base.slice(1);
};
const expectedNodeTypes = manifest.n8n.nodes.map((entry) => `CUSTOM.${typeName(entry, '.node.js')}`);
const expectedCredentialTypes = manifest.n8n.credentials.map((entry) => typeName(entry, '.credentials.js'));

const invoiceJson = fs.readFileSync(path.resolve(REPO_ROOT, '..', 'shared', 'spec', 'examples', 'invoice.json'), 'utf8');
const invoice = JSON.parse(invoiceJson) as { id: string; number: string };

function buildUblWorkflow(name: string, documentJson: string): N8nWorkflowJson {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: 'Document',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return [{ json: ${documentJson} }];` },
			},
			{
				name: 'Build UBL',
				// Written as a community install names it; the harness maps it to CUSTOM.buildUbl.
				type: 'n8n-nodes-numnum-yuki.buildUbl',
				typeVersion: 1,
				position: [440, 0],
				parameters: {},
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Document', type: 'main', index: 0 }]] },
			Document: { main: [[{ node: 'Build UBL', type: 'main', index: 0 }]] },
		},
	};
}

describe('the package in real n8n', () => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		n8n = await startN8n();
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it.each(expectedNodeTypes)('n8n lists the node type %s', async (type) => {
		await n8n.guard(async () => {
			expect(await n8n.listNodeTypes()).toContain(type);
		});
	});

	it.each(expectedCredentialTypes)('n8n lists the credential type %s', async (type) => {
		await n8n.guard(async () => {
			expect(await n8n.listCredentialTypes()).toContain(type);
		});
	});

	it('runs Manual Trigger → Code → Build UBL and returns a valid UBL stored in filesystem binary mode', async () => {
		await n8n.guard(async () => {
			const workflow = await n8n.importWorkflow(buildUblWorkflow('Build UBL in real n8n', invoiceJson));
			const execution = await n8n.executeWorkflow(workflow.id);
			expect(executionError(execution)).toBeUndefined();

			const [item, ...rest] = nodeItems(execution, 'Build UBL');
			expect(rest).toHaveLength(0);
			const ubl = item.binary?.ubl;
			expect(ubl).toBeDefined();
			expect(ubl!.mimeType).toBe('application/xml');
			expect(ubl!.fileName).toMatch(/\.xml$/);
			expect(ubl!.id).toMatch(/^filesystem/);

			const xml = (await n8n.getBinaryData(ubl!)).toString('utf8');
			expect(xml).toContain('<Invoice');
			expect(xml).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);

			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-ubl-'));
			try {
				fs.writeFileSync(path.join(dir, ubl!.fileName!), xml);
				const validation = validateUblDir(dir);
				expect(describeFailures(validation)).toEqual([]);
				expect(validation.files).toHaveLength(1);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		});
	});

	it('fails the execution with an error naming the field when the document is invalid', async () => {
		await n8n.guard(async () => {
			const broken = { ...JSON.parse(invoiceJson), number: undefined };
			const workflow = await n8n.importWorkflow(buildUblWorkflow('Build UBL, invalid document', JSON.stringify(broken)));
			const execution = await n8n.executeWorkflow(workflow.id);
			expect(execution.status).toBe('error');
			expect(executionError(execution)).toMatch(/Build UBL/);
			expect(executionError(execution)).toMatch(/number/);
		});
	});
});
