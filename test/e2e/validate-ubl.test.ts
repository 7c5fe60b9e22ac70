// Validate UBL in a REAL n8n 2.41.1: Build UBL → Validate UBL passes the UBL it wrote, and a broken
// UBL leaves by the "Invalid" output with the official rule ids — the compiled rules, the XSD
// (xmllint-wasm's worker and .wasm) and SaxonJS all resolve from where the package is installed.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { executionError, nodeItems, REPO_ROOT, startN8n, type N8nInstance, type N8nWorkflowJson } from '../helpers/n8n';

jest.setTimeout(15 * 60_000);

const invoiceJson = fs.readFileSync(path.resolve(REPO_ROOT, '..', 'shared', 'spec', 'examples', 'invoice.json'), 'utf8');
const example = fs.readFileSync(path.resolve(REPO_ROOT, '..', 'shared', 'validation', 'examples', 'base-example.xml'), 'utf8');
const broken = example.replace('<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>', '<cbc:DocumentCurrencyCode>EURO</cbc:DocumentCurrencyCode>');

function workflow(name: string, source: N8nWorkflowJson['nodes'][number]): N8nWorkflowJson {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			source,
			{
				name: 'Validate UBL',
				type: 'n8n-nodes-numnum-yuki.validateUbl',
				typeVersion: 1,
				position: [660, 0],
				parameters: { invalidOutput: true, rules: 'current' },
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: source.name, type: 'main', index: 0 }]] },
			[source.name]: { main: [[{ node: 'Validate UBL', type: 'main', index: 0 }]] },
		},
	};
}

describe('Validate UBL in real n8n', () => {
	let n8n: N8nInstance;
	beforeAll(async () => {
		n8n = await startN8n();
	});
	afterAll(async () => {
		await n8n?.stop();
	});

	it('passes the UBL Build UBL wrote, on the Valid output', async () => {
		await n8n.guard(async () => {
			const build = workflow('Build then validate', {
				name: 'Build UBL',
				type: 'n8n-nodes-numnum-yuki.buildUbl',
				typeVersion: 1,
				position: [440, 0],
				parameters: {},
			});
			build.nodes.splice(1, 0, { name: 'Document', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: `return [{ json: ${invoiceJson} }];` } });
			build.connections['Manual Trigger'] = { main: [[{ node: 'Document', type: 'main', index: 0 }]] };
			build.connections.Document = { main: [[{ node: 'Build UBL', type: 'main', index: 0 }]] };
			const execution = await n8n.executeWorkflow((await n8n.importWorkflow(build)).id);
			expect(executionError(execution)).toBeUndefined();
			const [item, ...rest] = nodeItems(execution, 'Validate UBL', 0);
			expect(rest).toHaveLength(0);
			expect(item.json).toMatchObject({ valid: true, profile: 'peppol', fatal: 0, rulesVersion: 'Peppol BIS Billing 3.0.21, EN 16931 1.3.16' });
			expect(nodeItems(execution, 'Validate UBL', 1)).toHaveLength(0);
		});
	});

	it('sends a broken UBL to the Invalid output with the rule that fails', async () => {
		await n8n.guard(async () => {
			const code = `return [{ json: { name: 'broken' }, binary: { ubl: { data: ${JSON.stringify(Buffer.from(broken).toString('base64'))}, mimeType: 'application/xml', fileName: 'broken.xml' } } }];`;
			const flow = workflow('Validate a broken UBL', { name: 'UBL', type: 'n8n-nodes-base.code', typeVersion: 2, position: [440, 0], parameters: { jsCode: code } });
			const execution = await n8n.executeWorkflow((await n8n.importWorkflow(flow)).id);
			expect(executionError(execution)).toBeUndefined();
			expect(nodeItems(execution, 'Validate UBL', 0)).toHaveLength(0);
			const [item] = nodeItems(execution, 'Validate UBL', 1);
			expect(item.json.valid).toBe(false);
			expect((item.json.findings as { ruleId: string }[]).map((f) => f.ruleId)).toContain('BR-CL-04');
		});
	});
});
