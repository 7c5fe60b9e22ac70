// The shared claims (queue mode) in the shape an export uses for its delivery ledger. The export
// speaks in keys: `exportKey` (delivered to a recipient) and `uncertainKey` (sent there, outcome
// unknown); both map to ONE shared record per document and recipient, whose state answers either.
// A claim waits while another live process sends the same document; the intent is written right
// before the final "." of DATA and the server's answer right after it.
import type { DeliveryClaim, DeliveryLedger } from '../export/types';
import type { ClaimState, DeliveryClaims } from './deliveryClaims';

export interface ClaimsLedgerOptions {
	/** How long a claim waits for another process that is sending the same document (default 120 s). */
	waitMs?: number;
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
}

export type SharedLedger = Required<Pick<DeliveryLedger, 'claim' | 'intend' | 'beforeFinalDot' | 'flush'>> & DeliveryLedger;

const DEFAULT_WAIT_MS = 120_000;

/** The shared record a ledger key is about, and which state answers it. */
function decode(key: string): { record: string; answeredBy: ClaimState } {
	let parts: unknown;
	try {
		parts = JSON.parse(key);
	} catch {
		parts = undefined;
	}
	if (!Array.isArray(parts) || parts.length < 2) throw new Error(`not a delivery key: ${key}`);
	const uncertain = parts.length === 3 && parts[2] === 'uncertain';
	return { record: JSON.stringify([parts[0], parts[1]]), answeredBy: uncertain ? 'uncertain' : 'delivered' };
}

const unique = (keys: string[]) => [...new Set(keys)];

export function claimsLedger(claims: DeliveryClaims, options: ClaimsLedgerOptions = {}): SharedLedger {
	const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
	const now = options.now ?? (() => Date.now());
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	// Records this run holds, and those whose outcome it wrote (a later release must not free them).
	const held = new Set<string>();
	const settled = new Set<string>();

	/** Claims `records` (all or none), waiting while another live process holds any of them. */
	async function claimRecords(records: string[], force: boolean) {
		const deadline = now() + waitMs;
		let waited = false;
		let pause = 25;
		for (;;) {
			const answer = await claims.claim(records, { force });
			if (!answer.busy) {
				for (const c of answer.claims) if (c.state === 'claimed') held.add(c.key);
				return { states: new Map(answer.claims.map((c) => [c.key, c.state])), waited };
			}
			if (now() + pause > deadline) {
				throw new Error(`another n8n execution is still sending this document (waited ${Math.round(waitMs / 1000)} s); not sent by this one`);
			}
			waited = true;
			await sleep(pause);
			pause = Math.min(pause * 2, 250);
		}
	}

	const release = (records: string[]) => {
		const free = records.filter((r) => held.has(r) && !settled.has(r));
		for (const r of free) held.delete(r);
		// A failed release leaves a claim that runs out with its lease: nothing lost, nothing sent.
		if (free.length > 0) claims.release(free).catch(() => undefined);
	};

	return {
		async delivered(keys) {
			const decoded = keys.map(decode);
			const records = unique(decoded.map((d) => d.record));
			const states = await claims.states(records);
			const byRecord = new Map(records.map((r, i) => [r, states[i]]));
			return decoded.map((d) => byRecord.get(d.record) === d.answeredBy);
		},
		async record(keys) {
			const decoded = keys.map(decode);
			const delivered = unique(decoded.filter((d) => d.answeredBy === 'delivered').map((d) => d.record));
			const uncertain = unique(decoded.filter((d) => d.answeredBy === 'uncertain').map((d) => d.record)).filter((r) => !delivered.includes(r));
			for (const r of [...delivered, ...uncertain]) settled.add(r);
			const at = new Date(now()).toISOString();
			await Promise.all([
				claims.delivered(delivered, { at }),
				claims.uncertain(uncertain, { at, reason: 'no answer from the server after the end of DATA' }),
			]);
		},
		async claim(keys): Promise<DeliveryClaim> {
			const decoded = keys.map(decode);
			const records = unique(decoded.map((d) => d.record));
			const { states, waited } = await claimRecords(records, false);
			return {
				delivered: decoded.map((d) => states.get(d.record) === d.answeredBy),
				byOtherRun: decoded.map((d) => waited && states.get(d.record) === d.answeredBy),
				release: () => release(records),
			};
		},
		async intend(keys) {
			// Called before the e-mail is handed over. A run that did not claim (Resend skips the look-up)
			// claims now, so two runs still never send at once; the intent itself is written at the ".".
			const records = unique(keys.map((k) => decode(k).record)).filter((r) => !held.has(r));
			if (records.length > 0) await claimRecords(records, true);
		},
		async beforeFinalDot(keys) {
			await claims.intend(unique(keys.map((k) => decode(k).record)));
		},
		async flush() {
			// Records are written as they come, not behind.
		},
	};
}
