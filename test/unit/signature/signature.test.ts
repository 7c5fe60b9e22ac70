import * as crypto from 'crypto';

// Wrap timingSafeEqual so the test can see that verify() compares through it.
jest.mock('crypto', () => {
	const actual = jest.requireActual('crypto');
	return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

import {
	DEFAULT_TOLERANCE_SECONDS,
	computeSignature,
	parseSignatureHeader,
	sign,
	verify,
} from '../../../core/signature';

const secret = 'whsec_current';
const previous = 'whsec_previous';
const body = Buffer.from('{"id":"evt_1","type":"document.sent"}');
const t = 1_790_000_000;

// An independent reference of the contract's formula, so the test does not trust sign().
const reference = (key: string, payload: string) =>
	crypto.createHmac('sha256', key).update(payload).digest('hex');

describe('sign', () => {
	it('produces t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
		expect(sign(secret, body, t)).toBe(`t=${t},v1=${reference(secret, `${t}.${body.toString()}`)}`);
	});

	it('adds one v1 per secret, for rotation', () => {
		const header = sign([secret, previous], body, t);
		expect(header.split(',')).toEqual([
			`t=${t}`,
			`v1=${computeSignature(secret, body, t)}`,
			`v1=${computeSignature(previous, body, t)}`,
		]);
	});

	it('signs strings and buffers alike (bytes, not characters)', () => {
		const text = '{"name":"Café"}';
		expect(computeSignature(secret, text, t)).toBe(computeSignature(secret, Buffer.from(text, 'utf8'), t));
	});

	it('refuses to sign with no secret', () => {
		expect(() => sign([], body, t)).toThrow(/at least one secret/);
	});
});

describe('verify', () => {
	const now = t + 10;

	it('accepts a valid signature within the tolerance', () => {
		expect(verify(body, sign(secret, body, t), [secret], { now })).toEqual({ ok: true, timestamp: t });
	});

	it('accepts a signature made with the previous secret (receiver rotating)', () => {
		expect(verify(body, sign(previous, body, t), [secret, previous], { now }).ok).toBe(true);
	});

	it('accepts any of several v1 values (sender rotating)', () => {
		const header = `t=${t},v1=${computeSignature('some-old-secret', body, t)},v1=${computeSignature(secret, body, t)}`;
		expect(verify(body, header, [secret], { now }).ok).toBe(true);
	});

	it('ignores other schemes such as v0 and tolerates spaces', () => {
		const header = ` t=${t} , v0=deadbeef , v1=${computeSignature(secret, body, t)} `;
		expect(verify(body, header, [secret], { now }).ok).toBe(true);
	});

	it('reports a missing header', () => {
		expect(verify(body, undefined, [secret], { now })).toEqual({ ok: false, reason: 'missing' });
		expect(verify(body, '  ', [secret], { now })).toEqual({ ok: false, reason: 'missing' });
	});

	it.each([
		['no timestamp', `v1=${'a'.repeat(64)}`],
		['no v1', `t=${t}`],
		['v1 not hex', `t=${t},v1=${'z'.repeat(64)}`],
		['v1 too short', `t=${t},v1=abcdef`],
		['timestamp not a number', `t=soon,v1=${'a'.repeat(64)}`],
		['negative timestamp', `t=-5,v1=${'a'.repeat(64)}`],
		['two timestamps', `t=${t},t=${t + 1},v1=${'a'.repeat(64)}`],
		['garbage', 'Bearer abc'],
	])('reports a malformed header: %s', (_case, header) => {
		expect(verify(body, header, [secret], { now })).toEqual({ ok: false, reason: 'malformed' });
	});

	it('reports a signature made with another secret as a mismatch', () => {
		expect(verify(body, sign('not-the-secret', body, t), [secret, previous], { now })).toEqual({
			ok: false,
			reason: 'mismatch',
		});
	});

	it('reports a tampered body as a mismatch, down to one byte', () => {
		const header = sign(secret, body, t);
		const tampered = Buffer.from(body);
		tampered[tampered.length - 2] ^= 0x01;
		expect(verify(tampered, header, [secret], { now })).toEqual({ ok: false, reason: 'mismatch' });
	});

	it('reports a re-serialised body as a mismatch (the raw bytes are what is signed)', () => {
		const pretty = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
		expect(verify(pretty, sign(secret, body, t), [secret], { now }).ok).toBe(false);
	});

	it('reports a changed timestamp as a mismatch (the timestamp is signed too)', () => {
		const forged = sign(secret, body, t).replace(`t=${t}`, `t=${t + 1}`);
		expect(verify(body, forged, [secret], { now })).toEqual({ ok: false, reason: 'mismatch' });
	});

	it('reports a genuine signature older than the tolerance as stale', () => {
		const header = sign(secret, body, t);
		expect(verify(body, header, [secret], { now: t + DEFAULT_TOLERANCE_SECONDS }).ok).toBe(true);
		expect(verify(body, header, [secret], { now: t + DEFAULT_TOLERANCE_SECONDS + 1 })).toEqual({
			ok: false,
			reason: 'stale',
		});
	});

	it('reports a timestamp too far in the future as stale', () => {
		const header = sign(secret, body, t + 301);
		expect(verify(body, header, [secret], { now: t })).toEqual({ ok: false, reason: 'stale' });
	});

	it('honours a configured tolerance', () => {
		const header = sign(secret, body, t);
		expect(verify(body, header, [secret], { now: t + 61, toleranceSeconds: 60 }).ok).toBe(false);
		expect(verify(body, header, [secret], { now: t + 3600, toleranceSeconds: 3600 }).ok).toBe(true);
	});

	it('uses the system clock by default', () => {
		const fresh = Math.floor(Date.now() / 1000);
		expect(verify(body, sign(secret, body, fresh), [secret]).ok).toBe(true);
		expect(verify(body, sign(secret, body, fresh - 3600), [secret])).toEqual({ ok: false, reason: 'stale' });
	});

	it('skips empty secrets and throws when none is configured', () => {
		expect(verify(body, sign(secret, body, t), ['', secret], { now }).ok).toBe(true);
		expect(() => verify(body, sign(secret, body, t), [''], { now })).toThrow(/no signing secret/);
		expect(() => verify(body, sign(secret, body, t), [], { now })).toThrow(/no signing secret/);
	});

	it('compares digests with crypto.timingSafeEqual, never with ===', () => {
		const spy = crypto.timingSafeEqual as jest.MockedFunction<typeof crypto.timingSafeEqual>;
		spy.mockClear();
		const header = `t=${t},v1=${computeSignature('x', body, t)},v1=${computeSignature(secret, body, t)}`;
		expect(verify(body, header, [previous, secret], { now }).ok).toBe(true);
		expect(spy).toHaveBeenCalled();
		for (const [a, b] of spy.mock.calls) {
			expect((a as Buffer).length).toBe(32);
			expect((b as Buffer).length).toBe(32);
		}
	});

	it.each<[string, unknown]>([
		['NaN', NaN],
		['a string', '300'],
		['a word', 'forever'],
		['0', 0],
		['negative', -300],
		['Infinity', Infinity],
		['null', null],
	])('fails closed on a tolerance that is %s: a day-old genuine signature is never accepted', (_case, toleranceSeconds) => {
		const dayOld = sign(secret, body, t - 86_400);
		expect(() => verify(body, dayOld, [secret], { now: t, toleranceSeconds: toleranceSeconds as number })).toThrow(
			/toleranceSeconds must be a positive number of seconds/,
		);
		// Fresh ones too: a broken setting is a setting to fix, not a window to guess.
		expect(() => verify(body, sign(secret, body, t), [secret], { now: t, toleranceSeconds: toleranceSeconds as number })).toThrow(RangeError);
	});

	it('fails closed on a clock that is not a number', () => {
		const dayOld = sign(secret, body, t - 86_400);
		expect(() => verify(body, dayOld, [secret], { now: NaN })).toThrow(/now must be unix seconds/);
	});

	it('verifies the timestamp digits as sent: t=0<t> is signed as "0<t>.", not normalised to "<t>."', () => {
		const padded = `0${t}`;
		const signedAsSent = reference(secret, `${padded}.${body.toString()}`);
		const signedNormalised = reference(secret, `${t}.${body.toString()}`);
		expect(verify(body, `t=${padded},v1=${signedAsSent}`, [secret], { now })).toEqual({ ok: true, timestamp: t });
		expect(verify(body, `t=${padded},v1=${signedNormalised}`, [secret], { now })).toEqual({ ok: false, reason: 'mismatch' });
	});

	it('rejects a signature that differs only in its last hex digit', () => {
		const good = computeSignature(secret, body, t);
		const nearMiss = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
		expect(verify(body, `t=${t},v1=${nearMiss}`, [secret], { now })).toEqual({ ok: false, reason: 'mismatch' });
	});
});

describe('parseSignatureHeader', () => {
	it('keeps the timestamp digits as sent, leading zeros included', () => {
		expect(parseSignatureHeader(`t=0${t},v1=${'ab'.repeat(32)}`)).toMatchObject({ timestamp: t, timestampText: `0${t}` });
	});

	it('collects every v1 value as 32-byte digests', () => {
		const parsed = parseSignatureHeader(`t=${t},v1=${'ab'.repeat(32)},v1=${'CD'.repeat(32)}`);
		expect(parsed?.timestamp).toBe(t);
		expect(parsed?.timestampText).toBe(String(t));
		expect(parsed?.signatures.map((s) => s.toString('hex'))).toEqual(['ab'.repeat(32), 'cd'.repeat(32)]);
	});
});
