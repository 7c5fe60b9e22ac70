import type { IExecuteFunctions } from 'n8n-workflow';

import type { DeliveryLedger } from '../../core/mail';

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
