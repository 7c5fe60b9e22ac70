// The prefetching delivery ledger: one lookup for the batch, the same answers as asking per document.
import { prefetchingLedger } from '../../../core/export';
import type { DeliveryLedger } from '../../../core/export';

async function prefetchedLedger(base: DeliveryLedger, keys: string[]) {
	const ledger = prefetchingLedger(base);
	await ledger.prefetch(keys);
	return ledger;
}

/** An in-memory ledger that counts the calls made to it. */
function memoryLedger(delivered: string[] = []) {
	const store = new Set(delivered);
	const calls: Array<{ op: 'delivered' | 'record'; keys: string[] }> = [];
	const ledger: DeliveryLedger = {
		async delivered(keys) {
			calls.push({ op: 'delivered', keys: [...keys] });
			return keys.map((key) => store.has(key));
		},
		async record(keys) {
			calls.push({ op: 'record', keys: [...keys] });
			for (const key of keys) store.add(key);
		},
	};
	return { ledger, store, calls };
}

describe('prefetchingLedger', () => {
	it('asks the store once for the whole batch and answers later lookups from that', async () => {
		const base = memoryLedger(['b']);
		const ledger = await prefetchedLedger(base.ledger, ['a', 'b', 'c', 'a']);
		expect(base.calls).toEqual([{ op: 'delivered', keys: ['a', 'b', 'c'] }]);
		expect(await ledger.delivered(['a'])).toEqual([false]);
		expect(await ledger.delivered(['b', 'c'])).toEqual([true, false]);
		expect(base.calls).toHaveLength(1);
	});

	it('records each delivery at once in the store and knows it afterwards', async () => {
		const base = memoryLedger();
		const ledger = await prefetchedLedger(base.ledger, ['a', 'b']);
		await ledger.record(['a']);
		expect(base.store.has('a')).toBe(true);
		expect(base.calls.at(-1)).toEqual({ op: 'record', keys: ['a'] });
		expect(await ledger.delivered(['a', 'b'])).toEqual([true, false]);
	});

	it('looks up keys that were not prefetched in the store', async () => {
		const base = memoryLedger(['x']);
		const ledger = await prefetchedLedger(base.ledger, ['a']);
		expect(await ledger.delivered(['a', 'x', 'y'])).toEqual([false, true, false]);
		expect(base.calls.at(-1)).toEqual({ op: 'delivered', keys: ['x', 'y'] });
	});

	it('makes no call at all when there is nothing to look up', async () => {
		const base = memoryLedger();
		await prefetchedLedger(base.ledger, []);
		expect(base.calls).toEqual([]);
	});
});
