// Where the trigger remembers event ids it has passed on.
//
// Guarantee: within one n8n process, one event id starts at most one execution, also when
// deliveries arrive concurrently (the check-and-record is synchronous). The ids are also kept in
// the workflow's static data so that they survive a restart: n8n loads static data per request
// and saves it after answering, last write wins, so every save writes this process's whole set.
// Across several webhook processes (queue mode) the static data is the only shared memory and
// concurrent duplicates may slip through; Send to Yuki Inbox's own send-once ledger still
// prevents a second e-mail.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { SeenEventIds } from '../../core/events';
import type { SeenEventIdsSnapshot } from '../../core/events';

const STATIC_DATA_KEY = 'seenEventIds';

const processStores = new Map<string, SeenEventIds>();

export interface SeenEventsHandle {
	store: SeenEventIds;
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
	return {
		store,
		persist: () => {
			staticData[STATIC_DATA_KEY] = store.snapshot() as IDataObject;
		},
	};
}

/** For tests: forget what this process has seen. */
export function forgetSeenEvents(): void {
	processStores.clear();
}
