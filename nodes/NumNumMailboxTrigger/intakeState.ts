// What the trigger remembers between scans, reconnects and re-activations.
//  - Message keys already started, per workflow and node, in this process's memory (bounded,
//    expiring): a second copy of an e-mail or a rescan starts nothing. Not in static data: n8n
//    rewrites all of it on every emit, and across restarts n8n's own execution deduplication key
//    (see the node) and the mailbox's $NumNumIntake keyword hold instead.
//  - The folder cursor (UIDVALIDITY + last handled UID) in the workflow's static data.
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

import { SeenEventIds } from '../../core/events';
import type { MailboxCursor } from '../../core/intake';

const CURSOR_KEY = 'mailboxCursor';
const MAX_KEYS = 20_000;
const KEY_TTL_SECONDS = 30 * 24 * 3600;

const processKeys = new Map<string, SeenEventIds>();

export interface IntakeState {
	/** Keys of the e-mails started before (the watcher's `seen`). */
	seen: { has(key: string): boolean; add(key: string): void };
	loadCursor(): MailboxCursor | undefined;
	saveCursor(cursor: MailboxCursor): void;
}

export function intakeStateFor(context: ITriggerFunctions): IntakeState {
	const node = context.getNode();
	const scope = `${context.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
	let keys = processKeys.get(scope);
	if (!keys) {
		keys = new SeenEventIds({ maxEntries: MAX_KEYS, ttlSeconds: KEY_TTL_SECONDS });
		processKeys.set(scope, keys);
	}
	const staticData = context.getWorkflowStaticData('node');
	const store = keys;
	return {
		seen: {
			has: (key) => store.has(key, Math.floor(Date.now() / 1000)),
			add: (key) => void store.remember(key, Math.floor(Date.now() / 1000)),
		},
		loadCursor: () => {
			const saved = staticData[CURSOR_KEY] as Partial<MailboxCursor> | undefined;
			if (!saved || typeof saved.uidValidity !== 'string' || !Number.isInteger(saved.lastUid)) return undefined;
			return { uidValidity: saved.uidValidity, lastUid: saved.lastUid as number };
		},
		saveCursor: (cursor) => {
			staticData[CURSOR_KEY] = { ...cursor } as IDataObject;
		},
	};
}

/** For tests: forget what this process has started. */
export function forgetIntakeState(): void {
	processKeys.clear();
}
