// Layers over a DeliveryLedger (the durable record of deliveries) that keep it correct and cheap:
// one store operation at a time, write-behind records coalesced into batches, the batch looked up
// in one call, and what the runs of one node in this process share while they run at the same
// time (deliveries in flight and recorded but perhaps not yet written).
import type { DeliveryClaim, DeliveryLedger } from './types';

/**
 * `delivered()` of a layer that knows some keys itself: those `known` answers (true or false) are
 * not asked; the rest go to `ask` in one call (none when there are none).
 */
export async function knownOrAsk(
	keys: readonly string[],
	known: (key: string) => boolean | undefined,
	ask: (keys: string[]) => Promise<boolean[]>,
): Promise<boolean[]> {
	const answers = keys.map(known);
	const missing = keys.filter((_, index) => answers[index] === undefined);
	if (missing.length === 0) return answers as boolean[];
	const asked = await ask(missing);
	const fresh = new Map(missing.map((key, index) => [key, asked[index] === true]));
	return keys.map((key, index) => answers[index] ?? fresh.get(key) === true);
}

/**
 * `base` with a whole batch looked up in ONE call (`prefetch`) before sending. n8n's store reads
 * and rewrites its whole list on every call, so a lookup per document (two calls) cost more than
 * the e-mail itself. Keys asked later that were not prefetched are looked up as before; records go
 * to `base` as they come (it may write them behind) and are known here at once.
 */
export function prefetchingLedger(base: DeliveryLedger): FlushableLedger & Required<Pick<DeliveryLedger, 'prefetch'>> {
	const looked = new Set<string>();
	const known = new Set<string>();
	return {
		async prefetch(keys) {
			const unique = [...new Set(keys)].filter((key) => !looked.has(key));
			if (unique.length === 0) return;
			const answers = await base.delivered(unique);
			unique.forEach((key, index) => {
				looked.add(key);
				if (answers[index]) known.add(key);
			});
		},
		delivered: async (asked) => await knownOrAsk(asked, (key) => (looked.has(key) ? known.has(key) : undefined), async (keys) => await base.delivered(keys)),
		record(recorded) {
			// Known at once: the delivery happened, whenever (and whether) the write succeeds.
			for (const key of recorded) {
				looked.add(key);
				known.add(key);
			}
			return base.record(recorded);
		},
		flush: async () => await base.flush?.(),
	};
}

/** Runs tasks one after the other, in the order they were queued, whatever each one's outcome. */
export class SerialQueue {
	private tail: Promise<unknown> = Promise.resolve();

	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.tail.then(task, task);
		this.tail = result.catch(() => undefined);
		return result;
	}
}

/**
 * Every operation of `base` through `queue`. n8n's processed-data store reads the node's whole
 * list, then writes it back: two calls overlapping (two executions, or a lookup beside a record)
 * would lose the first one's keys, so they must not overlap.
 */
export function serializedLedger(base: DeliveryLedger, queue: SerialQueue): DeliveryLedger {
	return {
		delivered: async (keys) => await queue.run(async () => await base.delivered(keys)),
		record: async (keys) => await queue.run(async () => await base.record(keys)),
	};
}

export interface FlushableLedger extends DeliveryLedger {
	flush(): Promise<void>;
}

interface Waiter {
	resolve: () => void;
	reject: (error: unknown) => void;
}

export interface CoalescingOptions {
	/**
	 * Least time between the starts of two writes (default 0: the next write starts as soon as the
	 * previous one ended). n8n's store rewrites the node's whole list on each write, so writing
	 * non-stop costs the main thread a steady share of its time; spacing the writes lets more keys
	 * share one. It is also how long a delivery may wait unwritten (the crash window), so keep it short.
	 */
	minSpacingMs?: number;
	/** For tests: the clock and the pause (a pause ends early when `hurry` is called). */
	now?: () => number;
	pause?: (ms: number, hurry: (end: () => void) => void) => Promise<void>;
}

