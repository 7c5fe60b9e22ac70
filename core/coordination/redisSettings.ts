// Where the shared Redis is: the one n8n's own queue mode uses, read from n8n's settings
// (QUEUE_BULL_REDIS_* environment variables, visible to nodes in every n8n process).
// Not in queue mode → undefined: a single n8n process needs no shared store.
import { readFileSync } from 'node:fs';

export interface RedisSettings {
	host: string;
	port: number;
	db: number;
	username?: string;
	password?: string;
	tls: boolean;
	/** n8n's QUEUE_BULL_PREFIX ('bull' by default); our keys live beside it under `<prefix>:numnum-yuki`. */
	prefix: string;
}

type Environment = Record<string, string | undefined>;

/** n8n accepts `X_FILE` (path to a file holding the value) for its settings. */
function setting(env: Environment, name: string): string | undefined {
	const file = env[`${name}_FILE`];
	if (file) return readFileSync(file, 'utf8').trim();
	const value = env[name];
	return value === undefined || value === '' ? undefined : value;
}

export function queueModeRedis(env: Environment): RedisSettings | undefined {
	if (setting(env, 'EXECUTIONS_MODE') !== 'queue') return undefined;
	const port = Number(setting(env, 'QUEUE_BULL_REDIS_PORT') ?? 6379);
	const db = Number(setting(env, 'QUEUE_BULL_REDIS_DB') ?? 0);
	return {
		host: setting(env, 'QUEUE_BULL_REDIS_HOST') ?? 'localhost',
		port: Number.isInteger(port) && port > 0 ? port : 6379,
		db: Number.isInteger(db) && db >= 0 ? db : 0,
		username: setting(env, 'QUEUE_BULL_REDIS_USERNAME'),
		password: setting(env, 'QUEUE_BULL_REDIS_PASSWORD'),
		tls: setting(env, 'QUEUE_BULL_REDIS_TLS') === 'true',
		prefix: setting(env, 'QUEUE_BULL_PREFIX') ?? 'bull',
	};
}

/** The settings of the n8n process this code runs in. */
export function processQueueRedis(): RedisSettings | undefined {
	return queueModeRedis(process.env);
}

export function describeRedis(settings: RedisSettings): string {
	return `Redis ${settings.host}:${settings.port} db ${settings.db}`;
}
