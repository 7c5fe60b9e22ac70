// Real PostgreSQL and Redis for integration/e2e tests and benches, started by the project's own
// scripts (scripts/postgres.sh, scripts/redis.sh) on loopback with throwaway folders.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT } from './n8n-install';

const run = promisify(execFile);

function parseLines(stdout: string): Record<string, string> {
	const values: Record<string, string> = {};
	for (const line of stdout.split('\n')) {
		const at = line.indexOf('=');
		if (at > 0) values[line.slice(0, at)] = line.slice(at + 1).trim();
	}
	return values;
}

async function script(name: string, args: string[]): Promise<Record<string, string>> {
	const { stdout } = await run('bash', [path.join(REPO_ROOT, 'scripts', name), ...args], { timeout: 120_000 });
	return parseLines(stdout);
}

export interface RedisServer {
	host: string;
	port: number;
	dir: string;
	/** Stops the server, keeping its data folder (the append-only file), for a restart. */
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** Starts it again on the same port and folder (after kill). */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
	const started = await script('redis.sh', ['start']);
	const port = Number(started.REDIS_PORT);
	const dir = started.REDIS_DIR;
	let pid = Number(started.REDIS_PID);
	return {
		host: '127.0.0.1',
		port,
		dir,
		async kill(signal: NodeJS.Signals = 'SIGTERM') {
			try {
				process.kill(pid, signal);
			} catch {
				return;
			}
			for (let i = 0; i < 100; i++) {
				try {
					process.kill(pid, 0);
				} catch {
					return;
				}
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		async restart() {
			const again = await script('redis.sh', ['start', String(port), dir]);
			pid = Number(again.REDIS_PID);
		},
		async stop() {
			await script('redis.sh', ['stop', dir]);
		},
	};
}

export interface PostgresServer {
	host: string;
	port: number;
	user: string;
	database: string;
	dir: string;
	/** n8n's DB_* settings for this database. */
	n8nEnv(): Record<string, string>;
	stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
	const started = await script('postgres.sh', ['start']);
	const server: PostgresServer = {
		host: started.PGHOST,
		port: Number(started.PGPORT),
		user: started.PGUSER,
		database: started.PGDATABASE,
		dir: started.PG_DIR,
		n8nEnv: () => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: server.host,
			DB_POSTGRESDB_PORT: String(server.port),
			DB_POSTGRESDB_USER: server.user,
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: server.database,
		}),
		async stop() {
			await script('postgres.sh', ['stop', server.dir]);
		},
	};
	return server;
}
