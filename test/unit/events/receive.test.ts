import { SeenEventIds, receiveEvent } from '../../../core/events';
import type { DeliveryInput } from '../../../core/events';
import { sign } from '../../../core/signature';
import { envelope, exampleDocument, signedDelivery } from '../../helpers/numnumEvents';

const secret = 'whsec_test';
const now = 1_790_000_000;
const exportable = ['invoice', 'credit_note', 'proforma', 'expense'] as const;

function deliver(body: unknown, overrides: Partial<DeliveryInput> = {}) {
	const { rawBody, signatureHeader } = signedDelivery(body, secret, now);
	return receiveEvent({
		rawBody,
		signatureHeader,
		secrets: [secret],
		filters: { documentTypes: exportable },
		seen: new SeenEventIds(),
		now,
		...overrides,
	});
}

describe('receiveEvent', () => {
	const invoiceEvent = envelope(exampleDocument('invoice'), { id: 'evt_42' });

	it('accepts a signed, valid, selected event', () => {
		const delivery = deliver(invoiceEvent);
		expect(delivery.outcome).toBe('accepted');
		expect(delivery.status).toBe(200);
		expect(delivery.response).toEqual({ received: true, eventId: 'evt_42' });
		if (delivery.outcome === 'accepted') expect(delivery.event.document.number).toBe('2026-0150');
	});

	it.each([
		['missing', undefined],
		['malformed', 't=1,v1=zz'],
		['mismatch', sign('another secret', JSON.stringify(invoiceEvent), now)],
		['stale', sign(secret, JSON.stringify(invoiceEvent), now - 301)],
	])('rejects a %s signature with 401', (reason, signatureHeader) => {
		const delivery = deliver(invoiceEvent, { signatureHeader });
		expect(delivery.outcome).toBe('rejected');
		expect(delivery.status).toBe(401);
		expect(delivery.response).toMatchObject({ error: 'invalid signature', reason });
	});

	it('checks the signature before looking at the body: unsigned garbage is a 401, not a 400', () => {
		const delivery = receiveEvent({
			rawBody: Buffer.from('{not json'),
			signatureHeader: undefined,
			secrets: [secret],
			filters: {},
			seen: new SeenEventIds(),
			now,
		});
		expect(delivery.status).toBe(401);
	});

	it('rejects signed malformed JSON with 400 and the problem', () => {
		const delivery = deliver('{"id":"evt_1",');
		expect(delivery.status).toBe(400);
		expect(delivery.response).toEqual({
			error: 'invalid event',
			issues: [{ path: '(root)', message: expect.stringMatching(/^the body is not valid JSON/) }],
		});
	});

	it('rejects a signed invalid document with 400 and every problem', () => {
		const invoice = exampleDocument('invoice');
		const broken = { ...invoice, issueDate: '2026-02-30', buyer: { name: 'No address' } };
		const delivery = deliver(envelope(broken));
		expect(delivery.status).toBe(400);
		const paths = (delivery.response as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path);
		expect(paths).toEqual(expect.arrayContaining(['data.document.issueDate', 'data.document.buyer.address']));
	});

	it('ignores an unselected document type with 200 and the reason', () => {
		const delivery = deliver(envelope(exampleDocument('quote'), { id: 'evt_q' }));
		expect(delivery).toEqual({
			outcome: 'ignored',
			status: 200,
			response: {
				received: true,
				eventId: 'evt_q',
				ignored: 'document type quote is not selected (selected: invoice, credit_note, proforma, expense)',
			},
		});
	});

	it('ignores an unselected event type with 200', () => {
		const delivery = deliver(envelope(exampleDocument('expense')), { filters: { eventTypes: ['document.sent'] } });
		expect(delivery.outcome).toBe('ignored');
		expect(delivery.status).toBe(200);
	});

	it('passes an event on once: the same id again is a 200 duplicate', () => {
		const seen = new SeenEventIds();
		expect(deliver(invoiceEvent, { seen }).outcome).toBe('accepted');
		const again = deliver(invoiceEvent, { seen });
		expect(again).toEqual({
			outcome: 'ignored',
			status: 200,
			response: {
				received: true,
				eventId: 'evt_42',
				duplicate: true,
				ignored: 'event evt_42 was already received; not run again',
			},
		});
	});

	it('does not remember rejected or filtered events', () => {
		const seen = new SeenEventIds();
		deliver(invoiceEvent, { seen, signatureHeader: undefined });
		deliver(invoiceEvent, { seen, filters: { documentTypes: ['expense'] } });
		expect(seen.size).toBe(0);
		expect(deliver(invoiceEvent, { seen }).outcome).toBe('accepted');
	});

	it('accepts an event signed with the previous secret during a rotation', () => {
		const { rawBody, signatureHeader } = signedDelivery(invoiceEvent, 'old secret', now);
		const delivery = receiveEvent({
			rawBody,
			signatureHeader,
			secrets: [secret, 'old secret'],
			filters: {},
			seen: new SeenEventIds(),
			now,
		});
		expect(delivery.outcome).toBe('accepted');
	});
});
