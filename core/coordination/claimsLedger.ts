// The shared claims (queue mode) in the shape an export run uses for its delivery ledger: a claim
// waits while another live process sends the same document, the intent goes in right before the
// final "." and the server's answer right after it.
import type { DeliveryClaim, DeliveryLedger } from '../mail/exportRun';
import type { DeliveryClaims } from './deliveryClaims';

export interface ClaimsLedgerOptions {
	/** How long a claim waits for another process that is sending the same document (default 120 s). */
	waitMs?: number;
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
}

export type SharedLedger = Required<Pick<DeliveryLedger, 'claim' | 'intend' | 'uncertain' | 'flush'>> & DeliveryLedger;

const DEFAULT_WAIT_MS = 120_000;

export function claimsLedger(claims: DeliveryClaims, options: ClaimsLedgerOptions = {}): SharedLedger {
	const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
	const now = options.now ?? (() => Date.now());
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	// Keys whose outcome this run recorded: a later release() must not free them.
	const settled = new Set<string>();

	return {
		delivered: async (keys) => await claims.isDelivered(keys),
		async record(keys) {
			for (const key of keys) settled.add(key);
			await claims.delivered(keys, { at: new Date(now()).toISOString() });
		},
		async uncertain(keys, info) {
			for (const key of keys) settled.add(key);
			await claims.uncertain(keys, { messageId: info.messageId, reason: info.reason, at: new Date(now()).toISOString() });
		},
		intend: async (keys) => await claims.intend(keys),
		async flush() {
			// Records are written as they come, not behind.
		},
		async claim(keys, claimOptions = {}): Promise<DeliveryClaim> {
			const deadline = now() + waitMs;
			let waited = false;
			let pause = 25;
			for (;;) {
				const answer = await claims.claim(keys, { force: claimOptions.force === true });
				if (!answer.busy) {
					const held = answer.claims.filter((c) => c.state === 'claimed').map((c) => c.key);
					return {
						delivered: answer.claims.map((c) => c.state === 'delivered'),
						byOtherRun: answer.claims.map((c) => waited && c.state === 'delivered'),
						uncertain: answer.claims.map((c) => (c.state === 'uncertain' ? (c.reason ?? 'its outcome was not recorded') : undefined)),
						release: () => {
							const free = held.filter((key) => !settled.has(key));
							// A failed release leaves a claim that runs out with its lease: nothing lost.
							if (free.length > 0) claims.release(free).catch(() => undefined);
						},
					};
				}
				if (now() + pause > deadline) {
					throw new Error(`another n8n execution is still sending this document (waited ${Math.round(waitMs / 1000)} s); not sent by this one`);
				}
				waited = true;
				await sleep(pause);
				pause = Math.min(pause * 2, 250);
			}
		},
	};
}
