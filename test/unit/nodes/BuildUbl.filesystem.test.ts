// Build UBL run through n8n-core's real ExecuteContext and BinaryDataService in filesystem mode
// (what N8N_DEFAULT_BINARY_DATA_MODE=filesystem gives a self-hosted n8n): the input PDF is a file
// on disk that item JSON only points at, and the UBL the node writes must land on disk too.
// The UBLs it makes are then checked by the official rules in one ubl-validate call.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { BinaryDataService as BinaryDataServiceType } from 'n8n-core';
import type { IBinaryData, IDataObject, IExecuteData, INode, INodeExecutionData, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BuildUbl } from '../../../nodes/BuildUbl/BuildUbl.node';
import { describeFailures, listWarnings, sharedDir, validateUblDir } from '../../helpers/ubl-validate';

const example = (name: string): IDataObject =>
	JSON.parse(readFileSync(path.join(sharedDir, 'spec', 'examples', `${name}.json`), 'utf8'));

const EXAMPLES = ['invoice', 'credit-note', 'proforma', 'expense', 'intra-community'];
const PDF = Buffer.from('%PDF-1.4\n% Build UBL filesystem test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const WORKFLOW_ID = 'wf-build-ubl';
const EXECUTION_ID = 'exec-1';
// What n8n's execution context needs from an instance: the execution id and its base URLs.
const additionalData = {
	executionId: EXECUTION_ID,
	instanceBaseUrl: 'http://127.0.0.1:5678/',
	restApiUrl: 'http://127.0.0.1:5678/rest',
	webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
	webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
	webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
	formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	variables: {},
};

let work: string;
let storagePath: string;
let binaryData: BinaryDataServiceType;
let ExecuteContext: typeof import('n8n-core').ExecuteContext;
let WorkflowExecute: typeof import('n8n-core').WorkflowExecute;

beforeAll(async () => {
	work = mkdtempSync(path.join(tmpdir(), 'build-ubl-fs-'));
	storagePath = path.join(work, 'binary-data');
	// n8n-core reads its instance settings on load; keep them out of the real ~/.n8n.
	process.env.N8N_USER_FOLDER = path.join(work, 'n8n-user');
	const core = await import('n8n-core');
	const { Container } = await import('@n8n/di');
	ExecuteContext = core.ExecuteContext;
	WorkflowExecute = core.WorkflowExecute;

	const config = { mode: 'filesystem', availableModes: ['filesystem'], localStoragePath: storagePath, signingSecret: 'test' };
	const errorReporter = { error: (error: unknown) => console.error(error) };
	const logger = { debug() {}, info() {}, warn() {}, error() {} };
	binaryData = new core.BinaryDataService(config as never, errorReporter as never, logger as never);
	await binaryData.init();
	Container.set(core.BinaryDataService, binaryData);
}, 120_000); // loading n8n-core takes seconds on a busy machine

afterAll(() => {
	if (work) rmSync(work, { recursive: true, force: true });
});

interface NodeRun {
	output: INodeExecutionData[];
	workflow: Workflow;
	executeData: IExecuteData;
}

/** Runs the node as n8n does: a Workflow holding it, an ExecuteContext over the input items. */
async function runNodeIn(
	items: INodeExecutionData[],
	parameters: IDataObject = {},
	settings: Pick<INode, 'onError'> = {},
): Promise<NodeRun> {
	const buildUbl = new BuildUbl();
	const nodeTypes = {
		getByName: () => buildUbl,
		getByNameAndVersion: () => buildUbl,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const node: INode = {
		id: 'build-ubl',
		name: 'Build UBL',
		type: 'CUSTOM.buildUbl',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		...settings,
	};
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { binaryMode: 'separate' },
	});
	const inputData = { main: [items] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData as never,
		'manual',
		{ resultData: { runData: {} } } as never,
		0,
		items,
		inputData,
		executeData,
		[],
	);
	const [output] = await buildUbl.execute.call(context);
	return { output, workflow, executeData };
}

async function runNode(items: INodeExecutionData[], parameters: IDataObject = {}): Promise<INodeExecutionData[]> {
	return (await runNodeIn(items, parameters)).output;
}

