import { DEFAULT_BODIES, renderBody, renderSubject, renderTemplate, TemplateError } from '../../../core/mail';
import type { TemplateValues } from '../../../core/mail';

const invoice: TemplateValues = {
	id: 'doc_2026_0042',
	type: 'invoice',
	number: '2026-0042',
	seller: 'Bakkerij De Zon BV',
	buyer: 'Hotel Zeezicht NV',
	issueDate: '2026-11-20',
	language: 'nl',
};

describe('subject', () => {
	it.each([
		['nl', 'Factuur 2026-0042 – Bakkerij De Zon BV'],
		['fr', 'Facture 2026-0042 – Bakkerij De Zon BV'],
		['en', 'Invoice 2026-0042 – Bakkerij De Zon BV'],
		['de', 'Rechnung 2026-0042 – Bakkerij De Zon BV'],
	] as const)('defaults in %s', (language, subject) => {
		expect(renderSubject({ ...invoice, language })).toBe(subject);
	});

	it('names each document type', () => {
		expect(renderSubject({ ...invoice, type: 'credit_note' })).toBe('Creditnota 2026-0042 – Bakkerij De Zon BV');
		expect(renderSubject({ ...invoice, type: 'proforma', language: 'fr' })).toBe('Facture pro forma 2026-0042 – Bakkerij De Zon BV');
		expect(renderSubject({ ...invoice, type: 'expense', language: 'en' })).toBe('Purchase invoice 2026-0042 – Bakkerij De Zon BV');
	});

	it('uses an override with placeholders, spaces inside braces allowed', () => {
		expect(renderSubject(invoice, '[{{ id }}] {{number}} {{buyer}} {{date}}')).toBe('[doc_2026_0042] 2026-0042 Hotel Zeezicht NV 20-11-2026');
	});

	it('cannot be made to inject a header', () => {
		const subject = renderSubject({ ...invoice, seller: 'Evil BV\r\nBcc: victim@x.be\u0000' });
		expect(subject).toBe('Factuur 2026-0042 – Evil BV Bcc: victim@x.be');
		// eslint-disable-next-line no-control-regex
		expect(subject).not.toMatch(/[\r\n\u0000]/);
	});

	it('rejects an unknown placeholder, naming it and the field', () => {
		expect(() => renderSubject(invoice, '{{nummer}}')).toThrow(TemplateError);
		expect(() => renderSubject(invoice, '{{nummer}}')).toThrow('Subject Template: unknown placeholder {{nummer}}');
	});
});

describe('body', () => {
	it('defaults to the document language with localised dates', () => {
		expect(renderBody(invoice)).toContain('Factuur 2026-0042 van 20-11-2026, Bakkerij De Zon BV aan Hotel Zeezicht NV');
		expect(renderBody({ ...invoice, language: 'fr' })).toContain('du 20/11/2026');
		expect(renderBody({ ...invoice, language: 'de' })).toContain('vom 20.11.2026');
		expect(renderBody({ ...invoice, language: 'en' })).toContain('of 2026-11-20');
	});

	it('has a default for every language', () => {
		expect(Object.keys(DEFAULT_BODIES).sort()).toEqual(['de', 'en', 'fr', 'nl']);
	});

	it('renders a user template, leaving other braces alone', () => {
		expect(renderTemplate('Total {{total}} {{currency}} {a}', { ...invoice, total: '1234.50', currency: 'EUR' })).toBe('Total 1234.50 EUR {a}');
	});
});