function timerPause(ms: number, hurry: (end: () => void) => void): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		hurry(() => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/**
 * Write-behind records: `record()` queues its keys and returns at once with a promise that settles
 * when they are durably written (or the write failed). At most one write is in flight; every key
 * queued while it runs (or while the writes are spaced, see `minSpacingMs`) goes into the next one,
 * a single call for the whole batch (the store costs about the same for one key as for fifty).
 * `flush()` writes what is queued without waiting for the spacing. Lookups answer "delivered"
 * for keys queued or being written.
 */
export function coalescingLedger(base: DeliveryLedger, options: CoalescingOptions = {}): FlushableLedger {
	const spacing = Math.max(0, options.minSpacingMs ?? 0);
	const now = options.now ?? (() => Date.now());
	const pause = options.pause ?? timerPause;
	let queued = new Set<string>();
	let waiters: Waiter[] = [];
	const unwritten = new Set<string>();
	let writing: Promise<void> | undefined;
	let lastStart = -Infinity;
	let hurry: (() => void) | undefined;
	let flushing = false;

	async function writeQueued(): Promise<void> {
		while (queued.size > 0) {
			const wait = lastStart + spacing - now();
			if (wait > 0 && !flushing) {
				await pause(wait, (end) => (hurry = end));
				hurry = undefined;
			}
			const keys = [...queued];
			const batch = waiters;
			queued = new Set();
			waiters = [];
			lastStart = now();
			try {
				await base.record(keys);
				for (const waiter of batch) waiter.resolve();
			} catch (error) {
				for (const waiter of batch) waiter.reject(error);
			} finally {
				for (const key of keys) unwritten.delete(key);
			}
		}
		writing = undefined;
	}

	return {
		delivered: async (keys) => await knownOrAsk(keys, (key) => (unwritten.has(key) ? true : undefined), async (ask) => await base.delivered(ask)),
		record(keys) {
			if (keys.length === 0) return Promise.resolve();
			const written = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
			for (const key of keys) {
				queued.add(key);
				unwritten.add(key);
			}
			writing ??= writeQueued();
			return written;
		},
		async flush() {
			flushing = true;
			try {
				hurry?.();
				while (writing) await writing;
			} finally {
				flushing = false;
			}
		},
	};
}

interface Member {
	joinedAt: number;
}

/**
 * What the runs of ONE node (same workflow, same node) in this n8n process share while any of
 * them runs. Each run looks the store up once at its start; a delivery another run makes later,
 * or made before but has not written yet (write-behind), is known from here instead. And a
 * document another run is sending right now is waited for, not sent a second time.
 */
export class SharedDeliveries {
	/** Store operations of every run of this node, one at a time. */
	readonly queue = new SerialQueue();
	/** Delivery key → released when the run sending it has recorded the outcome. */
	private readonly inFlight = new Map<string, Promise<void>>();
	/** Delivery key → moment it was durably written (undefined: not yet). */
	private readonly recorded = new Map<string, number | undefined>();
	private readonly members = new Set<Member>();
	/** Orders joins and writes. */
	private clock = 0;

	get runs(): number {
		return this.members.size;
	}

	/** A run starts; call before its first store lookup. */
	join(): Member {
		const member = { joinedAt: ++this.clock };
		this.members.add(member);
		return member;
	}

	/**
	 * A run ends (after its records were flushed). A key written before the oldest remaining run
	 * joined is in the store for every remaining run's lookup, so it need not be kept here.
	 */
	leave(member: Member): void {
		this.members.delete(member);
		let oldest = Infinity;
		for (const m of this.members) oldest = Math.min(oldest, m.joinedAt);
		for (const [key, writtenAt] of this.recorded) {
			if (writtenAt !== undefined && writtenAt < oldest) this.recorded.delete(key);
		}
	}

	/** `ledger` (this run's view of the store) plus what the other runs of this node did. */
	ledger(ledger: DeliveryLedger): FlushableLedger & Required<Pick<DeliveryLedger, 'claim'>> {
		const recorded = this.recorded;
		const inFlight = this.inFlight;
		const tick = () => ++this.clock;
		const delivered = async (keys: string[]): Promise<boolean[]> =>
			await knownOrAsk(keys, (key) => (recorded.has(key) ? true : undefined), async (ask) => await ledger.delivered(ask));
		return {
			delivered,
			...(ledger.prefetch ? { prefetch: async (keys: string[]) => await ledger.prefetch?.(keys) } : {}),
			record(keys) {
				for (const key of keys) recorded.set(key, undefined);
				const written = ledger.record(keys);
				const mark = () => {
					const at = tick();
					for (const key of keys) recorded.set(key, at);
				};
				written.then(mark, mark);
				return written;
			},
			async flush() {
				await ledger.flush?.();
			},
			async claim(keys): Promise<DeliveryClaim> {
				// Wait until no other run is sending any of these, then hold them all at once (no
				// await between the check and the hold, so two runs cannot both pass).
				const waited = new Set<string>();
				for (;;) {
					const busy = [...new Set(keys.filter((key) => inFlight.has(key)))];
					if (busy.length === 0) break;
					for (const key of busy) waited.add(key);
					await Promise.all(busy.map(async (key) => await inFlight.get(key)));
				}
				let done!: () => void;
				const held = new Promise<void>((resolve) => (done = resolve));
				for (const key of keys) inFlight.set(key, held);
				const release = () => {
					for (const key of keys) if (inFlight.get(key) === held) inFlight.delete(key);
					done();
				};
				try {
					const answers = await delivered(keys);
					return { delivered: answers, byOtherRun: keys.map((key, index) => answers[index] && waited.has(key)), release };
				} catch (error) {
					release();
					throw error;
				}
			},
		};
	}
}

/** The SharedDeliveries of every node running in this process, kept while at least one run uses them. */
export class SharedDeliveriesRegistry {
	private readonly byNode = new Map<string, SharedDeliveries>();

	/** Join the runs of node `key`; the returned `leave` must be called once the run's records are flushed. */
	join(key: string): { shared: SharedDeliveries; leave: () => void } {
		let shared = this.byNode.get(key);
		if (!shared) {
			shared = new SharedDeliveries();
			this.byNode.set(key, shared);
		}
		const member = shared.join();
		const joined = shared;
		let left = false;
		return {
			shared: joined,
			leave: () => {
				if (left) return;
				left = true;
				joined.leave(member);
				if (joined.runs === 0 && this.byNode.get(key) === joined) this.byNode.delete(key);
			},
		};
	}

	/** Nodes with a run in progress (for tests). */
	get size(): number {
		return this.byNode.size;
	}
}
