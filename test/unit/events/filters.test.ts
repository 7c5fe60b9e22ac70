import { parseEvent, selectEvent } from '../../../core/events';
import type { NumNumEvent } from '../../../core/events';
import { envelope, exampleDocument } from '../../helpers/numnumEvents';

function eventOf(name: Parameters<typeof exampleDocument>[0]): NumNumEvent {
	const result = parseEvent(envelope(exampleDocument(name)));
	if (!result.ok) throw new Error(JSON.stringify(result.issues));
	return result.event;
}

describe('selectEvent', () => {
	const invoice = eventOf('invoice');
	const expense = eventOf('expense');
	const quote = eventOf('quote');

	it('selects everything when no filter is set', () => {
		for (const event of [invoice, expense, quote]) expect(selectEvent(event, {})).toEqual({ selected: true });
		expect(selectEvent(quote, { eventTypes: [], documentTypes: [] })).toEqual({ selected: true });
	});

	it('filters by event type and says why', () => {
		expect(selectEvent(expense, { eventTypes: ['document.sent'] })).toEqual({
			selected: false,
			reason: 'event type expense.created is not selected (selected: document.sent)',
		});
		expect(selectEvent(invoice, { eventTypes: ['document.sent'] })).toEqual({ selected: true });
	});

	it('filters by document type and says why', () => {
		const exportable = ['invoice', 'credit_note', 'proforma', 'expense'] as const;
		expect(selectEvent(quote, { documentTypes: exportable })).toEqual({
			selected: false,
			reason: 'document type quote is not selected (selected: invoice, credit_note, proforma, expense)',
		});
		expect(selectEvent(invoice, { documentTypes: exportable })).toEqual({ selected: true });
		expect(selectEvent(expense, { documentTypes: exportable })).toEqual({ selected: true });
	});

	it('applies both filters', () => {
		const filters = { eventTypes: ['document.sent'] as const, documentTypes: ['credit_note'] as const };
		expect(selectEvent(invoice, filters).selected).toBe(false);
		expect(selectEvent(eventOf('credit-note'), filters).selected).toBe(true);
	});
});
