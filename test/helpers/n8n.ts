// A real n8n for end-to-end tests and the demo: the pinned version (scripts/install-n8n.sh),
// Node 24, free loopback ports, its own user folder and sqlite database, our BUILT package
// loaded as a custom extension, an owner account and a public-API key. Everything it starts
// lives in one process group that stop() ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from './free-port';
import { httpRequest } from './http-request';
import { N8nClient, N8nHttpError, type Owner } from './n8n-client';
import { locateN8n, REPO_ROOT, type N8nInstall } from './n8n-install';
import { PACKAGE_NAME, stagePackage } from './n8n-package';
import {
	bindCredentials,
	toCustomNodeTypes,
	type CredentialRef,
	type N8nExecution,
	type N8nWorkflowJson,
} from './n8n-workflow';

export * from './n8n-workflow';
export { N8nHttpError } from './n8n-client';

export const DEFAULT_OWNER: Owner = {
	email: 'owner@numnum-yuki.test',
	password: 'Yuki-demo-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

export interface StartN8nOptions {
	/** N8N_CUSTOM_EXTENSIONS to load; default: the built package staged into the work folder. */
	customExtensionsDir?: string;
	/** Extra environment for n8n (wins over the harness defaults). */
	env?: Record<string, string>;
	/** A persistent user folder (the demo); default: a fresh one inside the work folder. */
	userFolder?: string;
	/** Where the package is staged and logs go; default: a fresh temp folder, removed by stop(). */
	workDir?: string;
	/** Fixed editor port; default: a free one. */
	port?: number;
	owner?: Owner;
	/** Milliseconds to wait for /healthz/readiness. */
	readyTimeoutMs?: number;
	/**
	 * Which n8n process: `start` (main, default; an owner is set up), `worker` or `webhook`
	 * (queue mode, see n8n-queue.ts; no owner or API key: they share main's database).
	 */
	command?: 'start' | 'worker' | 'webhook';
	/** Extra command-line arguments, e.g. ['--concurrency=5'] for a worker. */
	args?: string[];
}

export interface ImportedCredential {
	id: string;
	name: string;
	type: string;
}

export interface CredentialImport {
	name: string;
	type: string;
	data: Record<string, unknown>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
	// Last resort when a test process dies without calling stop(): no n8n may outlive it.
	for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** Environment of the outer process minus anything that would change how n8n behaves. */
function baseEnvironment(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// NODE_ENV=test (set by jest) makes n8n refuse to load nodes; NODE_OPTIONS may carry
		// ts loaders meant for the test process.
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|GENERIC_TIMEZONE$)/.test(key)) continue;
		env[key] = value;
	}
	return env;
}

export class N8nInstance {
	readonly client: N8nClient;
	private nodeTypesCache: Array<{ name: string; credentials?: Array<{ name: string }> }> | undefined;

	constructor(
		readonly install: N8nInstall,
		readonly baseUrl: string,
		readonly port: number,
		readonly userFolder: string,
		readonly workDir: string,
		readonly logFile: string,
		readonly env: NodeJS.ProcessEnv,
		readonly owner: Owner,
		readonly startupMs: number,
		private readonly child: ChildProcess,
		private readonly removeWorkDir: boolean,
	) {
		this.client = new N8nClient(baseUrl);
	}

	/** Production webhook URL of an ACTIVE workflow's webhook `path`. */
	webhookUrl(webhookPath: string): string {
		return `${this.baseUrl}/webhook/${webhookPath.replace(/^\//, '')}`;
	}

	/** Test webhook URL (only listens while the editor waits for a test event). */
	webhookTestUrl(webhookPath: string): string {
		return `${this.baseUrl}/webhook-test/${webhookPath.replace(/^\//, '')}`;
	}

