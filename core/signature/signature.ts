// HMAC-SHA256 signatures over "<t>.<raw body>" (contract: ../shared/spec/numnum-document.md).
import { createHmac, timingSafeEqual } from 'crypto';

import { formatSignatureHeader, parseSignatureHeader } from './header';

export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureFailure = 'missing' | 'malformed' | 'stale' | 'mismatch';

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: SignatureFailure };

export interface VerifyOptions {
	/** How far the signed time may lie from now, either way (replays, clock skew). Default 300. */
	toleranceSeconds?: number;
	/** Current time in unix seconds; default the system clock. */
	now?: number;
}

const unixNow = () => Math.floor(Date.now() / 1000);

/** HMAC-SHA256 of "<t>.<body>", `t` as the digits that go (or went) in the header. */
function digest(secret: string, timestampText: string, body: Buffer | string): Buffer {
	return createHmac('sha256', secret).update(`${timestampText}.`).update(body).digest();
}

/**
 * The window in seconds, or a throw: a tolerance that is not a finite positive number (NaN, a
 * string, 0, negative, Infinity) must never widen the window, so it is refused like a missing secret.
 */
function toleranceOf(options: VerifyOptions): number {
	const tolerance = options.toleranceSeconds === undefined ? DEFAULT_TOLERANCE_SECONDS : options.toleranceSeconds;
	if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance <= 0) {
		throw new RangeError(`verify: toleranceSeconds must be a positive number of seconds; got ${String(tolerance)}`);
	}
	return tolerance;
}

/** The hex HMAC of "<t>.<body>"; the body is signed byte for byte as it will be sent. */
export function computeSignature(secret: string, body: Buffer | string, timestamp: number): string {
	return digest(secret, String(timestamp), body).toString('hex');
}

/**
 * The full header value for `body`, signed with every secret given (one v1 each),
 * e.g. the new and the old secret while the receiver rotates.
 */
export function sign(secrets: string | string[], body: Buffer | string, timestamp = unixNow()): string {
	const list = typeof secrets === 'string' ? [secrets] : secrets;
	if (list.length === 0) throw new Error('sign: at least one secret is needed');
	return formatSignatureHeader(
		timestamp,
		list.map((secret) => computeSignature(secret, body, timestamp)),
	);
}

/**
 * Checks a signature header against the raw request bytes. Any configured secret
 * (current, previous) may match any v1 value. The digest is checked before the
 * timestamp so that `stale` only ever describes a genuine but replayed or delayed request.
 */
export function verify(
	rawBody: Buffer | string,
	header: string | undefined,
	secrets: string[],
	options: VerifyOptions = {},
): VerifyResult {
	const usableSecrets = secrets.filter((secret) => secret.length > 0);
	// Fail loudly: verifying against no secret must never pass or look like a bad request.
	if (usableSecrets.length === 0) throw new Error('verify: no signing secret configured');
	const tolerance = toleranceOf(options);
	const now = options.now ?? unixNow();
	// A NaN clock would make every comparison false, i.e. every timestamp fresh.
	if (typeof now !== 'number' || !Number.isFinite(now)) throw new RangeError(`verify: now must be unix seconds; got ${String(now)}`);
	if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };

	const parsed = parseSignatureHeader(header);
	if (!parsed) return { ok: false, reason: 'malformed' };

	const matches = usableSecrets.some((secret) => {
		const expected = digest(secret, parsed.timestampText, rawBody);
		// Every candidate is compared in constant time; lengths are equal by construction (32 bytes).
		return parsed.signatures.some((given) => timingSafeEqual(expected, given));
	});
	if (!matches) return { ok: false, reason: 'mismatch' };

	if (Math.abs(now - parsed.timestamp) > tolerance) return { ok: false, reason: 'stale' };
	return { ok: true, timestamp: parsed.timestamp };
}
