// One delivery of a signed NumNum event, decided: accepted, ignored or rejected, with the HTTP
// answer for the sender. Framework-free so the n8n trigger is a thin adapter and the rules are testable.
import type { DocumentIssue } from '../model';
import { verify } from '../signature';
import type { SignatureFailure } from '../signature';
import type { NumNumEvent } from './envelope';
import { parseEvent, parseEventJson } from './envelope';
import type { EventFilters } from './filters';
import { selectEvent } from './filters';
import type { SeenEventIds } from './seenEventIds';

export interface DeliveryInput {
	/** The request body exactly as received: the signature covers these bytes. */
	rawBody: Buffer;
	signatureHeader: string | undefined;
	/** Current and, while rotating, previous secret. */
	secrets: string[];
	toleranceSeconds?: number;
	filters: EventFilters;
	/** Event ids already passed on; an accepted event is added to it. */
	seen: SeenEventIds;
	/** Unix seconds; default the system clock. */
	now?: number;
}

export type DeliveryResponse =
	| { received: true; eventId: string }
	| { received: true; eventId: string; ignored: string; duplicate?: true }
	| { error: 'invalid signature'; reason: SignatureFailure; message: string }
	| { error: 'invalid event'; issues: DocumentIssue[] };

export type Delivery =
	| { outcome: 'accepted'; status: 200; response: DeliveryResponse; event: NumNumEvent }
	| { outcome: 'ignored'; status: 200; response: DeliveryResponse }
	| { outcome: 'rejected'; status: 400 | 401; response: DeliveryResponse };

const SIGNATURE_MESSAGES: Record<SignatureFailure, string> = {
	missing: 'the X-NumNum-Signature header is missing',
	malformed: 'the X-NumNum-Signature header is not of the form t=<unix seconds>,v1=<hex HMAC-SHA256>',
	stale: "the signature's timestamp is outside the tolerance window (replayed, delayed or clock skew)",
	mismatch: 'the signature does not match the body with the configured secret',
};

export function receiveEvent(input: DeliveryInput): Delivery {
	const now = input.now ?? Math.floor(Date.now() / 1000);

	// Nothing about an unsigned body is looked at: no parse, no error detail.
	const signature = verify(input.rawBody, input.signatureHeader, input.secrets, {
		toleranceSeconds: input.toleranceSeconds,
		now,
	});
	if (!signature.ok) {
		return {
			outcome: 'rejected',
			status: 401,
			response: { error: 'invalid signature', reason: signature.reason, message: SIGNATURE_MESSAGES[signature.reason] },
		};
	}

	const json = parseEventJson(input.rawBody);
	const parsed = json.ok ? parseEvent(json.value) : json;
	if (!parsed.ok) {
		return { outcome: 'rejected', status: 400, response: { error: 'invalid event', issues: parsed.issues } };
	}
	const { event } = parsed;

	const selection = selectEvent(event, input.filters);
	if (!selection.selected) {
		return { outcome: 'ignored', status: 200, response: { received: true, eventId: event.id, ignored: selection.reason } };
	}

	if (!input.seen.remember(event.id, now)) return duplicateDelivery(event.id);
	return { outcome: 'accepted', status: 200, response: { received: true, eventId: event.id }, event };
}

/** The answer to an event id already passed on (here, or by another n8n process). */
export function duplicateDelivery(eventId: string): Delivery & { outcome: 'ignored' } {
	return {
		outcome: 'ignored',
		status: 200,
		response: { received: true, eventId, duplicate: true, ignored: `event ${eventId} was already received; not run again` },
	};
}