	/** The last `lines` lines n8n wrote (stdout and stderr). */
	logTail(lines = 80): string {
		try {
			return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}

	/** Runs `fn`; when it throws, the error carries the tail of n8n's log so a failing test shows it. */
	async guard<T>(fn: () => Promise<T>): Promise<T> {
		try {
			return await fn();
		} catch (error) {
			const tail = this.logTail();
			if (error instanceof Error) {
				error.message += `\n\n--- last lines of ${this.logFile} ---\n${tail}`;
				throw error;
			}
			throw new Error(`${String(error)}\n\n--- n8n log ---\n${tail}`);
		}
	}

	// ---- types -------------------------------------------------------------------------

	private async nodeTypeDescriptions() {
		this.nodeTypesCache ??= await this.client.request('GET', '/types/nodes.json');
		return this.nodeTypesCache!;
	}

	/** Every node type name n8n loaded, e.g. 'n8n-nodes-base.code', 'CUSTOM.buildUbl'. */
	async listNodeTypes(): Promise<string[]> {
		return [...new Set((await this.nodeTypeDescriptions()).map((d) => d.name))];
	}

	/** Every credential type name n8n loaded, e.g. 'yukiSmtpApi'. */
	async listCredentialTypes(): Promise<string[]> {
		const types = await this.client.request<Array<{ name: string }>>('GET', '/types/credentials.json');
		return types.map((t) => t.name);
	}

	// ---- credentials -------------------------------------------------------------------

	/** Creates credentials (unencrypted form, as in `n8n import:credentials`) through the public API. */
	async importCredentials(credentials: CredentialImport[]): Promise<ImportedCredential[]> {
		const created: ImportedCredential[] = [];
		for (const credential of credentials) {
			const result = await this.client.request<ImportedCredential>('POST', '/api/v1/credentials', {
				body: credential,
			});
			created.push({ id: result.id, name: result.name, type: result.type });
		}
		return created;
	}

	/** Credentials stored in n8n (without their secrets). */
	async listCredentials(): Promise<ImportedCredential[]> {
		const page = await this.client.request<{ data: ImportedCredential[] }>('GET', '/api/v1/credentials?limit=250');
		return page.data.map((c) => ({ id: c.id, name: c.name, type: c.type }));
	}

	/** Creates the credential, or replaces the data of the one with the same name and type. */
	async upsertCredential(credential: CredentialImport): Promise<ImportedCredential> {
		const existing = (await this.listCredentials()).find(
			(c) => c.name === credential.name && c.type === credential.type,
		);
		if (!existing) return (await this.importCredentials([credential]))[0];
		await this.client.request('PATCH', `/api/v1/credentials/${existing.id}`, {
			body: { name: credential.name, type: credential.type, data: credential.data },
		});
		return existing;
	}

	// ---- workflows ---------------------------------------------------------------------

	/** Workflows stored in n8n: id, name and whether they are published (active). */
	async listWorkflows(): Promise<Array<{ id: string; name: string; active: boolean }>> {
		const page = await this.client.request<{ data: Array<{ id: string; name: string; active: boolean }> }>(
			'GET',
			'/api/v1/workflows?limit=250',
		);
		return page.data.map((w) => ({ id: w.id, name: w.name, active: w.active }));
	}

	/**
	 * Imports a workflow as the editor would save it. Node types of this package written
	 * `n8n-nodes-numnum-yuki.<name>` become `CUSTOM.<name>` (how a custom extension is named);
	 * `credentials` (type → credential) are bound to every node that declares that type.
	 */
	async importWorkflow(
		workflow: N8nWorkflowJson,
		options: { credentials?: ImportedCredential[] | Record<string, CredentialRef>; activate?: boolean } = {},
	): Promise<{ id: string; name: string }> {
		let prepared = toCustomNodeTypes(workflow, PACKAGE_NAME);
		if (options.credentials) {
			const byType: Record<string, CredentialRef> = Array.isArray(options.credentials)
				? Object.fromEntries(options.credentials.map((c) => [c.type, { id: c.id, name: c.name }]))
				: options.credentials;
			prepared = bindCredentials(prepared, byType, await this.nodeTypeDescriptions());
		}
		const body = {
			name: prepared.name,
			nodes: prepared.nodes,
			connections: prepared.connections,
			settings: prepared.settings ?? { executionOrder: 'v1' },
			pinData: prepared.pinData,
			meta: prepared.meta,
			staticData: prepared.staticData,
		};
		const result = await this.client.request<{ data: { id: string; name: string } }>('POST', '/rest/workflows', {
			body,
		});
		const imported = { id: result.data.id, name: result.data.name };
		if (options.activate) await this.activate(imported.id);
		return imported;
	}

	/**
	 * Publishes (in n8n 1.x words: activates) a workflow and waits until its triggers listen:
	 * n8n 2.41 publishes through an outbox, so the API call returns before webhooks are registered.
	 */
	async activate(workflowId: string, timeoutMs = 60_000): Promise<void> {
		await this.client.request('POST', `/api/v1/workflows/${workflowId}/publish`, { body: {} });
		await this.waitForPublication(workflowId, 'published', timeoutMs);
	}

	/** Unpublishes a workflow and waits until its triggers stopped listening. */
	async deactivate(workflowId: string, timeoutMs = 60_000): Promise<void> {
		await this.client.request('POST', `/api/v1/workflows/${workflowId}/unpublish`, { body: {} });
		await this.waitForPublication(workflowId, 'not_published', timeoutMs);
	}

	private async waitForPublication(
		workflowId: string,
		wanted: 'published' | 'not_published',
		timeoutMs: number,
	): Promise<void> {
		type Status = {
			status: string;
			triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
		};
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let status: Status;
			try {
				status = (await this.client.request<{ data: Status }>('GET', `/rest/workflows/${workflowId}/publication-status`))
					.data;
			} catch (error) {
				// Without the publication service (404) n8n activates synchronously: nothing to wait for.
				if (error instanceof N8nHttpError && error.status === 404) return;
				throw error;
			}
			if (status.status === wanted) return;
			if (status.status === 'failed' || status.status === 'partial') {
				const reasons = status.triggers
					.filter((t) => t.status === 'failed')
					.map((t) => `node ${t.nodeId}: ${t.errorMessage ?? 'no message'}`);
				throw new Error(`Publishing workflow ${workflowId} ${status.status}: ${reasons.join('; ')}`);
			}
			if (Date.now() > deadline) {
				throw new Error(`Workflow ${workflowId} still ${status.status} after ${timeoutMs} ms (wanted ${wanted})`);
			}
			await sleep(200);
		}
	}

