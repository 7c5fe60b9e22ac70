// The cross-process claims and delivery records against a real redis-server (scripts/redis.sh):
// each "process" is its own connection and owner, as n8n workers are.
import { Redis } from 'ioredis';

import {
	ClaimLostError,
	CoordinationUnavailableError,
	RedisDeliveryClaims,
	RedisSeenEventIds,
	type ClaimAnswer,
} from '../../../core/coordination';
import { startRedis, type RedisServer } from '../../helpers/services';

jest.setTimeout(60_000);

let server: RedisServer;
const connections: Redis[] = [];
let scopeCounter = 0;

function connect(): Redis {
	const client = new Redis({ host: server.host, port: server.port, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 2_000, retryStrategy: (n) => Math.min(n * 50, 300) });
	client.on('error', () => undefined);
	connections.push(client);
	return client;
}

async function ready(client: Redis): Promise<Redis> {
	if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
	return client;
}

/** A fresh scope per test, and `n` processes working in it. */
async function processes(n: number, leaseMs = 15_000, scope = `test-${++scopeCounter}`): Promise<RedisDeliveryClaims[]> {
	return await Promise.all(
		Array.from({ length: n }, async (_, i) => new RedisDeliveryClaims(await ready(connect()), { prefix: 'bull:numnum-yuki', scope, leaseMs, owner: `p${i}` })),
	);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const states = (answer: Awaited<ReturnType<RedisDeliveryClaims['claim']>>) => (answer as ClaimAnswer).claims.map((c) => c.state);

beforeAll(async () => {
	server = await startRedis();
});

afterAll(async () => {
	for (const c of connections) c.disconnect();
	await server?.stop();
});

test('a free key is claimed by one process; another one finds it busy until it is released', async () => {
	const [a, b] = await processes(2);
	expect(states(await a.claim(['d1', 'd2']))).toEqual(['claimed', 'claimed']);
	expect(await b.claim(['d2', 'd3'])).toEqual({ busy: true, keys: ['d2'] });
	// All or nothing: d3 was not claimed by the busy answer.
	expect(states(await a.claim(['d3']))).toEqual(['claimed']);
	await a.release(['d2']);
	expect(states(await b.claim(['d2']))).toEqual(['claimed']);
});

test('a delivered key is reported delivered, with its Message-ID, to every later claim', async () => {
	const [a, b] = await processes(2);
	await a.claim(['k']);
	await a.intend(['k']);
	await a.delivered(['k'], { messageId: '<m1@x>', at: '2026-12-01T10:00:00.000Z' });
	const answer = (await b.claim(['k'])) as ClaimAnswer;
	expect(answer.claims[0]).toMatchObject({ state: 'delivered', messageId: '<m1@x>', at: '2026-12-01T10:00:00.000Z' });
	expect(states(await b.claim(['k'], { force: true }))).toEqual(['claimed']);
});

test('many processes racing for one key: exactly one claims it', async () => {
	const racers = await processes(20);
	const answers = await Promise.all(racers.map(async (r) => await r.claim(['race'])));
	expect(answers.filter((a) => !a.busy)).toHaveLength(1);
	expect(answers.filter((a) => a.busy)).toHaveLength(19);
});

test('a holder that crashed before the final "." loses its claim when the lease runs out: the key is taken over (recovered)', async () => {
	const [crashed, next] = await processes(2, 300);
	await crashed.claim(['c']);
	await crashed.close(); // stops renewing, as a SIGKILLed process would
	expect((await next.claim(['c'])).busy).toBe(true);
	await sleep(400);
	const answer = (await next.claim(['c'])) as ClaimAnswer;
	expect(answer.claims[0]).toMatchObject({ state: 'claimed', recovered: true });
	// The crashed one cannot end DATA any more.
	await expect(crashed.intend(['c'])).rejects.toBeInstanceOf(ClaimLostError);
});

test('a holder that crashed after recording its intent leaves the key uncertain, never free again on its own', async () => {
	const [crashed, next, third] = await processes(3, 300);
	await crashed.claim(['u']);
	await crashed.intend(['u']);
	await crashed.close();
	await sleep(400);
	const answer = (await next.claim(['u'])) as ClaimAnswer;
	expect(answer.claims[0].state).toBe('uncertain');
	expect(answer.claims[0].reason).toMatch(/after the end of DATA/);
	expect(states(await third.claim(['u']))).toEqual(['uncertain']);
	// Resend takes it on purpose.
	expect(states(await third.claim(['u'], { force: true }))).toEqual(['claimed']);
});

test('a live holder renews its lease: a long send is not taken over', async () => {
	const [slow, other] = await processes(2, 300);
	await slow.claim(['s']);
	await sleep(900);
	expect((await other.claim(['s'])).busy).toBe(true);
	await slow.intend(['s']);
	await slow.uncertain(['s'], { reason: 'time-out after the final "."' });
	expect(states(await other.claim(['s']))).toEqual(['uncertain']);
	await slow.close();
});

test('an unknown answer recorded by the holder is uncertain for everyone', async () => {
	const [a, b] = await processes(2);
	await a.claim(['x']);
	await a.intend(['x']);
	await a.uncertain(['x'], { messageId: '<m@x>', reason: 'no answer after the final "."' });
	expect((await b.claim(['x'])) as ClaimAnswer).toMatchObject({ claims: [{ state: 'uncertain', messageId: '<m@x>', reason: 'no answer after the final "."' }] });
});

test('seen event ids: of 10 processes receiving the same id at once, one gets "new"; the id expires', async () => {
	const scope = `seen-${++scopeCounter}`;
	const stores = await Promise.all(
		Array.from({ length: 10 }, async () => new RedisSeenEventIds(await ready(connect()), { prefix: 'bull:numnum-yuki', scope, ttlSeconds: 1 })),
	);
	const answers = await Promise.all(stores.map(async (s) => await s.remember('evt_1')));
	expect(answers.filter(Boolean)).toHaveLength(1);
	await sleep(1_200);
	expect(await stores[0].remember('evt_1')).toBe(true);
});

test('Redis down: every call fails at once with CoordinationUnavailableError; records written before survive the restart', async () => {
	const scope = `down-${++scopeCounter}`;
	const [a] = await processes(1, 15_000, scope);
	await a.claim(['p']);
	await a.intend(['p']);
	await a.delivered(['p'], { messageId: '<kept@x>' });
	await server.kill('SIGKILL');
	const started = Date.now();
	await expect(a.claim(['q'])).rejects.toBeInstanceOf(CoordinationUnavailableError);
	expect(Date.now() - started).toBeLessThan(3_000);
	await server.restart();
	const [later] = await processes(1, 15_000, scope);
	expect((await later.claim(['p'])) as ClaimAnswer).toMatchObject({ claims: [{ state: 'delivered', messageId: '<kept@x>' }] });
});
