// A bounded, expiring set of event ids already received, for de-duplicating redeliveries.
// Plain data in and out (snapshot/absorb) so an n8n node can persist it in workflow static data.

export interface SeenEventIdsOptions {
	/** How many ids are kept at most; the oldest are forgotten first. */
	maxEntries?: number;
	/** How long an id is remembered. Senders retry for hours, sometimes days. */
	ttlSeconds?: number;
}

/** id → unix second at which it may be forgotten. */
export type SeenEventIdsSnapshot = Record<string, number>;

export const DEFAULT_SEEN_MAX_ENTRIES = 1000;
export const DEFAULT_SEEN_TTL_SECONDS = 72 * 3600;

export class SeenEventIds {
	readonly maxEntries: number;
	readonly ttlSeconds: number;
	// Kept in order of expiry (= order of arrival, the TTL being constant): the first entry goes first.
	private entries = new Map<string, number>();

	constructor(options: SeenEventIdsOptions = {}) {
		this.maxEntries = options.maxEntries ?? DEFAULT_SEEN_MAX_ENTRIES;
		this.ttlSeconds = options.ttlSeconds ?? DEFAULT_SEEN_TTL_SECONDS;
		if (!(this.maxEntries >= 1)) throw new Error('SeenEventIds: maxEntries must be at least 1');
		if (!(this.ttlSeconds > 0)) throw new Error('SeenEventIds: ttlSeconds must be positive');
	}

	get size(): number {
		return this.entries.size;
	}

	has(id: string, now: number): boolean {
		const expiresAt = this.entries.get(id);
		return expiresAt !== undefined && expiresAt > now;
	}

	/**
	 * Records the id and returns true when it is new; false when it was seen and has not expired.
	 * Synchronous on purpose: within one process, two concurrent deliveries of one event
	 * cannot both pass.
	 */
	remember(id: string, now: number): boolean {
		if (this.has(id, now)) return false;
		this.entries.delete(id);
		this.entries.set(id, now + this.ttlSeconds);
		this.evict(now);
		return true;
	}

	/** Forgets an id again: the event it stood for was not passed on after all (it may come again). */
	forget(id: string): void {
		this.entries.delete(id);
	}

	/** Takes in ids persisted elsewhere (e.g. before a restart); expired ones are dropped. */
	absorb(snapshot: SeenEventIdsSnapshot | undefined, now: number): void {
		if (!snapshot || typeof snapshot !== 'object') return;
		let added = false;
		for (const [id, expiresAt] of Object.entries(snapshot)) {
			if (typeof expiresAt !== 'number' || expiresAt <= now) continue;
			const known = this.entries.get(id);
			if (known !== undefined && known >= expiresAt) continue;
			this.entries.set(id, expiresAt);
			added = true;
		}
		if (!added) return;
		this.entries = new Map([...this.entries].sort((a, b) => a[1] - b[1]));
		this.evict(now);
	}

	snapshot(): SeenEventIdsSnapshot {
		return Object.fromEntries(this.entries);
	}

	private evict(now: number): void {
		for (const [id, expiresAt] of this.entries) {
			if (expiresAt > now && this.entries.size <= this.maxEntries) break;
			this.entries.delete(id);
		}
	}
}
