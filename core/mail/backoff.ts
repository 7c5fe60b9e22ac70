// Waiting between attempts and between messages.

/** Delay before attempt `attempt` (2, 3, …): initial × 2^(attempt − 2), at most `maxMs`. */
export function backoffDelay(attempt: number, initialMs: number, maxMs = 60_000): number {
	if (attempt <= 1) return 0;
	return Math.min(maxMs, initialMs * 2 ** (attempt - 2));
}

export type Sleep = (ms: number) => Promise<void>;
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces message starts at least 1/`perSecond` s apart so a big batch doesn't look like a
 * burst of spam to the receiving side. `perSecond` ≤ 0 means no limit.
 */
export class RateLimiter {
	private nextSlot = 0;

	constructor(
		private readonly perSecond: number,
		private readonly now: () => number = Date.now,
		private readonly wait: Sleep = sleep,
	) {}

	async take(): Promise<void> {
		if (!(this.perSecond > 0)) return;
		const interval = 1000 / this.perSecond;
		const now = this.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + interval;
		if (slot > now) await this.wait(slot - now);
	}
}
