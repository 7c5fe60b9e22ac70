import type { IExecuteFunctions } from 'n8n-workflow';

import { claimsLedger, describeRedis, lazyRedisClaims, processQueueRedis } from '../../core/coordination';
import type { RedisSettings } from '../../core/coordination';
import { coalescingLedger, prefetchingLedger, serializedLedger, SharedDeliveriesRegistry } from '../../core/export';
import type { DeliveryLedger } from '../../core/export';

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

/** The runs of every Send to Yuki Inbox node in this n8n process, per workflow and node. */
const runningNodes = new SharedDeliveriesRegistry();

export interface NodeDeliveries {
	ledger: DeliveryLedger;
	/** Ends this execution's share in the process-wide state; call once the run has settled (records flushed). */
	release: () => void;
}

/**
 * The delivery ledger one execution of the node uses: n8n's processed-data store, one operation
 * at a time for all executions of this node in the process, the batch looked up once (prefetch),
 * records written behind in coalesced batches, and documents another execution is sending right
 * now waited for instead of sent twice. Undefined when n8n offers no processed-data store.
 */
export function joinNodeDeliveries(context: IExecuteFunctions): NodeDeliveries | undefined {
	const redis = processQueueRedis();
	if (redis) return sharedDeliveries(context, redis);
	const store = processedDataLedger(context);
	if (!store) return undefined;
	const nodeKey = JSON.stringify([context.getWorkflow().id ?? '', context.getNode().id]);
	const { shared, leave } = runningNodes.join(nodeKey);
	const writeBehind = coalescingLedger(serializedLedger(store, shared.queue), { minSpacingMs: WRITE_SPACING_MS });
	return { ledger: shared.ledger(prefetchingLedger(writeBehind)), release: leave };
}

/** Nodes with an execution in progress in this process (for tests). */
export const nodesRunning = (): number => runningNodes.size;

/**
 * Queue mode: several processes run executions of this node, and neither workflow static data nor
 * n8n's processed-data store is shared safely between them (a worker's save replaces the stored
 * copy; the store loses concurrent writes). The claims and delivery records live in the Redis
 * n8n's queue already uses (docs/queue-mode.md).
 */
function sharedDeliveries(context: IExecuteFunctions, redis: RedisSettings): NodeDeliveries {
	const claims = lazyRedisClaims(redis, {
		prefix: `${redis.prefix}:numnum-yuki`,
		scope: JSON.stringify([context.getWorkflow().id ?? '', context.getNode().id]),
		describe: `${describeRedis(redis)} (n8n queue mode keeps the send-once records there)`,
	});
	return { ledger: claimsLedger(claims), release: () => void claims.close() };
}
