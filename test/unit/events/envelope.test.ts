import { parseEvent, parseEventJson } from '../../../core/events';
import { envelope, exampleDocument } from '../../helpers/numnumEvents';

const invoice = exampleDocument('invoice');

describe('parseEvent', () => {
	it('accepts a document.sent event and keeps the document exactly as received', () => {
		const result = parseEvent(envelope(invoice, { id: 'evt_1' }));
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		expect(result.event).toMatchObject({ id: 'evt_1', type: 'document.sent', createdAt: '2026-11-20T10:15:00Z' });
		expect(result.event.documentJson).toBe((envelope(invoice).data as { document: unknown }).document);
		expect(result.event.document.number).toBe('2026-0150');
		expect(result.event.document.seller.enterpriseNumber).toBe('0412345614');
	});

	it.each(['invoice', 'credit-note', 'proforma', 'quote'] as const)('accepts a %s in document.sent', (name) => {
		expect(parseEvent(envelope(exampleDocument(name))).ok).toBe(true);
	});

	it('accepts an expense in expense.created', () => {
		expect(parseEvent(envelope(exampleDocument('expense'))).ok).toBe(true);
	});

	it('accepts a createdAt with an offset', () => {
		expect(parseEvent(envelope(invoice, { createdAt: '2026-11-20T11:15:00+01:00' })).ok).toBe(true);
	});

	it('lists every missing envelope field', () => {
		const result = parseEvent({ data: {} });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues).toEqual(
			expect.arrayContaining([
				{ path: 'id', message: 'is required' },
				{ path: 'type', message: 'is required' },
				{ path: 'createdAt', message: 'is required' },
				{ path: 'data.document', message: 'is required' },
			]),
		);
	});

	it('names a wrong event type, a bad date-time and an empty id', () => {
		const result = parseEvent(envelope(invoice, { id: ' ', type: 'document.created', createdAt: 'yesterday' }));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((issue) => issue.path).sort()).toEqual(['createdAt', 'id', 'type']);
		expect(result.issues.find((issue) => issue.path === 'createdAt')?.message).toMatch(/ISO 8601/);
		expect(result.issues.find((issue) => issue.path === 'type')?.message).toBe(
			'must be one of document.sent, expense.created',
		);
	});

	it.each<[string, Record<string, unknown>, string, RegExp]>([
		['a number id', { id: 42 }, 'id', /^the event id must be a JSON string, e\.g\. "evt_0001"; got a number$/],
		['a null id', { id: null }, 'id', /^the event id must be a JSON string.*; got null$/],
		['a list as id', { id: ['evt_1'] }, 'id', /^the event id must be a JSON string.*; got an array$/],
		['a number createdAt', { createdAt: 1_790_000_000 }, 'createdAt', /^the event time createdAt must be a JSON string, an ISO 8601 date-time.*; got a number$/],
		['a number as data', { data: 5 }, 'data', /^the event data must be a JSON object.*; got a number$/],
	])('names the field and what it must be for %s, not in zod\'s raw wording', (_case, change, path, message) => {
		const result = parseEvent({ ...envelope(invoice), ...change });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
		expect(JSON.stringify(result.issues)).not.toMatch(/Expected \w+, received/);
	});

	it("reports the document's own problems under data.document, together with the envelope's", () => {
		const broken = {
			...invoice,
			seller: { ...(invoice.seller as object), enterpriseNumber: '0412.345.615' },
			lines: [],
		};
		const result = parseEvent({ ...envelope(broken), createdAt: 'soon' });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const paths = result.issues.map((issue) => issue.path);
		expect(paths).toContain('createdAt');
		expect(paths).toContain('data.document.seller.enterpriseNumber');
		expect(paths).toContain('data.document.lines');
	});

	it('refuses an event type that cannot carry the document type', () => {
		const asExpense = parseEvent(envelope(invoice, { type: 'expense.created' }));
		const asSent = parseEvent(envelope(exampleDocument('expense'), { type: 'document.sent' }));
		expect(asExpense).toEqual({
			ok: false,
			issues: [{ path: 'data.document.type', message: 'the event type expense.created carries only expense documents; got invoice' }],
		});
		expect(asSent.ok).toBe(false);
	});

	it.each([
		['null', null],
		['a list', [envelope(invoice)]],
		['a string', 'evt'],
	])('refuses %s as the whole event', (_name, value) => {
		expect(parseEvent(value)).toEqual({ ok: false, issues: [expect.objectContaining({ path: '(root)' })] });
	});

	it('refuses a document that is not an object', () => {
		const result = parseEvent({ ...envelope(invoice), data: { document: 'nn_inv_2026_0150' } });
		expect(result).toEqual({
			ok: false,
			issues: [{ path: 'data.document', message: 'must be a NumNum document (a JSON object)' }],
		});
	});
});

describe('parseEventJson', () => {
	it('parses JSON, with or without a byte order mark', () => {
		expect(parseEventJson(Buffer.from('\uFEFF{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
	});

	it('says where JSON breaks', () => {
		const result = parseEventJson('{"id": "evt_1",');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues[0].path).toBe('(root)');
		expect(result.issues[0].message).toMatch(/^the body is not valid JSON: /);
	});

	it('says when the body is empty', () => {
		expect(parseEventJson(Buffer.alloc(0))).toEqual({
			ok: false,
			issues: [{ path: '(root)', message: 'the body is empty; expected a NumNum event (JSON)' }],
		});
	});
});
