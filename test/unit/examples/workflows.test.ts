// The example workflows shipped in the package: well-formed, wired to our nodes and credentials.
// (That they import and run in real n8n is proven in test/e2e.)
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

import { safeParseDocument } from '../../../core/document';
import { NumNumMailboxTrigger } from '../../../nodes/NumNumMailboxTrigger/NumNumMailboxTrigger.node';
import { NumNumTrigger } from '../../../nodes/NumNumTrigger/NumNumTrigger.node';
import { repoRoot } from '../../helpers/numnumEvents';

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}
interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const dir = join(repoRoot, 'examples', 'workflows');
const load = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Workflow;
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
const ours = (type: string) => type.startsWith('n8n-nodes-numnum-yuki.');
const chainOf = (workflow: Workflow) => {
	const order: string[] = [];
	const targets = new Set(Object.values(workflow.connections).flatMap((c) => c.main.flat().map((t) => t.node)));
	let current: string | undefined = Object.keys(workflow.connections).find((name) => !targets.has(name));
	while (current) {
		order.push(current);
		current = workflow.connections[current]?.main[0]?.[0]?.node;
	}
	return order.map((name) => workflow.nodes.find((node) => node.name === name)!.type);
};

describe('example workflows', () => {
	it('ships the four uses', () => {
		expect(files.sort()).toEqual(['auto-forward.json', 'mailbox-to-yuki.json', 'manual-export.json', 'scheduled-batch-export.json']);
	});

	it.each(files)('%s connects only nodes that exist, and names each node once', (file) => {
		const workflow = load(file);
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		for (const [source, connection] of Object.entries(workflow.connections)) {
			expect(names).toContain(source);
			for (const target of connection.main.flat()) expect(names).toContain(target.node);
		}
	});

	it.each(files)('%s references our credentials by placeholder on our nodes only', (file) => {
		for (const node of load(file).nodes) {
			const types = Object.keys(node.credentials ?? {});
			if (node.type.endsWith('.sendToYukiInbox')) expect(types).toEqual(['yukiSmtpApi']);
			else if (node.type.endsWith('.numNumTrigger')) expect(types).toEqual(['numNumWebhookApi']);
			else if (node.type.endsWith('.numNumMailboxTrigger')) expect(types).toEqual(['numNumImapApi']);
			else expect(types).toEqual([]);
		}
	});

	it('auto-forwarding: NumNum Trigger → Build UBL → Send to Yuki Inbox, with a fixed webhook id', () => {
		const workflow = load('auto-forward.json');
		expect(chainOf(workflow)).toEqual([
			'n8n-nodes-numnum-yuki.numNumTrigger',
			'n8n-nodes-numnum-yuki.buildUbl',
			'n8n-nodes-numnum-yuki.sendToYukiInbox',
		]);
		const trigger = workflow.nodes.find((node) => ours(node.type) && node.type.endsWith('numNumTrigger'))!;
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(trigger.typeVersion).toBe(new NumNumTrigger().description.version);
	});

	it('scheduled batch: Schedule → read file → parse JSON → split → Build UBL → Send', () => {
		expect(chainOf(load('scheduled-batch-export.json'))).toEqual([
			'n8n-nodes-base.scheduleTrigger',
			'n8n-nodes-base.readWriteFile',
			'n8n-nodes-base.extractFromFile',
			'n8n-nodes-base.splitOut',
			'n8n-nodes-numnum-yuki.buildUbl',
			'n8n-nodes-numnum-yuki.sendToYukiInbox',
		]);
	});

	it('manual export: picked documents that are valid, sent to two recipients written with a semicolon', () => {
		const workflow = load('manual-export.json');
		expect(chainOf(workflow)).toEqual([
			'n8n-nodes-base.manualTrigger',
			'n8n-nodes-base.code',
			'n8n-nodes-numnum-yuki.buildUbl',
			'n8n-nodes-numnum-yuki.sendToYukiInbox',
		]);
		const send = workflow.nodes.find((node) => node.type.endsWith('.sendToYukiInbox'))!;
		expect(send.parameters.to).toBe('inbox@yukiworks.be; own@company.be');

		const code = String(workflow.nodes.find((node) => node.type === 'n8n-nodes-base.code')!.parameters.jsCode);
		const picked = JSON.parse(code.slice(code.indexOf('['), code.lastIndexOf(']') + 1)) as unknown[];
		expect(picked.length).toBeGreaterThan(1);
		for (const document of picked) expect(safeParseDocument(document)).toMatchObject({ ok: true });
	});

	it('export mailbox: the Mailbox Trigger\'s documents go to two Send nodes (Yuki, own administration), Not Read to its own node', () => {
		const workflow = load('mailbox-to-yuki.json');
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-numnum-yuki.numNumMailboxTrigger')!;
		expect(trigger.typeVersion).toBe(new NumNumMailboxTrigger().description.version);
		const [documents, notRead] = workflow.connections[trigger.name].main;
		const typeOf = (name: string) => workflow.nodes.find((node) => node.name === name)!;
		expect(documents.map((target) => typeOf(target.node).type)).toEqual(['n8n-nodes-numnum-yuki.sendToYukiInbox', 'n8n-nodes-numnum-yuki.sendToYukiInbox']);
		const recipients = documents.map((target) => typeOf(target.node).parameters.to);
		expect(new Set(recipients).size).toBe(2);
		expect(notRead.map((target) => typeOf(target.node).type)).toEqual(['n8n-nodes-base.noOp']);
	});
});
