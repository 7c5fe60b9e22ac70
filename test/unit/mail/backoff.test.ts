import { backoffDelay, RateLimiter } from '../../../core/mail';

describe('backoffDelay', () => {
	it('doubles from the initial delay, capped', () => {
		expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, 500))).toEqual([0, 500, 1000, 2000, 4000]);
		expect(backoffDelay(30, 1000, 60_000)).toBe(60_000);
	});
});

describe('RateLimiter', () => {
	it('spaces message starts 1/rate s apart', async () => {
		let now = 1000;
		const waits: number[] = [];
		const limiter = new RateLimiter(4, () => now, async (ms) => {
			waits.push(ms);
			now += ms;
		});
		for (let i = 0; i < 4; i++) await limiter.take();
		expect(waits).toEqual([250, 250, 250]);
	});

	it('does not wait without a limit', async () => {
		const waits: number[] = [];
		const limiter = new RateLimiter(0, () => 0, async (ms) => void waits.push(ms));
		for (let i = 0; i < 3; i++) await limiter.take();
		expect(waits).toEqual([]);
	});
});