	/** The workflow as the REST API returns it (nodes, active, staticData, …). */
	async getWorkflow(workflowId: string): Promise<Record<string, unknown>> {
		const result = await this.client.request<{ data: Record<string, unknown> }>('GET', `/rest/workflows/${workflowId}`);
		return result.data;
	}

	// ---- executions --------------------------------------------------------------------

	/**
	 * Runs a workflow the way the editor's "Execute workflow" button does (manual mode) and
	 * waits for it to finish. Returns the execution with its data.
	 */
	async executeWorkflow(
		workflowId: string,
		options: { triggerNode?: string; timeoutMs?: number } = {},
	): Promise<N8nExecution> {
		let triggerNode = options.triggerNode;
		if (!triggerNode) {
			const workflow = await this.getWorkflow(workflowId);
			const nodes = workflow.nodes as Array<{ name: string; type: string }>;
			const manual = nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
			if (!manual) throw new Error(`Workflow ${workflowId} has no Manual Trigger: pass options.triggerNode`);
			triggerNode = manual.name;
		}
		const started = await this.client.request<{ data: { executionId?: string; waitingForWebhook?: boolean } }>(
			'POST',
			`/rest/workflows/${workflowId}/run`,
			{ body: { triggerToStartFrom: { name: triggerNode } } },
		);
		if (!started.data.executionId) {
			throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started.data)}`);
		}
		return await this.waitForExecution(started.data.executionId, options.timeoutMs);
	}

	async getExecution(executionId: string): Promise<N8nExecution> {
		return await this.client.request<N8nExecution>('GET', `/api/v1/executions/${executionId}?includeData=true`);
	}

	/** Polls until the execution is no longer new/running/waiting. */
	async waitForExecution(executionId: string, timeoutMs = 60_000): Promise<N8nExecution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const execution = await this.getExecution(executionId);
				if (!['new', 'running', 'waiting'].includes(execution.status)) return execution;
			} catch (error) {
				if (!(error instanceof N8nHttpError && error.status === 404)) throw error;
			}
			if (Date.now() > deadline) throw new Error(`Execution ${executionId} did not finish within ${timeoutMs} ms`);
			await sleep(150);
		}
	}

	/** All executions of a workflow, newest first (every page), with their data unless told otherwise. */
	async getExecutions(
		workflowId: string,
		options: { includeData?: boolean; status?: string } = {},
	): Promise<N8nExecution[]> {
		const executions: N8nExecution[] = [];
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({
				workflowId,
				includeData: String(options.includeData ?? true),
				limit: '250',
			});
			if (options.status) query.set('status', options.status);
			if (cursor) query.set('cursor', cursor);
			const page = await this.client.request<{ data: N8nExecution[]; nextCursor: string | null }>(
				'GET',
				`/api/v1/executions?${query.toString()}`,
			);
			executions.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return executions;
	}

	/** Waits until a workflow has at least `count` finished executions (e.g. after webhook calls). */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 60_000): Promise<N8nExecution[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = await this.getExecutions(workflowId, { includeData: false });
			const done = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (done.length >= count && done.length === all.length) {
				return await this.getExecutions(workflowId);
			}
			if (Date.now() > deadline) {
				throw new Error(`Workflow ${workflowId}: ${done.length}/${count} executions finished within ${timeoutMs} ms`);
			}
			await sleep(200);
		}
	}

	/** Retries a failed execution like the editor's "Retry" (loadWorkflow: use the saved workflow). */
	async retryExecution(executionId: string, loadWorkflow = true): Promise<N8nExecution> {
		const retried = await this.client.request<{ id: string }>('POST', `/api/v1/executions/${executionId}/retry`, {
			body: { loadWorkflow },
		});
		return await this.waitForExecution(retried.id);
	}

	/** The bytes of a binary property n8n stored (filesystem mode keeps only a reference in the item). */
	async getBinaryData(binary: { id?: string; data?: string; mimeType?: string; fileName?: string }): Promise<Buffer> {
		if (!binary.id) return Buffer.from(binary.data ?? '', 'base64');
		const query = new URLSearchParams({ id: binary.id, action: 'download' });
		if (binary.mimeType) query.set('mimeType', binary.mimeType);
		if (binary.fileName) query.set('fileName', binary.fileName);
		const response = await this.client.send('GET', `/rest/binary-data?${query.toString()}`);
		if (response.status !== 200) {
			throw new N8nHttpError(response.status, 'GET', '/rest/binary-data', response.text());
		}
		return response.body;
	}

	// ---- command line ------------------------------------------------------------------

	/** Runs an n8n CLI command (import:workflow, execute, …) against this instance's user folder. */
	cli(args: string[], timeoutMs = 120_000): { status: number | null; stdout: string; stderr: string } {
		const result = spawnSync(this.install.nodeBinary, [this.install.n8nEntry, ...args], {
			env: this.env,
			encoding: 'utf8',
			timeout: timeoutMs,
			maxBuffer: 64 * 1024 * 1024,
		});
		return { status: result.status, stdout: result.stdout, stderr: result.stderr };
	}

	// ---- lifecycle ---------------------------------------------------------------------

	/** The n8n process id (its process group has the same id). */
	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Whether the n8n process has not exited. */
	get alive(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Kills n8n and its task runners at once (SIGKILL: a crash, no shutdown) and waits until it is gone. */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		const exited = this.alive ? new Promise<void>((resolve) => this.child.once('exit', () => resolve())) : Promise.resolve();
		killGroup(this.child, signal);
		await exited;
		killGroup(this.child, 'SIGKILL');
		running.delete(this.child);
	}

	/** Stops n8n and its task runners (the whole process group), then removes temp folders. */
	async stop(): Promise<void> {
		const child = this.child;
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
			await exited;
			clearTimeout(timer);
		}
		// Runners may linger a moment after the main process; make sure the group is gone.
		killGroup(child, 'SIGKILL');
		running.delete(child);
		if (this.removeWorkDir && !process.env.N8N_HARNESS_KEEP) {
			fs.rmSync(this.workDir, { recursive: true, force: true });
		}
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntilReady(
	url: string,
	child: ChildProcess,
	timeoutMs: number,
	logFile: string,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${logFile}`);
		}
		try {
			const response = await httpRequest(url, { timeoutMs: 5_000 });
			if (response.status === 200) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`n8n was not ready within ${timeoutMs} ms; see ${logFile}`);
		await sleep(250);
	}
}

