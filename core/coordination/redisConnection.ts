// One Redis connection per process and settings, shared by every run. It fails fast instead of
// queueing commands while disconnected: a claim or record that cannot be written now must stop
// the send, not be replayed later behind the run's back.
import { Redis } from 'ioredis';

import { CoordinationUnavailableError } from './deliveryClaims';
import { describeRedis, type RedisSettings } from './redisSettings';

const connections = new Map<string, Redis>();

const CONNECT_WAIT_MS = 5_000;
const COMMAND_TIMEOUT_MS = 5_000;

function connectionKey(settings: RedisSettings): string {
	return JSON.stringify([settings.host, settings.port, settings.db, settings.username ?? '', settings.tls]);
}

export function redisFor(settings: RedisSettings): Redis {
	const key = connectionKey(settings);
	let client = connections.get(key);
	if (!client) {
		client = new Redis({
			host: settings.host,
			port: settings.port,
			db: settings.db,
			...(settings.username ? { username: settings.username } : {}),
			...(settings.password ? { password: settings.password } : {}),
			...(settings.tls ? { tls: {} } : {}),
			enableOfflineQueue: false,
			maxRetriesPerRequest: 0,
			commandTimeout: COMMAND_TIMEOUT_MS,
			connectTimeout: CONNECT_WAIT_MS,
			retryStrategy: (times) => Math.min(100 * times, 1_000),
			lazyConnect: false,
		});
		// Reconnects by itself; a failing command tells its caller. Without a listener ioredis logs to stderr.
		client.on('error', () => undefined);
		connections.set(key, client);
	}
	return client;
}

/** Resolves once the connection is usable; throws CoordinationUnavailableError after `waitMs`. */
export async function readyRedis(settings: RedisSettings, waitMs = CONNECT_WAIT_MS): Promise<Redis> {
	const client = redisFor(settings);
	if (client.status === 'ready') return client;
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			client.off('ready', onReady);
			reject(new CoordinationUnavailableError(`${describeRedis(settings)} is not reachable (waited ${waitMs} ms)`));
		}, waitMs);
		const onReady = () => {
			clearTimeout(timer);
			resolve();
		};
		client.once('ready', onReady);
	});
	return client;
}

/** Closes every connection of this process (tests, benches). */
export async function closeRedisConnections(): Promise<void> {
	const all = [...connections.values()];
	connections.clear();
	await Promise.all(all.map(async (client) => await client.quit().catch(() => client.disconnect())));
}
