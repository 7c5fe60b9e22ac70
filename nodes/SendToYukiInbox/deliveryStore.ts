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

/**
 * Deliveries the store keeps: the most recent 50,000 (document × recipient), two entries each.
 * n8n rewrites the whole list on each update, so not unlimited; only a record drops the oldest.
 */
export const MAX_DELIVERIES = 50_000;

/** The second entry of a delivery record (a JSON key never ends in "#"). */
const confirmed = (key: string) => `${key}#delivered`;

/**
 * Deliveries recorded in n8n's processed-data store (the one Remove Duplicates uses), scoped
 * to this node. Unlike workflow static data it is written at once, in manual runs too, and a
 * retry of a failed execution (which starts from the workflow as it was, without the static
 * data written since) still sees it.
 *
 * The store has no read-only look-up: check-and-record adds what it lacked. So a delivery is two
 * entries, `key` and its confirmation, written in one call; a look-up adds at most `key` (and takes
 * it back). Should taking it back fail, `key` alone stays: not a delivery record, so nothing is
 * ever skipped as "already exported" because a look-up failed half-way. Look-ups pass no maximum,
 * so they never push a delivery out of a full store; records do (the oldest go first).
 */
export function processedDataLedger(context: IExecuteFunctions): DeliveryLedger | undefined {
	const helpers = context.helpers;
	if (typeof helpers.checkProcessedAndRecord !== 'function' || typeof helpers.removeProcessed !== 'function') return undefined;
	const lookup = { mode: 'entries' as const };
	const recording = { mode: 'entries' as const, maxEntries: 2 * MAX_DELIVERIES };
	const newIn = async (keys: string[]) => new Set((await helpers.checkProcessedAndRecord(keys, 'node', lookup)).new.map(String));
	return {
		async delivered(keys) {
			const fresh = await newIn(keys);
			const present = keys.filter((key) => !fresh.has(key));
			// A key without its confirmation is what a look-up left behind: the check just added the
			// confirmation, so it must go again (or the key itself) before it reads as a delivery.
			const leftOver = present.length > 0 ? [...(await newIn(present.map(confirmed)))] : [];
			if (leftOver.length > 0) {
				await helpers.removeProcessed(leftOver, 'node', lookup).catch(async () => {
					const bases = leftOver.map((key) => key.slice(0, -'#delivered'.length));
					await helpers.removeProcessed(bases, 'node', lookup).catch((error: unknown) => {
						throw new Error(
							`${(error as Error).message}; the store may now take these for delivered (send them with Resend if they are not in the inbox): ${bases.join(', ')}`,
						);
					});
				});
			}
			// Harmless if it fails: an entry without its confirmation is no delivery record.
			if (fresh.size > 0) await helpers.removeProcessed([...fresh], 'node', lookup).catch(() => undefined);
			const notDelivered = new Set(leftOver);
			return keys.map((key) => !fresh.has(key) && !notDelivered.has(confirmed(key)));
		},
		async record(keys) {
			await helpers.checkProcessedAndRecord(
				keys.flatMap((key) => [key, confirmed(key)]),
				'node',
				recording,
			);
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
