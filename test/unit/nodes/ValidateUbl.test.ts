// Validate UBL run through n8n-core's real ExecuteContext and BinaryDataService in filesystem mode:
// the UBL is a file on disk the item only points at. The rules are the real compiled ones.
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { BinaryDataService as BinaryDataServiceType } from 'n8n-core';
import type { IBinaryData, IDataObject, IExecuteData, INode, INodeExecutionData, INodeTypes } from 'n8n-workflow';
import { NodeOperationError, Workflow } from 'n8n-workflow';

import { ValidateUbl } from '../../../nodes/ValidateUbl/ValidateUbl.node';
import { ensureCompiled } from '../../../scripts/rules/compile';
import { sharedDir } from '../../helpers/ubl-validate';

const WORKFLOW_ID = 'wf-validate-ubl';
const additionalData = {
	executionId: 'exec-1',
	instanceBaseUrl: 'http://127.0.0.1:5678/',
	restApiUrl: 'http://127.0.0.1:5678/rest',
	webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
	webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
	webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
	formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	variables: {},
};
const example = readFileSync(path.join(sharedDir, 'validation', 'examples', 'base-example.xml'));
// The example without its invoice number: the XSD (cbc:ID is required) and BR-02 both refuse it.
const withoutNumber = Buffer.from(example.toString('utf8').replace(/<cbc:ID>Snippet1<\/cbc:ID>/, ''));

let work: string;
let binaryData: BinaryDataServiceType;
let ExecuteContext: typeof import('n8n-core').ExecuteContext;

beforeAll(async () => {
	ensureCompiled();
	work = mkdtempSync(path.join(tmpdir(), 'validate-ubl-fs-'));
	process.env.N8N_USER_FOLDER = path.join(work, 'n8n-user');
	const core = await import('n8n-core');
	const { Container } = await import('@n8n/di');
	ExecuteContext = core.ExecuteContext;
	const config = { mode: 'filesystem', availableModes: ['filesystem'], localStoragePath: path.join(work, 'binary-data'), signingSecret: 'test' };
	const logger = { debug() {}, info() {}, warn() {}, error() {} };
	binaryData = new core.BinaryDataService(config as never, { error: console.error } as never, logger as never);
	await binaryData.init();
	Container.set(core.BinaryDataService, binaryData);
}, 600_000);
afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const stored = async (content: Buffer, fileName: string): Promise<IBinaryData> =>
	await binaryData.store({ type: 'execution', workflowId: WORKFLOW_ID, executionId: 'exec-0' }, content, { data: '', mimeType: 'application/xml', fileName });

async function run(items: INodeExecutionData[], parameters: IDataObject = {}, continueOnFail = false): Promise<INodeExecutionData[][]> {
	const type = new ValidateUbl();
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node: INode = {
		id: 'validate-ubl',
		name: 'Validate UBL',
		type: 'CUSTOM.validateUbl',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({ id: WORKFLOW_ID, nodes: [node], connections: {}, active: false, nodeTypes, settings: { binaryMode: 'separate' } });
	const inputData = { main: [items] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
	const context = new ExecuteContext(workflow, node, additionalData as never, 'manual', { resultData: { runData: {} } } as never, 0, items, inputData, executeData, []);
	return await type.execute.call(context);
}

describe('Validate UBL node', () => {
	it('reads the UBL from disk and gives each item its verdict, findings and rule set', async () => {
		const items = [
			{ json: { n: 1 }, binary: { ubl: await stored(example, 'good.xml') } },
			{ json: { n: 2 }, binary: { ubl: await stored(withoutNumber, 'bad.xml') } },
		];
		const outputs = await run(items, { rules: 'current' });
		expect(outputs).toHaveLength(1);
		const [good, bad] = outputs[0];
		expect(good.json).toMatchObject({ n: 1, valid: true, profile: 'peppol', rules: 'current', fatal: 0, fileName: 'good.xml' });
		expect(good.json.rulesVersion).toBe('Peppol BIS Billing 3.0.21, EN 16931 1.3.16');
		expect(good.binary!.ubl.id).toBe(items[0].binary.ubl.id);
		expect(bad.json).toMatchObject({ n: 2, valid: false });
		const rules = (bad.json.findings as IDataObject[]).map((f) => f.ruleId);
		expect(rules).toEqual(expect.arrayContaining(['UBL-XSD', 'BR-02']));
		expect(bad.json.findings).toContainEqual(
			expect.objectContaining({ ruleId: 'BR-02', severity: 'fatal', businessTerms: ['BT-1'], location: expect.stringContaining('Invoice[1]') }),
		);
		expect([good.pairedItem, bad.pairedItem]).toEqual([{ item: 0 }, { item: 1 }]);
	}, 300_000);

	it('sends invalid UBL to the second output when asked, and checks the next rules when chosen', async () => {
		const items = [
			{ json: {}, binary: { ubl: await stored(withoutNumber, 'bad.xml') } },
			{ json: {}, binary: { ubl: await stored(example, 'good.xml') } },
		];
		const [valid, invalid] = await run(items, { invalidOutput: true, rules: 'next' });
		expect(valid.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(invalid.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(valid[0].json.rulesVersion).toBe('Peppol BIS Billing 3.0.22, EN 16931 1.3.16');
	}, 300_000);

	it('names the missing binary property in a NodeOperationError for the item, or an error item with continueOnFail', async () => {
		const items = [{ json: {}, binary: { ubl: await stored(example, 'good.xml') } }, { json: {} }];
		const error = await run(items).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(/No binary property 'ubl'/);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);

		const [out] = await run(items, {}, true);
		expect(out).toHaveLength(2);
		expect(out[1].json.error).toMatch(/No binary property 'ubl'/);
		expect(out[1].pairedItem).toEqual({ item: 1 });
	}, 300_000);

	it('declares a second output only when invalidOutput is on, and is usable as a tool', () => {
		const { description } = new ValidateUbl();
		expect(description.usableAsTool).toBe(true);
		expect(String(description.outputs)).toMatch(/\$parameter\["invalidOutput"\]/);
		expect(description.icon).toEqual({ light: 'file:validateUbl.svg', dark: 'file:validateUbl.dark.svg' });
	});
});
