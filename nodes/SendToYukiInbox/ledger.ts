import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { claimsLedger, describeRedis, processQueueRedis, readyRedis, RedisDeliveryClaims } from '../../core/coordination';
import type { RedisSettings } from '../../core/coordination';
import { coalescingLedger, serializedLedger, SharedDeliveriesRegistry } from '../../core/mail';
import type { DeliveryLedger } from '../../core/mail';

/**
 * Least time between two writes of the delivery records (write-behind, coalesced). Every write
 * rewrites the node's whole list in n8n's store; spacing them lets the deliveries of ~100 ms share
 * one write. A process crash can lose at most the records of that window plus one write.
 */
const WRITE_SPACING_MS = 100;

// Enough for years of documents; n8n rewrites the whole list on each update, so not unlimited.
const MAX_ENTRIES = 50_000;

/**
 * Deliveries recorded in n8n's processed-data store (the one Remove Duplicates uses), scoped
 * to this node. Unlike workflow static data it is written at once, in manual runs too, and a
 * retry of a failed execution (which starts from the workflow as it was, without the static
 * data written since) still sees it.
 */
export function processedDataLedger(context: IExecuteFunctions): DeliveryLedger | undefined {
	const helpers = context.helpers;
	if (typeof helpers.checkProcessedAndRecord !== 'function' || typeof helpers.removeProcessed !== 'function') return undefined;
	const options = { mode: 'entries' as const, maxEntries: MAX_ENTRIES };
	return {
		async delivered(keys) {
			// The store has no read-only lookup: check-and-record, then take back what was new.
			const outcome = await helpers.checkProcessedAndRecord(keys, 'node', options);
			const fresh = new Set(outcome.new.map(String));
			if (fresh.size > 0) await helpers.removeProcessed([...fresh], 'node', options);
			return keys.map((key) => !fresh.has(key));
		},
		async record(keys) {
			await helpers.checkProcessedAndRecord(keys, 'node', options);
		},
	};
}

/**
 * The ledger with a whole batch looked up in ONE call before sending. n8n's store reads and
 * rewrites its whole list on every call, so a lookup per document (two calls) cost more than the
 * e-mail itself. Keys asked later that were not prefetched are looked up as before; records go to
 * `ledger` as they come (it may write them behind).
 */
export async function prefetchedLedger(ledger: DeliveryLedger, keys: readonly string[]): Promise<DeliveryLedger> {
	const looked = new Set(keys);
	const known = new Set<string>();
	if (looked.size > 0) {
		const unique = [...looked];
		const answers = await ledger.delivered(unique);
		unique.forEach((key, index) => {
			if (answers[index]) known.add(key);
		});
	}
	return {
		async delivered(asked) {
			const missing = asked.filter((key) => !looked.has(key));
			const answers = missing.length > 0 ? await ledger.delivered(missing) : [];
			const fresh = new Map(missing.map((key, index) => [key, answers[index] === true]));
			return asked.map((key) => (looked.has(key) ? known.has(key) : fresh.get(key) === true));
		},
		record(recorded) {
			// Known at once: the delivery happened, whenever (and whether) the write succeeds.
			for (const key of recorded) {
				looked.add(key);
				known.add(key);
			}
			return ledger.record(recorded);
		},
		flush: async () => await ledger.flush?.(),
	};
}

/** The runs of every Send to Yuki Inbox node in this n8n process, per workflow and node. */
const runningNodes = new SharedDeliveriesRegistry();

export interface RunLedger {
	ledger: DeliveryLedger;
	/** Ends this execution's share in the process-wide state; call once the run has settled (records flushed). */
	leave: () => void;
}

/**
 * The delivery ledger one execution of the node uses: n8n's processed-data store, one operation
 * at a time for all executions of this node in the process, the batch looked up once, records
 * written behind in coalesced batches, and documents another execution is sending right now
 * waited for instead of sent twice. `leave()` once the ledger was flushed.
 */
export async function runLedger(context: IExecuteFunctions, keys: readonly string[]): Promise<RunLedger | undefined> {
	const redis = processQueueRedis();
	if (redis) return await sharedRunLedger(context, redis);
	const store = processedDataLedger(context);
	if (!store) return undefined;
	const nodeKey = JSON.stringify([context.getWorkflow().id ?? '', context.getNode().id]);
	const { shared, leave } = runningNodes.join(nodeKey);
	try {
		const writeBehind = coalescingLedger(serializedLedger(store, shared.queue), { minSpacingMs: WRITE_SPACING_MS });
		const prefetched = await prefetchedLedger(writeBehind, keys);
		return { ledger: shared.ledger(prefetched), leave };
	} catch (error) {
		leave();
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: "Looking up earlier deliveries in n8n's de-duplication store failed; nothing was sent.",
		});
	}
}

/** Nodes with an execution in progress in this process (for tests). */
export const nodesRunning = (): number => runningNodes.size;

/**
 * Queue mode: several processes run executions of this node, and neither workflow static data nor
 * n8n's processed-data store is shared safely between them. The claims and delivery records live
 * in the Redis n8n's queue already uses (see docs/queue-mode.md).
 */
async function sharedRunLedger(context: IExecuteFunctions, redis: RedisSettings): Promise<RunLedger> {
	try {
		const claims = new RedisDeliveryClaims(await readyRedis(redis), {
			prefix: `${redis.prefix}:numnum-yuki`,
			scope: JSON.stringify([context.getWorkflow().id ?? '', context.getNode().id]),
			describe: describeRedis(redis),
		});
		return { ledger: claimsLedger(claims), leave: () => void claims.close() };
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: `n8n runs in queue mode: the send-once records live in its Redis (${describeRedis(redis)}), which cannot be reached; nothing was sent.`,
		});
	}
}
