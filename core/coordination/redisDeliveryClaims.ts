// DeliveryClaims in Redis: one hash per delivery key, changed only by Lua scripts (atomic for all
// the keys of a call, and timed by the Redis server's clock, so the processes' clocks do not matter).
// Keys carry the scope in a {hash tag}: all keys of one node share a cluster slot.
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Redis } from 'ioredis';

import {
	ClaimLostError,
	CoordinationUnavailableError,
	type BusyAnswer,
	type ClaimAnswer,
	type ClaimOptions,
	type ClaimState,
	type DeliveryClaims,
	type RecordInfo,
} from './deliveryClaims';
import { readyRedis } from './redisConnection';
import type { RedisSettings } from './redisSettings';

export interface RedisClaimsOptions {
	/** `<n8n queue prefix>:numnum-yuki`. */
	prefix: string;
	/** What the records belong to (workflow + node). */
	scope: string;
	/** How long a claim outlives its holder's last renewal (default 15 s; renewed every third of it). */
	leaseMs?: number;
	/** How long a delivered record is kept (default 3 years). */
	recordTtlSeconds?: number;
	/** Names the holder in records (default host:pid:random). */
	owner?: string;
	/** For errors: where Redis is. */
	describe?: string;
}

export const DEFAULT_LEASE_MS = 15_000;
export const DEFAULT_RECORD_TTL_SECONDS = 3 * 365 * 24 * 3600;

const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// ARGV: owner, leaseMs, force. Returns {'busy', key…} or {'ok', state, messageId, at, reason, recovered, …per key}.
const CLAIM = `${NOW}
local owner, lease, force = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
local seen, busy, out = {}, {}, {'ok'}
for i, k in ipairs(KEYS) do
  local r = redis.call('HMGET', k, 'state', 'owner', 'until', 'messageId', 'at', 'reason')
  local state, holder, untilMs = r[1], r[2], tonumber(r[3] or '0')
  local verdict, recovered = 'free', '0'
  if state == 'claimed' or state == 'sending' then
    if holder == owner then verdict = 'free'
    elseif untilMs > now then verdict = 'busy'
    elseif state == 'claimed' then verdict = 'free' recovered = '1'
    else
      verdict = 'uncertain'
      r[5] = tostring(now) r[6] = 'the process sending it stopped after the end of DATA, before the server answer was recorded'
      redis.call('HSET', k, 'state', 'uncertain', 'at', r[5], 'reason', r[6])
      redis.call('HDEL', k, 'owner', 'until')
    end
  elseif state == 'delivered' or state == 'uncertain' then
    verdict = force and 'free' or state
  end
  if verdict == 'busy' then busy[#busy + 1] = k end
  seen[i] = {verdict, r[4] or '', r[5] or '', r[6] or '', recovered}
end
if #busy > 0 then
  table.insert(busy, 1, 'busy')
  return busy
end
for i, k in ipairs(KEYS) do
  local v = seen[i]
  if v[1] == 'free' then
    redis.call('HSET', k, 'state', 'claimed', 'owner', owner, 'until', now + lease)
    redis.call('PERSIST', k)
    v[1] = 'claimed'
  end
  for _, x in ipairs(v) do out[#out + 1] = x end
end
return out`;

// ARGV: owner, leaseMs. All keys must be held by owner (claimed or sending), else nothing changes.
const INTEND = `${NOW}
local owner, lease = ARGV[1], tonumber(ARGV[2])
local lost = {}
for _, k in ipairs(KEYS) do
  local r = redis.call('HMGET', k, 'state', 'owner')
  if (r[1] ~= 'claimed' and r[1] ~= 'sending') or r[2] ~= owner then lost[#lost + 1] = k end
end
if #lost > 0 then
  table.insert(lost, 1, 'lost')
  return lost
end
for _, k in ipairs(KEYS) do redis.call('HSET', k, 'state', 'sending', 'until', now + lease) end
return {'ok'}`;

// ARGV: owner, leaseMs. Extends the lease of the keys this owner holds.
const RENEW = `${NOW}
for _, k in ipairs(KEYS) do
  local r = redis.call('HMGET', k, 'state', 'owner')
  if (r[1] == 'claimed' or r[1] == 'sending') and r[2] == ARGV[1] then redis.call('HSET', k, 'until', now + tonumber(ARGV[2])) end
end
return 1`;

