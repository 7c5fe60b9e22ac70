// The ledger layers: serial store access, write-behind coalesced records, runs of one node sharing deliveries.
import { coalescingLedger, serializedLedger, SerialQueue, SharedDeliveries, SharedDeliveriesRegistry } from '../../../core/export';
import type { DeliveryLedger } from '../../../core/export';

/** A promise with its resolve/reject outside. */
function gate<T = void>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** Lets every queued promise callback run. */
const drain = async () => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

/**
 * A store like n8n's processed-data store: each call reads the list, waits (the database), then
 * writes the list back. Writes are held by a gate when `hold` is on; calls are logged.
 */
function slowStore() {
	const values = new Set<string>();
	const calls: Array<{ op: 'delivered' | 'record'; keys: string[] }> = [];
	const gates: Array<ReturnType<typeof gate<void>>> = [];
	let hold = false;
	let failNext: Error | undefined;
	let concurrent = 0;
	let maxConcurrent = 0;
	const ledger: DeliveryLedger = {
		async delivered(keys) {
			calls.push({ op: 'delivered', keys: [...keys] });
			return keys.map((key) => values.has(key));
		},
		async record(keys) {
			calls.push({ op: 'record', keys: [...keys] });
			concurrent++;
			maxConcurrent = Math.max(maxConcurrent, concurrent);
			const snapshot = new Set(values); // read the whole list…
			try {
				if (hold) {
					const g = gate<void>();
					gates.push(g);
					await g.promise;
				} else {
					await Promise.resolve();
				}
				if (failNext) {
					const error = failNext;
					failNext = undefined;
					throw error;
				}
				for (const key of keys) snapshot.add(key);
				values.clear(); // …and write it back: an overlapping call would lose keys
				for (const key of snapshot) values.add(key);
			} finally {
				concurrent--;
			}
		},
	};
	return {
		ledger,
		values,
		calls,
		gates,
		hold: (on: boolean) => (hold = on),
		failNextWith: (error: Error) => (failNext = error),
		maxConcurrent: () => maxConcurrent,
	};
}

describe('coalescingLedger', () => {
	it('writes a record at once when nothing is in flight, and queues the next ones into ONE write', async () => {
		const store = slowStore();
		store.hold(true);
		const ledger = coalescingLedger(store.ledger);
		const first = ledger.record(['a']);
		await drain();
		expect(store.calls).toEqual([{ op: 'record', keys: ['a'] }]);
		const second = ledger.record(['b']);
		const third = ledger.record(['c', 'd']);
		await drain();
		expect(store.calls).toHaveLength(1); // one write in flight at most
		store.gates[0].resolve();
		await first;
		await drain();
		expect(store.calls.at(-1)).toEqual({ op: 'record', keys: ['b', 'c', 'd'] });
		store.gates[1].resolve();
		await Promise.all([second, third]);
		expect(store.calls).toHaveLength(2);
		expect(store.maxConcurrent()).toBe(1);
		expect([...store.values].sort()).toEqual(['a', 'b', 'c', 'd']);
	});

	it('record() does not wait for the store; flush() waits for the write in flight and the queued one', async () => {
		const store = slowStore();
		store.hold(true);
		const ledger = coalescingLedger(store.ledger);
		let written = false;
		void ledger.record(['a']).then(() => (written = true));
		void ledger.record(['b']);
		let flushed = false;
		const flushing = ledger.flush().then(() => (flushed = true));
		await drain();
		expect([written, flushed]).toEqual([false, false]);
		store.gates[0].resolve();
		await drain();
		expect([written, flushed]).toEqual([true, false]); // 'b' is being written now
		store.gates[1].resolve();
		await flushing;
		expect(flushed).toBe(true);
		expect([...store.values].sort()).toEqual(['a', 'b']);
	});

	it('flush() with nothing recorded resolves at once, and twice is fine', async () => {
		const store = slowStore();
		const ledger = coalescingLedger(store.ledger);
		await ledger.flush();
		await ledger.record(['a']);
		await ledger.flush();
		await ledger.flush();
		expect(store.calls).toEqual([{ op: 'record', keys: ['a'] }]);
	});

	it('a failed write rejects the record promise of every delivery in that batch, and the next batch is still written', async () => {
		const store = slowStore();
		store.hold(true);
		const ledger = coalescingLedger(store.ledger);
		const a = ledger.record(['a']);
		const b = ledger.record(['b']);
		const c = ledger.record(['c']);
		store.failNextWith(new Error('SQLITE_BUSY'));
		store.gates[0].resolve(); // 'a' fails
		await expect(a).rejects.toThrow('SQLITE_BUSY');
		await drain();
		store.gates[1].resolve(); // 'b' and 'c' together, fine
		await expect(Promise.all([b, c])).resolves.toEqual([undefined, undefined]);
		await ledger.flush();
		expect([...store.values].sort()).toEqual(['b', 'c']);
	});

	it('records each key once even when it is queued twice before the write', async () => {
		const store = slowStore();
		store.hold(true);
		const ledger = coalescingLedger(store.ledger);
		void ledger.record(['x']);
		void ledger.record(['a', 'b']);
		void ledger.record(['b', 'a']);
		store.gates[0].resolve();
		await drain();
		store.gates[1].resolve();
		await ledger.flush();
		expect(store.calls.map((c) => c.keys)).toEqual([['x'], ['a', 'b']]);
	});

	it('answers "delivered" for keys queued or being written, and asks the store only about the rest', async () => {
		const store = slowStore();
		store.values.add('old');
		store.hold(true);
		const ledger = coalescingLedger(store.ledger);
		void ledger.record(['a']);
		void ledger.record(['b']);
		expect(await ledger.delivered(['a', 'b', 'old', 'new'])).toEqual([true, true, true, false]);
		expect(store.calls.at(-1)).toEqual({ op: 'delivered', keys: ['old', 'new'] });
		store.gates[0].resolve();
		await drain();
		store.gates[1].resolve();
		await ledger.flush();
	});
});

