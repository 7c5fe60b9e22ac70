// Event ids already passed on, shared by every webhook-receiving n8n process through Redis.
// One key per id, written with SET NX (atomic: of two processes receiving the same id at the same
// moment exactly one gets "new") and an expiry, so storage is bounded by the ids of one window.
import type { Redis } from 'ioredis';

import { CoordinationUnavailableError } from './deliveryClaims';

export interface RedisSeenEventIdsOptions {
	/** `<n8n queue prefix>:numnum-yuki`. */
	prefix: string;
	/** What the ids belong to (workflow + trigger node + mode). */
	scope: string;
	/** How long an id is remembered. */
	ttlSeconds: number;
	describe?: string;
}

export class RedisSeenEventIds {
	constructor(
		private readonly redis: Redis,
		private readonly options: RedisSeenEventIdsOptions,
	) {}

	/** True when the id is new (and is now remembered); false when it was seen within the window. */
	async remember(id: string): Promise<boolean> {
		const key = `${this.options.prefix}:seen:{${this.options.scope}}:${id}`;
		try {
			return (await this.redis.set(key, '1', 'EX', this.options.ttlSeconds, 'NX')) === 'OK';
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			throw new CoordinationUnavailableError(`${this.options.describe ?? 'Redis'} failed: ${message}`, error);
		}
	}

	/** Forgets an id again (the execution it would start could not be started). */
	async forget(id: string): Promise<void> {
		await this.redis.del(`${this.options.prefix}:seen:{${this.options.scope}}:${id}`).catch(() => undefined);
	}
}