// ARGV: state ('delivered' | 'uncertain'), messageId, at, reason, ttlSeconds. A fact from the server: written whoever holds it.
const SETTLE = `
for _, k in ipairs(KEYS) do
  redis.call('DEL', k)
  redis.call('HSET', k, 'state', ARGV[1], 'messageId', ARGV[2], 'at', ARGV[3], 'reason', ARGV[4])
  if ARGV[1] == 'delivered' then redis.call('EXPIRE', k, tonumber(ARGV[5])) end
end
return 1`;

// ARGV: owner. Frees the keys this owner holds.
const RELEASE = `
for _, k in ipairs(KEYS) do
  local r = redis.call('HMGET', k, 'state', 'owner')
  if (r[1] == 'claimed' or r[1] == 'sending') and r[2] == ARGV[1] then redis.call('DEL', k) end
end
return 1`;

type Reply = Array<string | number>;

const hashes = new Map<string, string>();
function sha1(script: string): string {
	let hash = hashes.get(script);
	if (!hash) {
		hash = createHash('sha1').update(script).digest('hex');
		hashes.set(script, hash);
	}
	return hash;
}

export class RedisDeliveryClaims implements DeliveryClaims {
	readonly owner: string;
	private readonly leaseMs: number;
	private readonly ttlSeconds: number;
	private readonly held = new Set<string>();
	private renewTimer?: NodeJS.Timeout;
	private renewFailure?: unknown;

