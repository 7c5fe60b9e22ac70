// n8n in queue mode for end-to-end tests and benches: a real PostgreSQL and Redis (the project's
// scripts), a main process (editor, API, triggers, webhooks), `workers` worker processes that run
// the executions from Redis, and optionally a separate webhook process. The package is staged once
// and loaded in every process; all share one encryption key and one database.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startN8n, type N8nInstance } from './n8n';
import { stagePackage } from './n8n-package';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from './services';

export interface QueueModeOptions {
	/** Worker processes (default 2). */
	workers?: number;
	/** Executions one worker runs at the same time (n8n's --concurrency, default 10). */
	concurrency?: number;
	/** Also start a webhook process (`n8n webhook`) beside main (default false). */
	webhookProcess?: boolean;
	/** Extra environment for every process. */
	env?: Record<string, string>;
}

export interface QueueMode {
	postgres: PostgresServer;
	redis: RedisServer;
	main: N8nInstance;
	workers: N8nInstance[];
	webhook?: N8nInstance;
	/** The environment every process shares (queue, database, encryption key). */
	env: Record<string, string>;
	/** Starts one more worker (e.g. after one was killed). */
	startWorker(): Promise<N8nInstance>;
	/** Log tails of every process, for a failing test. */
	logs(lines?: number): string;
	stop(): Promise<void>;
}

export async function startQueueMode(options: QueueModeOptions = {}): Promise<QueueMode> {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'numnum-yuki-queue-'));
	const { extensionsDir } = stagePackage(root);
	const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	const env: Record<string, string> = {
		...postgres.n8nEnv(),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		// Binary data must be readable by whichever process runs the next node: n8n's queue-mode default.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		N8N_BINARY_DATA_MODE: 'database',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// n8n's default pool (2 connections, 20 s to get one) times out under 100 concurrent webhook
		// calls on a busy 2-core machine ("timeout exceeded when trying to connect").
		DB_POSTGRESDB_POOL_SIZE: '8',
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '120000',
		// info: a worker logs each job it takes ("Worker started execution …"), which the tests read.
		N8N_LOG_LEVEL: 'info',
		...options.env,
	};
	const processes: N8nInstance[] = [];
	let counter = 0;
	const start = async (command: 'start' | 'worker' | 'webhook') => {
		const workDir = path.join(root, `${command}-${++counter}`);
		const instance = await startN8n({
			command,
			workDir,
			customExtensionsDir: extensionsDir,
			env,
			...(command === 'worker' ? { args: [`--concurrency=${options.concurrency ?? 10}`] } : {}),
		});
		processes.push(instance);
		return instance;
	};
	const stopAll = async () => {
		await Promise.all(processes.map(async (p) => await p.stop().catch(() => undefined)));
		await Promise.all([redis.stop().catch(() => undefined), postgres.stop().catch(() => undefined)]);
		if (!process.env.N8N_HARNESS_KEEP) fs.rmSync(root, { recursive: true, force: true });
	};
	try {
		// Main first: it runs the database migrations the others wait for.
		const main = await start('start');
		const workers = await Promise.all(Array.from({ length: options.workers ?? 2 }, async () => await start('worker')));
		const webhook = options.webhookProcess ? await start('webhook') : undefined;
		return {
			postgres,
			redis,
			main,
			workers,
			...(webhook ? { webhook } : {}),
			env,
			startWorker: async () => {
				const worker = await start('worker');
				workers.push(worker);
				return worker;
			},
			logs: (lines = 40) => processes.map((p) => `--- ${p.logFile} ---\n${p.logTail(lines)}`).join('\n'),
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
