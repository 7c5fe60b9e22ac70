// Shapes of workflow JSON and execution data as n8n's APIs exchange them, plus small pure
// helpers to prepare a workflow for import and to read what a node produced.

export interface N8nNodeJson {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, CredentialRef>;
	[key: string]: unknown;
}

export interface N8nWorkflowJson {
	name: string;
	nodes: N8nNodeJson[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	meta?: Record<string, unknown>;
	staticData?: unknown;
	[key: string]: unknown;
}

export interface CredentialRef {
	id: string;
	name: string;
}

export interface N8nBinaryRef {
	id?: string;
	data?: string;
	mimeType: string;
	fileName?: string;
	fileExtension?: string;
	fileSize?: string;
	bytes?: number;
}

export interface N8nItem {
	json: Record<string, unknown>;
	binary?: Record<string, N8nBinaryRef>;
	pairedItem?: unknown;
	error?: unknown;
}

export interface N8nNodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<N8nItem[] | null> };
}

export interface N8nExecution {
	id: string;
	finished: boolean;
	mode: string;
	status: string;
	workflowId: string;
	retryOf?: string | null;
	retrySuccessId?: string | null;
	startedAt?: string;
	stoppedAt?: string | null;
	data?: {
		resultData: {
			runData: Record<string, N8nNodeRun[]>;
			error?: { message?: string; description?: string; node?: { name?: string }; [key: string]: unknown };
			lastNodeExecuted?: string;
		};
	};
}

/** Our package's node types, written `<package>.<name>` as in a community install, become `CUSTOM.<name>`. */
export function toCustomNodeTypes(workflow: N8nWorkflowJson, packageName: string): N8nWorkflowJson {
	const prefix = `${packageName}.`;
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type.startsWith(prefix) ? { ...node, type: `CUSTOM.${node.type.slice(prefix.length)}` } : node,
		),
	};
}

/**
 * Points every node that uses a credential of a given type at the given credential. A node
 * "uses" a type when its workflow JSON names it already or its type description lists it.
 */
export function bindCredentials(
	workflow: N8nWorkflowJson,
	byType: Record<string, CredentialRef>,
	nodeTypes: Array<{ name: string; credentials?: Array<{ name: string }> }> = [],
): N8nWorkflowJson {
	const declared = new Map<string, string[]>();
	for (const description of nodeTypes) {
		const names = (description.credentials ?? []).map((c) => c.name);
		declared.set(description.name, [...(declared.get(description.name) ?? []), ...names]);
	}
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			const types = new Set([...Object.keys(node.credentials ?? {}), ...(declared.get(node.type) ?? [])]);
			const credentials = { ...(node.credentials ?? {}) };
			for (const type of types) {
				if (byType[type]) credentials[type] = byType[type];
			}
			return Object.keys(credentials).length > 0 ? { ...node, credentials } : node;
		}),
	};
}

/** The runs a node made in an execution (empty when it did not run). */
export function nodeRuns(execution: N8nExecution, nodeName: string): N8nNodeRun[] {
	return execution.data?.resultData.runData[nodeName] ?? [];
}

/** The items a node put on an output in its last run (or a given run). */
export function nodeItems(execution: N8nExecution, nodeName: string, output = 0, run?: number): N8nItem[] {
	const runs = nodeRuns(execution, nodeName);
	const chosen = runs[run ?? runs.length - 1];
	return chosen?.data?.main?.[output] ?? [];
}

/** The error of a failed execution as one readable line, or undefined when it succeeded. */
export function executionError(execution: N8nExecution): string | undefined {
	const error = execution.data?.resultData.error;
	if (!error && execution.status === 'success') return undefined;
	const where = error?.node?.name ? ` (node ${error.node.name})` : '';
	return `${execution.status}${where}: ${error?.message ?? 'no error message'}${error?.description ? ` – ${error.description}` : ''}`;
}

/**
 * The path n8n registers for a trigger node's webhook (as n8n-workflow's getNodeWebhookPath):
 * `<webhookId>/<path>` for nodes like the NumNum Trigger, just `<path>` for full-path nodes
 * like n8n's Webhook node. Prefix with n8n.webhookUrl() for the production URL.
 */
export function nodeWebhookPath(node: N8nNodeJson, descriptionPath: string, isFullPath = false): string {
	const webhookId = node.webhookId as string | undefined;
	if (!webhookId) throw new Error(`Node "${node.name}" has no webhookId; give it one before importing`);
	if (isFullPath) return descriptionPath || webhookId;
	return `${webhookId}/${descriptionPath}`;
}
