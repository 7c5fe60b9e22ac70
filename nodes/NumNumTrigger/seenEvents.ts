// Where the trigger remembers event ids it has passed on.
//
// Within one n8n process, one event id starts at most one execution, also when deliveries arrive
// concurrently (the check-and-record is synchronous). The ids are also kept in the workflow's
// static data so that they survive a restart: n8n loads static data per request and saves it
// after answering, last write wins, so every save writes this process's whole set.
//
// In queue mode (several webhook-receiving processes) static data is no shared memory (a save
// replaces the stored copy), so an accepted id is also claimed in the Redis n8n's queue already
// uses: SET NX with the same expiry, atomic across processes; of two processes receiving the same
// id, one passes it on. Both stores are bounded: at most 1,000 ids in memory, and in Redis each id
// expires after the window (72 hours).
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { CoordinationUnavailableError, describeRedis, processQueueRedis, readyRedis, RedisSeenEventIds } from '../../core/coordination';
import { DEFAULT_SEEN_TTL_SECONDS, SeenEventIds } from '../../core/events';
import type { SeenEventIdsSnapshot } from '../../core/events';

const STATIC_DATA_KEY = 'seenEventIds';

const processStores = new Map<string, SeenEventIds>();

export type SharedVerdict = 'new' | 'duplicate' | { unavailable: string };

export interface SeenEventsHandle {
	store: SeenEventIds;
	/**
	 * In queue mode: claims an id this process accepted in Redis ('duplicate' when another process
	 * had it). Outside queue mode: 'new' without asking anyone. When Redis cannot answer, the id is
	 * forgotten here too, so the sender's retry is not taken for a duplicate.
	 */
	acrossProcesses(id: string): Promise<SharedVerdict>;
	/** Writes the set into the workflow's static data (n8n saves it after the response). */
	persist(): void;
}

export function seenEventsFor(context: IWebhookFunctions, now: number): SeenEventsHandle {
	const node = context.getNode();
	// Test and production runs are kept apart, so trying a workflow out never swallows a real event.
	const key = `${context.getWorkflow().id ?? ''}:${node.id ?? node.name}:${context.getMode()}`;
	let store = processStores.get(key);
	if (!store) {
		store = new SeenEventIds();
		processStores.set(key, store);
	}
	const staticData = context.getWorkflowStaticData('node');
	store.absorb(staticData[STATIC_DATA_KEY] as SeenEventIdsSnapshot | undefined, now);
	const local = store;
	return {
		store,
		async acrossProcesses(id) {
			const redis = processQueueRedis();
			if (!redis) return 'new';
			try {
				const shared = new RedisSeenEventIds(await readyRedis(redis), {
					prefix: `${redis.prefix}:numnum-yuki`,
					scope: key,
					ttlSeconds: Math.min(local.ttlSeconds, DEFAULT_SEEN_TTL_SECONDS),
					describe: describeRedis(redis),
				});
				return (await shared.remember(id)) ? 'new' : 'duplicate';
			} catch (error) {
				local.forget(id);
				const message = error instanceof CoordinationUnavailableError || error instanceof Error ? error.message : String(error);
				return { unavailable: message };
			}
		},
		persist: () => {
			staticData[STATIC_DATA_KEY] = store.snapshot() as IDataObject;
		},
	};
}

/** For tests: forget what this process has seen. */
export function forgetSeenEvents(): void {
	processStores.clear();
}
