import { SeenEventIds, parseEvent, receiveEvent, signedRequest, wrapInEnvelope } from '../../../core/events';
import { exampleDocument } from '../../helpers/numnumEvents';

describe('wrapInEnvelope + signedRequest (the sending side)', () => {
	it('derives the event type from the document type and makes a fresh id and time', () => {
		const sent = wrapInEnvelope(exampleDocument('invoice'));
		const expense = wrapInEnvelope(exampleDocument('expense'));
		expect(sent.type).toBe('document.sent');
		expect(expense.type).toBe('expense.created');
		expect(sent.id).toMatch(/^evt_[0-9a-f-]{36}$/);
		expect(sent.id).not.toBe(expense.id);
		expect(parseEvent(sent).ok).toBe(true);
	});

	it('keeps a given id, type and time', () => {
		const event = wrapInEnvelope(exampleDocument('quote'), {
			id: 'evt_fixed',
			type: 'document.sent',
			createdAt: '2026-01-02T03:04:05Z',
		});
		expect(event).toMatchObject({ id: 'evt_fixed', type: 'document.sent', createdAt: '2026-01-02T03:04:05Z' });
	});

	it('produces a request the receiving side accepts', () => {
		const request = signedRequest(wrapInEnvelope(exampleDocument('credit-note')), 'shh');
		expect(request.headers['content-type']).toBe('application/json');
		const delivery = receiveEvent({
			rawBody: Buffer.from(request.body),
			signatureHeader: request.headers['x-numnum-signature'],
			secrets: ['shh'],
			filters: {},
			seen: new SeenEventIds(),
		});
		expect(delivery.outcome).toBe('accepted');
	});
});