describe('coalescingLedger with spaced writes (minSpacingMs)', () => {
	/** A clock moved by hand and pauses that end when the clock passes them (or flush hurries them). */
	function manualTime() {
		let now = 0;
		const pauses: Array<{ until: number; end: () => void }> = [];
		return {
			now: () => now,
			pause: (ms: number, hurry: (end: () => void) => void) =>
				new Promise<void>((resolve) => {
					const entry = { until: now + ms, end: resolve };
					pauses.push(entry);
					hurry(() => {
						pauses.splice(pauses.indexOf(entry), 1);
						resolve();
					});
				}),
			advance(ms: number) {
				now += ms;
				for (const entry of [...pauses]) {
					if (entry.until <= now) {
						pauses.splice(pauses.indexOf(entry), 1);
						entry.end();
					}
				}
			},
			waiting: () => pauses.length,
		};
	}

	it('the first record is written at once; later ones wait for the spacing and share one write', async () => {
		const store = slowStore();
		const time = manualTime();
		const ledger = coalescingLedger(store.ledger, { minSpacingMs: 100, now: time.now, pause: time.pause });
		await ledger.record(['a']);
		const later = [ledger.record(['b']), ledger.record(['c'])];
		await drain();
		time.advance(10);
		void ledger.record(['d']);
		await drain();
		expect(store.calls.map((c) => c.keys)).toEqual([['a']]);
		expect(time.waiting()).toBe(1);
		time.advance(90);
		await Promise.all(later);
		expect(store.calls.map((c) => c.keys)).toEqual([['a'], ['b', 'c', 'd']]);
	});

	it('a record after a quiet spell longer than the spacing is written at once', async () => {
		const store = slowStore();
		const time = manualTime();
		const ledger = coalescingLedger(store.ledger, { minSpacingMs: 100, now: time.now, pause: time.pause });
		await ledger.record(['a']);
		time.advance(150);
		await ledger.record(['b']);
		expect(time.waiting()).toBe(0);
		expect(store.calls.map((c) => c.keys)).toEqual([['a'], ['b']]);
	});

	it('flush() writes the queued records without waiting for the spacing', async () => {
		const store = slowStore();
		const time = manualTime();
		const ledger = coalescingLedger(store.ledger, { minSpacingMs: 60_000, now: time.now, pause: time.pause });
		await ledger.record(['a']);
		const b = ledger.record(['b']);
		await drain();
		expect(time.waiting()).toBe(1);
		await ledger.flush();
		await b;
		expect(store.calls.map((c) => c.keys)).toEqual([['a'], ['b']]);
		expect(time.waiting()).toBe(0);
	});
});

