// The workflows the screenshots show: the shipped examples (examples/workflows/*.json) and, for a
// node of ours that no example uses, a small workflow holding it with its default parameters.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nWorkflowJson } from '../../test/helpers/n8n';
import { PACKAGE_NAME } from '../../test/helpers/n8n-package';

export interface OurNode {
	/** description.name of the node type. */
	name: string;
	displayName: string;
	/** Base name of its panel screenshot in docs/images. */
	imageSlug: string;
}

export const OUR_NODES: OurNode[] = [
	{ name: 'numNumTrigger', displayName: 'NumNum Trigger', imageSlug: 'node-numnum-trigger' },
	{ name: 'buildUbl', displayName: 'Build UBL', imageSlug: 'node-build-ubl' },
	{ name: 'sendToYukiInbox', displayName: 'Send to Yuki Inbox', imageSlug: 'node-send-to-yuki-inbox' },
];

export interface ExampleWorkflow {
	/** File name without .json; the canvas screenshot is workflow-<slug>.png. */
	slug: string;
	file: string;
	json: N8nWorkflowJson;
}

export function loadExampleWorkflows(repoRoot: string): ExampleWorkflow[] {
	const dir = path.join(repoRoot, 'examples', 'workflows');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = path.join(dir, name);
			return { slug: path.basename(name, '.json'), file, json: JSON.parse(fs.readFileSync(file, 'utf8')) as N8nWorkflowJson };
		});
}

/** Whether a workflow node is the given node type of ours (in package or custom-extension spelling). */
export function isOurNode(type: string, nodeName: string): boolean {
	return type === `${PACKAGE_NAME}.${nodeName}` || type === `CUSTOM.${nodeName}`;
}

/** The name (on the canvas) of the first node of this type in the workflow, if any. */
export function findNodeOfType(workflow: N8nWorkflowJson, nodeName: string): string | undefined {
	return workflow.nodes.find((node) => isOurNode(node.type, nodeName))?.name;
}

/** A workflow with just these nodes of ours, chained, default parameters: for panels no example shows. */
export function defaultsWorkflow(nodes: OurNode[]): N8nWorkflowJson {
	const connections: Record<string, unknown> = {};
	nodes.forEach((node, index) => {
		const next = nodes[index + 1];
		if (next) connections[node.displayName] = { main: [[{ node: next.displayName, type: 'main', index: 0 }]] };
	});
	return {
		name: 'Screenshots: node defaults',
		nodes: nodes.map((node, index) => ({
			id: `screenshot-${node.name}`,
			name: node.displayName,
			type: `${PACKAGE_NAME}.${node.name}`,
			typeVersion: 1,
			position: [index * 260, 0] as [number, number],
			parameters: {},
			...(node.name === 'numNumTrigger' ? { webhookId: 'numnum-screenshots' } : {}),
		})),
		connections,
	};
}
