import { sanitizeFileComponent, ublFileNames } from '../../../core/ubl';

describe('ublFileNames', () => {
	const names = (type: 'invoice' | 'credit_note' | 'proforma' | 'expense', number: string, id = 'doc_1') => ublFileNames({ type, number, id });

	test('type prefix + number, one base for XML and PDF', () => {
		expect(names('invoice', '2026-0042')).toEqual({ base: 'invoice-2026-0042', xml: 'invoice-2026-0042.xml', pdf: 'invoice-2026-0042.pdf' });
		expect(names('credit_note', 'CN-2026-0007').xml).toBe('credit-note-CN-2026-0007.xml');
		expect(names('proforma', 'PF-2026-0003').pdf).toBe('proforma-PF-2026-0003.pdf');
		expect(names('expense', 'F26-11877').xml).toBe('expense-F26-11877.xml');
	});

	test('path separators, traversal and control characters never reach the name', () => {
		expect(names('invoice', '2026/0042').base).toBe('invoice-2026-0042');
		expect(names('invoice', '..\\..\\etc\\passwd').base).toBe('invoice-etc-passwd');
		expect(names('invoice', '../../x').base).toBe('invoice-x');
		expect(names('invoice', 'A\u0000B\nC\tD\u007f').base).toBe('invoice-A-B-C-D');
		expect(names('invoice', 'a:b*c?"d<e>f|g').base).toBe('invoice-a-b-c-d-e-f-g');
	});

	test('accents are kept as their base letter, other scripts fall back to the id', () => {
		expect(names('invoice', 'Fäktur 7 — été').base).toBe('invoice-Faktur-7-ete');
		expect(names('invoice', '发票', 'doc_2026_9').base).toBe('invoice-doc_2026_9');
		expect(names('invoice', '///', '///').base).toBe('invoice');
	});

	test('long numbers are cut to a sane length without a trailing separator', () => {
		const base = names('invoice', `${'1234567-'.repeat(20)}`).base;
		expect(base.length).toBeLessThanOrEqual('invoice-'.length + 80);
		expect(base).not.toMatch(/[-.]$/);
	});

	test('sanitizeFileComponent keeps only [A-Za-z0-9._-]', () => {
		for (const input of ['a b', 'ü/ö', '😀x😀', '..a..', 'x\r\ny']) expect(sanitizeFileComponent(input)).toMatch(/^[A-Za-z0-9._-]*$/);
		expect(sanitizeFileComponent('..a..')).toBe('a');
	});
});
