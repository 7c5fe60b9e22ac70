// Read UBL run through n8n-core's real ExecuteContext and BinaryDataService in filesystem mode: the UBL
// is a file on disk that the item only points at; the PDF it embeds must land on disk as a binary, and
// the UBL must go on as the very same binary (same bytes) for Send to Yuki Inbox to forward.
import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { BinaryDataService as BinaryDataServiceType } from 'n8n-core';
import type { IBinaryData, IDataObject, IExecuteData, INode, INodeExecutionData, INodeTypes } from 'n8n-workflow';
import { NodeOperationError, Workflow } from 'n8n-workflow';

import { parseDocument } from '../../../core/document';
import { ReadUbl } from '../../../nodes/ReadUbl/ReadUbl.node';
import { sharedPath } from '../../helpers/shared';

const fixture = (name: string) => readFileSync(sharedPath('fixtures', 'numnum-ubl', name));
const truth = (name: string) => JSON.parse(readFileSync(sharedPath('fixtures', 'numnum-ubl', name.replace(/\.xml$/, '.truth.json')), 'utf8'));
const WORKFLOW_ID = 'wf-read-ubl';
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

let work: string;
let binaryData: BinaryDataServiceType;
let ExecuteContext: typeof import('n8n-core').ExecuteContext;
let WorkflowExecute: typeof import('n8n-core').WorkflowExecute;

beforeAll(async () => {
	work = mkdtempSync(path.join(tmpdir(), 'read-ubl-fs-'));
	process.env.N8N_USER_FOLDER = path.join(work, 'n8n-user');
	const core = await import('n8n-core');
	const { Container } = await import('@n8n/di');
	ExecuteContext = core.ExecuteContext;
	WorkflowExecute = core.WorkflowExecute;
	const config = { mode: 'filesystem', availableModes: ['filesystem'], localStoragePath: path.join(work, 'binary-data'), signingSecret: 'test' };
	binaryData = new core.BinaryDataService(config as never, { error: console.error } as never, { debug() {}, info() {}, warn() {}, error() {} } as never);
	await binaryData.init();
	Container.set(core.BinaryDataService, binaryData);
}, 120_000);

afterAll(() => {
	if (work) rmSync(work, { recursive: true, force: true });
});