/** Starts a real n8n with the package loaded and an owner logged in; see StartN8nOptions. */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const install = locateN8n();
	const removeWorkDir = !options.workDir;
	const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'numnum-yuki-n8n-'));
	fs.mkdirSync(workDir, { recursive: true });
	const customExtensionsDir = options.customExtensionsDir ?? stagePackage(workDir).extensionsDir;
	const userFolder = options.userFolder ?? path.join(workDir, 'user');
	fs.mkdirSync(userFolder, { recursive: true });
	const owner = options.owner ?? DEFAULT_OWNER;

	const command = options.command ?? 'start';
	let lastError: unknown;
	for (let attempt = 1; attempt <= 3; attempt++) {
		const port = options.port ?? (await freePort());
		const brokerPort = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		// A worker serves no editor: its health server (on `port`) tells when it is ready.
		const workerHealth: Record<string, string> =
			command === 'worker'
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
				: {};
		const env: NodeJS.ProcessEnv = {
			...baseEnvironment(),
			PATH: `${path.join(install.node24Home, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: userFolder,
			N8N_CUSTOM_EXTENSIONS: customExtensionsDir,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_WEBHOOK_URL: `${baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			DB_TYPE: 'sqlite',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_BINARY_DATA_MODE: 'filesystem',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			GENERIC_TIMEZONE: 'Europe/Brussels',
			...workerHealth,
			...options.env,
		};
		// n8n 2.x reads N8N_WEBHOOK_URL (WEBHOOK_URL is deprecated): honour a caller's WEBHOOK_URL.
		if (options.env?.WEBHOOK_URL && !options.env.N8N_WEBHOOK_URL) env.N8N_WEBHOOK_URL = options.env.WEBHOOK_URL;
		const logFile = path.join(workDir, `n8n-${command}-${port}.log`);
		const log = fs.openSync(logFile, 'a');
		const startedAt = Date.now();
		const child = spawn(install.nodeBinary, [install.n8nEntry, command, ...(options.args ?? [])], {
			env,
			cwd: workDir,
			detached: true, // own process group, so stop() reaches the task runners too
			stdio: ['ignore', log, log],
		});
		fs.closeSync(log);
		running.add(child);
		child.on('exit', () => running.delete(child));
		try {
			await waitUntilReady(`${baseUrl}/healthz/readiness`, child, options.readyTimeoutMs ?? 180_000, logFile);
			const instance = new N8nInstance(
				install,
				baseUrl,
				port,
				userFolder,
				workDir,
				logFile,
				env,
				owner,
				Date.now() - startedAt,
				child,
				removeWorkDir,
			);
			if (command === 'start') {
				await instance.client.ensureOwner(owner);
				await instance.client.createApiKey();
			}
			return instance;
		} catch (error) {
			lastError = error;
			killGroup(child, 'SIGKILL');
			running.delete(child);
			const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
			// Another process took one of the ports between our probe and n8n's listen: retry.
			if (!options.port && /EADDRINUSE/.test(text)) continue;
			const tail = text.split('\n').slice(-60).join('\n');
			throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- n8n log ---\n${tail}`);
		}
	}
	throw lastError;
}

export { REPO_ROOT };