describe('serializedLedger', () => {
	it('never lets two store calls overlap (n8n reads and rewrites the whole list per call)', async () => {
		const store = slowStore();
		const queue = new SerialQueue();
		const one = serializedLedger(store.ledger, queue);
		const two = serializedLedger(store.ledger, queue);
		await Promise.all([one.record(['a']), two.record(['b']), one.record(['c']), two.delivered(['a'])]);
		expect(store.maxConcurrent()).toBe(1);
		expect([...store.values].sort()).toEqual(['a', 'b', 'c']);
		expect(store.calls.map((c) => c.op)).toEqual(['record', 'record', 'record', 'delivered']);
	});

	it('the same calls unserialized DO lose keys (what the queue prevents)', async () => {
		const store = slowStore();
		await Promise.all([store.ledger.record(['a']), store.ledger.record(['b'])]);
		expect(store.values.size).toBe(1);
	});

	it('a failing call does not stop the queue', async () => {
		const store = slowStore();
		const ledger = serializedLedger(store.ledger, new SerialQueue());
		store.failNextWith(new Error('disk full'));
		const results = await Promise.allSettled([ledger.record(['a']), ledger.record(['b'])]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
		expect([...store.values]).toEqual(['b']);
	});
});

describe('SharedDeliveries (runs of one node in one process)', () => {
	function twoRuns() {
		const store = slowStore();
		const shared = new SharedDeliveries();
		const memberA = shared.join();
		const memberB = shared.join();
		const a = shared.ledger(coalescingLedger(serializedLedger(store.ledger, shared.queue)));
		const b = shared.ledger(coalescingLedger(serializedLedger(store.ledger, shared.queue)));
		return { store, shared, a, b, memberA, memberB };
	}

	it('a run claiming a document another run is sending waits, then sees it delivered', async () => {
		const { a, b } = twoRuns();
		const claimA = await a.claim(['doc_1']);
		expect(claimA.delivered).toEqual([false]);
		let bAnswered = false;
		const claimB = b.claim(['doc_1']).then((claim) => {
			bAnswered = true;
			return claim;
		});
		await drain();
		expect(bAnswered).toBe(false); // waits while A sends
		void a.record(['doc_1']); // A's server said 250
		claimA.release();
		const answer = await claimB;
		expect(answer.delivered).toEqual([true]);
		expect(answer.byOtherRun).toEqual([true]);
		answer.release();
		await a.flush();
	});

	it('when the sending run failed, the waiting run gets the document to send itself', async () => {
		const { a, b } = twoRuns();
		const claimA = await a.claim(['doc_1']);
		const claimB = b.claim(['doc_1']);
		claimA.release(); // not delivered, nothing recorded
		const answer = await claimB;
		expect(answer.delivered).toEqual([false]);
		// …and now B holds it: a third claim waits for B.
		let third = false;
		const claimC = a.claim(['doc_1']).then((c) => ((third = true), c));
		await drain();
		expect(third).toBe(false);
		answer.release();
		(await claimC).release();
	});

	it('a delivery made by another run after this run looked the store up is known (not sent twice)', async () => {
		const { store, a, b } = twoRuns();
		store.hold(true);
		void a.record(['doc_2']); // written behind, not in the store yet
		expect(await b.delivered(['doc_2'])).toEqual([true]); // answered while the write is still held
		expect(store.values.has('doc_2')).toBe(false);
		// A key it does not know is asked of the store, after the write in flight (one call at a time).
		const other = b.delivered(['doc_2', 'doc_3']);
		await drain();
		expect(store.calls.map((c) => c.op)).toEqual(['record']);
		store.gates[0].resolve();
		expect(await other).toEqual([true, false]);
		expect(store.calls.at(-1)).toEqual({ op: 'delivered', keys: ['doc_3'] });
		await a.flush();
	});

	it('forgets written keys once every run that could have missed them in the store has left', async () => {
		const { store, shared, a, memberA, memberB } = twoRuns();
		await a.record(['doc_1']);
		shared.leave(memberA);
		// B joined before doc_1 was written: it must still be told.
		const late = shared.join();
		const c = shared.ledger(coalescingLedger(serializedLedger(store.ledger, shared.queue)));
		store.values.clear(); // from here on, a "yes" can only come from the shared memory
		expect(await c.delivered(['doc_1'])).toEqual([true]);
		shared.leave(memberB);
		// Only `late` is left, which joined after the write: its store lookup sees doc_1, memory may let go.
		expect(await c.delivered(['doc_1'])).toEqual([false]);
		shared.leave(late);
	});
});

describe('SharedDeliveriesRegistry', () => {
	it('gives runs of the same node the same shared state, other nodes their own, and forgets a node when its last run left', () => {
		const registry = new SharedDeliveriesRegistry();
		const one = registry.join('wf1/node1');
		const two = registry.join('wf1/node1');
		const other = registry.join('wf1/node2');
		expect(two.shared).toBe(one.shared);
		expect(other.shared).not.toBe(one.shared);
		one.leave();
		one.leave(); // twice is harmless
		expect(registry.size).toBe(2);
		two.leave();
		other.leave();
		expect(registry.size).toBe(0);
		expect(registry.join('wf1/node1').shared).not.toBe(one.shared);
	});
});
