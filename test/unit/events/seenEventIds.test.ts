import { SeenEventIds } from '../../../core/events';

const now = 1_790_000_000;

describe('SeenEventIds', () => {
	it('records a new id once and reports it as seen afterwards', () => {
		const seen = new SeenEventIds();
		expect(seen.remember('evt_1', now)).toBe(true);
		expect(seen.remember('evt_1', now + 1)).toBe(false);
		expect(seen.has('evt_1', now + 1)).toBe(true);
		expect(seen.remember('evt_2', now + 1)).toBe(true);
		expect(seen.size).toBe(2);
	});

	it('forgets an id after its time to live', () => {
		const seen = new SeenEventIds({ ttlSeconds: 60 });
		seen.remember('evt_1', now);
		expect(seen.has('evt_1', now + 59)).toBe(true);
		expect(seen.has('evt_1', now + 60)).toBe(false);
		expect(seen.remember('evt_1', now + 60)).toBe(true);
	});

	it('keeps at most maxEntries ids, forgetting the oldest first', () => {
		const seen = new SeenEventIds({ maxEntries: 3 });
		for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) seen.remember(id, now + i);
		expect(seen.size).toBe(3);
		expect(seen.has('a', now + 4)).toBe(false);
		expect(['b', 'c', 'd'].every((id) => seen.has(id, now + 4))).toBe(true);
	});

	it('drops expired ids when recording new ones', () => {
		const seen = new SeenEventIds({ ttlSeconds: 10 });
		seen.remember('old', now);
		seen.remember('new', now + 20);
		expect(Object.keys(seen.snapshot())).toEqual(['new']);
	});

	it('round-trips through a plain snapshot (static data) and keeps expiry order', () => {
		const first = new SeenEventIds({ ttlSeconds: 100, maxEntries: 3 });
		first.remember('a', now);
		first.remember('b', now + 10);
		const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as Record<string, number>;

		const restarted = new SeenEventIds({ ttlSeconds: 100, maxEntries: 3 });
		restarted.remember('c', now + 20);
		restarted.absorb(snapshot, now + 20);
		expect(restarted.remember('a', now + 21)).toBe(false);
		expect(restarted.remember('b', now + 21)).toBe(false);
		// Over capacity the oldest (a) goes first, even though it was absorbed last.
		expect(restarted.remember('d', now + 22)).toBe(true);
		expect(Object.keys(restarted.snapshot())).toEqual(['b', 'c', 'd']);
	});

	it('ignores expired and malformed snapshot entries', () => {
		const seen = new SeenEventIds();
		seen.absorb({ gone: now - 1, bad: 'x' as unknown as number, kept: now + 5 }, now);
		seen.absorb(undefined, now);
		expect(seen.snapshot()).toEqual({ kept: now + 5 });
	});

	it('refuses nonsensical limits', () => {
		expect(() => new SeenEventIds({ maxEntries: 0 })).toThrow(/maxEntries/);
		expect(() => new SeenEventIds({ ttlSeconds: 0 })).toThrow(/ttlSeconds/);
	});
});