	constructor(
		private readonly redis: Redis,
		private readonly options: RedisClaimsOptions,
	) {
		this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID()}`;
		this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
		this.ttlSeconds = options.recordTtlSeconds ?? DEFAULT_RECORD_TTL_SECONDS;
	}

	/** The Redis key of a delivery key. */
	recordKey(key: string): string {
		return `${this.options.prefix}:delivery:{${this.options.scope}}:${key}`;
	}

	async states(keys: string[]): Promise<Array<ClaimState | undefined>> {
		if (keys.length === 0) return [];
		try {
			const pipeline = this.redis.pipeline();
			for (const key of keys) pipeline.hget(this.recordKey(key), 'state');
			const replies = (await pipeline.exec()) ?? [];
			return keys.map((_, i) => {
				const [error, state] = replies[i] ?? [new Error('no reply'), null];
				if (error) throw error;
				if (state === 'delivered' || state === 'uncertain') return state;
				return state === 'claimed' || state === 'sending' ? 'claimed' : undefined;
			});
		} catch (error) {
			throw this.unavailable(error);
		}
	}

	async claim(keys: string[], options: ClaimOptions = {}): Promise<ClaimAnswer | BusyAnswer> {
		if (keys.length === 0) return { busy: false, claims: [] };
		const reply = await this.run(CLAIM, keys, [this.owner, this.leaseMs, options.force ? '1' : '0']);
		if (reply[0] === 'busy') {
			const prefixLength = this.recordKey('').length;
			return { busy: true, keys: reply.slice(1).map((k) => String(k).slice(prefixLength)) };
		}
		const claims = keys.map((key, i) => {
			const [state, messageId, at, reason, recovered] = reply.slice(1 + i * 5, 6 + i * 5).map(String);
			if (state === 'claimed') this.hold(key);
			return {
				key,
				state: state as ClaimState,
				...(messageId ? { messageId } : {}),
				...(at ? { at: /^\d+$/.test(at) ? new Date(Number(at)).toISOString() : at } : {}),
				...(reason ? { reason } : {}),
				...(recovered === '1' ? { recovered: true } : {}),
			};
		});
		return { busy: false, claims };
	}

	async intend(keys: string[]): Promise<void> {
		if (this.renewFailure !== undefined) {
			// A renewal failed: another process may have taken a key over already; do not end DATA on a guess.
			throw this.unavailable(this.renewFailure);
		}
		const reply = await this.run(INTEND, keys, [this.owner, this.leaseMs]);
		if (reply[0] === 'lost') {
			const prefixLength = this.recordKey('').length;
			const lost = reply.slice(1).map((k) => String(k).slice(prefixLength));
			for (const key of lost) this.held.delete(key);
			throw new ClaimLostError(lost);
		}
	}

	async delivered(keys: string[], info: RecordInfo): Promise<void> {
		await this.settle('delivered', keys, info);
	}

	async uncertain(keys: string[], info: RecordInfo): Promise<void> {
		await this.settle('uncertain', keys, info);
	}

	async release(keys: string[]): Promise<void> {
		if (keys.length === 0) return;
		await this.run(RELEASE, keys, [this.owner]);
		for (const key of keys) this.held.delete(key);
		this.scheduleRenewal();
	}

	async close(): Promise<void> {
		this.held.clear();
		this.scheduleRenewal();
	}

	private async settle(state: 'delivered' | 'uncertain', keys: string[], info: RecordInfo): Promise<void> {
		if (keys.length === 0) return;
		await this.run(SETTLE, keys, [state, info.messageId ?? '', info.at ?? new Date().toISOString(), info.reason ?? '', this.ttlSeconds]);
		for (const key of keys) this.held.delete(key);
		this.scheduleRenewal();
	}

	private hold(key: string): void {
		this.held.add(key);
		this.scheduleRenewal();
	}

	/** Renews the held keys' leases every third of the lease while any is held. */
	private scheduleRenewal(): void {
		if (this.held.size === 0) {
			clearInterval(this.renewTimer);
			this.renewTimer = undefined;
			return;
		}
		if (this.renewTimer) return;
		this.renewTimer = setInterval(() => {
			const keys = [...this.held];
			if (keys.length === 0) return;
			this.run(RENEW, keys, [this.owner, this.leaseMs]).then(
				() => (this.renewFailure = undefined),
				(error: unknown) => (this.renewFailure = error),
			);
		}, Math.max(50, Math.floor(this.leaseMs / 3)));
		this.renewTimer.unref();
	}

	private async run(script: string, keys: string[], args: Array<string | number>): Promise<Reply> {
		const redisKeys = keys.map((k) => this.recordKey(k));
		try {
			try {
				// By its hash: the script text crosses the wire once per Redis start, not on every call.
				return (await this.redis.evalsha(sha1(script), keys.length, ...redisKeys, ...args)) as Reply;
			} catch (error) {
				if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
				return (await this.redis.eval(script, keys.length, ...redisKeys, ...args)) as Reply;
			}
		} catch (error) {
			throw this.unavailable(error);
		}
	}

	private unavailable(error: unknown): CoordinationUnavailableError {
		if (error instanceof CoordinationUnavailableError) return error;
		const message = error instanceof Error ? error.message : String(error);
		return new CoordinationUnavailableError(`${this.options.describe ?? 'Redis'} failed: ${message}`, error);
	}
}

/**
 * RedisDeliveryClaims on the process's shared connection to `settings`, connecting on first use
 * (a node's run can start without waiting; a Redis that cannot be reached fails the first call).
 */
export function lazyRedisClaims(settings: RedisSettings, options: RedisClaimsOptions): DeliveryClaims {
	let claims: Promise<RedisDeliveryClaims> | undefined;
	const get = async () => await (claims ??= readyRedis(settings).then((redis) => new RedisDeliveryClaims(redis, options)));
	const retryable = <T>(call: (c: RedisDeliveryClaims) => Promise<T>) => async () => {
		try {
			return await call(await get());
		} catch (error) {
			// Not connected yet: the next call tries again rather than keep a failed connection attempt.
			if (claims && !(await claims.then(() => true, () => false))) claims = undefined;
			throw error;
		}
	};
	return {
		states: async (keys) => await retryable((c) => c.states(keys))(),
		claim: async (keys, o) => await retryable((c) => c.claim(keys, o))(),
		intend: async (keys) => await retryable((c) => c.intend(keys))(),
		delivered: async (keys, info) => await retryable((c) => c.delivered(keys, info))(),
		uncertain: async (keys, info) => await retryable((c) => c.uncertain(keys, info))(),
		release: async (keys) => await retryable((c) => c.release(keys))(),
		close: async () => {
			if (claims) await (await claims.catch(() => undefined))?.close();
		},
	};
}