async function storedPdf(fileName: string): Promise<IBinaryData> {
	const location = { type: 'execution' as const, workflowId: WORKFLOW_ID, executionId: 'exec-0' };
	return await binaryData.store(location, PDF, { data: '', mimeType: 'application/pdf', fileName });
}

describe('Build UBL in filesystem binary-data mode (real n8n-core helpers)', () => {
	it('reads the PDF from disk, writes the UBL to disk, and every UBL passes the official rules', async () => {
		const items: INodeExecutionData[] = [];
		for (const name of EXAMPLES) {
			items.push({ json: example(name), binary: { pdf: await storedPdf(`${name}.pdf`) } });
		}
		// The input PDF really is a file reference, not inline base64.
		expect(items[0].binary!.pdf.id).toMatch(/^filesystem/);
		expect(items[0].binary!.pdf.data).not.toBe(PDF.toString('base64'));

		const output = await runNode(items);

		expect(output).toHaveLength(EXAMPLES.length);
		const outDir = path.join(work, 'ubl');
		mkdirSync(outDir);
		for (const [index, item] of output.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			const ubl = item.binary!.ubl;
			expect(ubl.mimeType).toBe('application/xml');
			expect(ubl.fileName).toBe(item.json.fileName);
			// Stored by the filesystem manager: an id pointing at a file under the storage path.
			expect(ubl.id).toMatch(/^filesystem(-v2)?:/);
			expect(existsSync(binaryData.getPath(ubl.id!))).toBe(true);
			expect(binaryData.getPath(ubl.id!).startsWith(storagePath)).toBe(true);

			const xml = (await binaryData.getAsBuffer(ubl)).toString('utf8');
			expect(xml).toContain(`<cbc:ID>${item.json.number as string}</cbc:ID>`);
			expect(xml).toContain(PDF.toString('base64'));
			expect(item.json.pdfEmbedded).toBe(true);
			// The input PDF binary passes through untouched.
			expect(item.binary!.pdf.id).toBe(items[index].binary!.pdf.id);
			writeFileSync(path.join(outDir, ubl.fileName!), xml);
		}

		const validation = validateUblDir(outDir);
		expect(validation.files).toHaveLength(EXAMPLES.length);
		expect(describeFailures(validation)).toEqual([]);
		expect(validation.exitCode).toBe(0);
		// The examples are plain Belgian cases: no rule should even warn.
		expect(listWarnings(validation)).toEqual([]);
	}, 180_000);

	it('gives an invalid item an error naming the field while the PDF stays on disk', async () => {
		const document = example('invoice');
		const bad = { ...document, seller: { ...(document.seller as IDataObject), enterpriseNumber: '0876543271' } };
		const pdf = await storedPdf('bad.pdf');

		await expect(runNode([{ json: bad, binary: { pdf } }])).rejects.toThrow(/seller\.enterpriseNumber/);
		expect(existsSync(binaryData.getPath(pdf.id!))).toBe(true);
	});

	it('sends refused documents to the error output when On Error is "continue (using error output)"', async () => {
		const quote = { ...example('proforma'), id: 'q_7', number: 'Q-7', type: 'quote' };
		const items = [{ json: example('invoice') }, { json: quote }, { json: example('expense') }];
		const { output, workflow, executeData } = await runNodeIn(items, {}, { onError: 'continueErrorOutput' });

		// What n8n's WorkflowExecute does with a node's output when that node has an error output.
		const routed: INodeExecutionData[][] = [output];
		const execute = new WorkflowExecute(additionalData as never, 'manual');
		(execute as unknown as { handleNodeErrorOutput: (...args: unknown[]) => void }).handleNodeErrorOutput(
			workflow,
			executeData,
			routed,
			0,
		);

		expect(routed).toHaveLength(2);
		expect(routed[0].map((item) => item.json.number)).toEqual(['2026-0042', 'F26-11877']);
		expect(routed[1]).toHaveLength(1);
		expect(routed[1][0].json.details).toMatchObject({ documentId: 'q_7', number: 'Q-7' });
		expect(routed[1][0].json.error).toMatch(/quote/i);
		expect(routed[1][0].pairedItem).toEqual({ item: 1 });
	});
});