async function runNodeIn(items: INodeExecutionData[], parameters: IDataObject = {}, settings: Pick<INode, 'onError'> = {}) {
	const readUbl = new ReadUbl();
	const nodeTypes = { getByName: () => readUbl, getByNameAndVersion: () => readUbl, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node: INode = { id: 'read-ubl', name: 'Read UBL', type: 'CUSTOM.readUbl', typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'], ...settings };
	const workflow = new Workflow({ id: WORKFLOW_ID, nodes: [node], connections: {}, active: false, nodeTypes, settings: { binaryMode: 'separate' } });
	const inputData = { main: [items] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
	const context = new ExecuteContext(workflow, node, additionalData as never, 'manual', { resultData: { runData: {} } } as never, 0, items, inputData, executeData, []);
	const [output] = await readUbl.execute.call(context);
	return { output, workflow, executeData };
}

async function stored(content: Buffer, fileName: string): Promise<IBinaryData> {
	const location = { type: 'execution' as const, workflowId: WORKFLOW_ID, executionId: 'exec-0' };
	return await binaryData.store(location, content, { data: '', mimeType: 'application/xml', fileName });
}

describe('Read UBL (real n8n-core helpers, filesystem binary mode)', () => {
	it('describes itself as an action node an AI agent can use, with both icons and a codex file', () => {
		const { description } = new ReadUbl();
		expect(description.usableAsTool).toBe(true);
		expect(description.icon).toEqual({ light: 'file:readUbl.svg', dark: 'file:readUbl.dark.svg' });
		const dir = path.join(__dirname, '..', '..', '..', 'nodes', 'ReadUbl');
		for (const file of ['readUbl.svg', 'readUbl.dark.svg', 'ReadUbl.node.json']) expect(existsSync(path.join(dir, file))).toBe(true);
		const codex = JSON.parse(readFileSync(path.join(dir, 'ReadUbl.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-numnum-yuki.readUbl');
		const pkg = JSON.parse(readFileSync(path.join(dir, '..', '..', 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain('dist/nodes/ReadUbl/ReadUbl.node.js');
	});

	it('reads the UBL from disk into the document, the PDF onto disk, and passes the UBL on unchanged', async () => {
		const name = '02-invoice-be-mixed-6-21-emoji.xml';
		const ubl = await stored(fixture(name), name);
		expect(ubl.id).toMatch(/^filesystem/);
		const { output } = await runNodeIn([{ json: { from: 'mail' }, binary: { ubl } }]);

		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.pairedItem).toEqual({ item: 0 });
		const document = parseDocument(item.json);
		expect(document).toMatchObject({ type: 'invoice', number: truth(name).number, status: 'sent' });
		expect(item.json.ublRead).toMatchObject({ kind: 'Invoice', typeCode: '380', pdf: { fileName: truth(name).pdf.filename, size: truth(name).pdf.bytes } });
		expect((item.json.ublRead as IDataObject).notCarried).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name' })]));

		// The same binary, pointing at the same file: the forwarded bytes are the received ones.
		expect(item.binary!.ubl).toBe(ubl);
		expect((await binaryData.getAsBuffer(item.binary!.ubl)).equals(fixture(name))).toBe(true);
		const pdf = item.binary!.pdf;
		expect(pdf).toMatchObject({ fileName: truth(name).pdf.filename, mimeType: 'application/pdf' });
		expect(pdf.id).toMatch(/^filesystem(-v2)?:/);
		expect(createHash('sha256').update(await binaryData.getAsBuffer(pdf)).digest('hex')).toBe(truth(name).pdf.sha256);
	});

	it('reads from another binary field and still passes the UBL on as "ubl"; an expense when the buyer is our company', async () => {
		const name = '12-invoice-be-12-catering-doc-charge-allowance.xml';
		const attachment = await stored(fixture(name), name);
		const buyer = truth(name).buyer.enterpriseNumber as string;
		const { output } = await runNodeIn([{ json: {}, binary: { attachment_0: attachment } }], { binaryPropertyName: 'attachment_0', ourCompany: buyer, options: { language: 'fr' } });
		expect(output[0].json).toMatchObject({ type: 'expense', status: 'received', language: 'fr' });
		expect(output[0].binary!.ubl).toBe(attachment);
		expect(output[0].binary!.attachment_0).toBe(attachment);
		expect(output[0].binary!.pdf).toBeUndefined(); // 12 embeds no PDF
	});

	it('fails an item without the binary field, naming it', async () => {
		const run = runNodeIn([{ json: {} }]);
		await expect(run).rejects.toThrow(NodeOperationError);
		await expect(runNodeIn([{ json: {} }])).rejects.toThrow("No UBL: the item has no binary field 'ubl'");
	});

	it('fails malformed UBL with the line and column', async () => {
		const broken = Buffer.from(fixture('06-invoice-be-reverse-charge-ae-construction.xml').toString('utf8').replace('</cbc:IssueDate>', '</cbc:IssueDat>'));
		await expect(runNodeIn([{ json: {}, binary: { ubl: await stored(broken, 'broken.xml') } }])).rejects.toThrow(
			/Cannot read the UBL: \/ \(line 7, column \d+\): malformed XML: <\/cbc:IssueDat> closes <cbc:IssueDate>/,
		);
	});

	it('sends unreadable UBL to the error output with the reason when On Error is "continue (using error output)"', async () => {
		const good = await stored(fixture('22-creditnote-be-6-21-for-02-refund-due-date.xml'), 'good.xml');
		const hostile = await stored(Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<Invoice/>'), 'hostile.xml');
		const notUbl = await stored(Buffer.from('%PDF-1.4 not xml'), 'x.xml');
		const items = [{ json: { n: 1 }, binary: { ubl: good } }, { json: { n: 2 }, binary: { ubl: hostile } }, { json: { n: 3 }, binary: { ubl: notUbl } }];
		const { output, workflow, executeData } = await runNodeIn(items, {}, { onError: 'continueErrorOutput' });

		const routed: INodeExecutionData[][] = [output];
		const execute = new WorkflowExecute(additionalData as never, 'manual');
		(execute as unknown as { handleNodeErrorOutput: (...args: unknown[]) => void }).handleNodeErrorOutput(workflow, executeData, routed, 0);

		expect(routed).toHaveLength(2);
		expect(routed[0].map((item) => item.json.type)).toEqual(['credit_note']);
		expect(routed[1].map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(routed[1][0].json.error).toMatch(/line 2, column 1\): malformed XML: a DOCTYPE \(DTD\) is not allowed/);
		expect(routed[1][0].json.details).toEqual({ issues: [expect.objectContaining({ path: '/', line: 2, column: 1 })] });
		expect(routed[1][1].json.error).toMatch(/text before the root element/);
	});
});
