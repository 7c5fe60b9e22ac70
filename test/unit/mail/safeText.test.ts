import fc from 'fast-check';

import { fileNameSafe, headerSafe, pdfFileNameFor, ublFileName } from '../../../core/mail';

describe('headerSafe', () => {
	it('turns controls into single spaces', () => {
		expect(headerSafe('a\r\nb\tc\u0085d\u2028e')).toBe('a b c d e');
	});

	it('never lets a control character through (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (value) => {
				// eslint-disable-next-line no-control-regex
				expect(headerSafe(value)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
			}),
		);
	});
});

describe('fileNameSafe', () => {
	it.each([
		['../../etc/passwd', 'etc_passwd'],
		['..\\..\\boot.ini', 'boot.ini'],
		['Factuur 2026/0042.xml', 'Factuur 2026_0042.xml'],
		['.hidden', 'hidden'],
		['a\r\nb.xml', 'a_b.xml'],
		['', 'document'],
		['///', 'document'],
	])('%j → %j', (input, expected) => {
		expect(fileNameSafe(input)).toBe(expected);
	});

	it('never yields a separator, a parent reference or a leading dot (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (value) => {
				const name = fileNameSafe(value);
				expect(name).not.toMatch(/[/\\]/);
				expect(name).not.toContain('..');
				expect(name.startsWith('.')).toBe(false);
				expect(name.length).toBeGreaterThan(0);
				expect(name.length).toBeLessThanOrEqual(120);
			}),
		);
	});
});

describe('attachment names', () => {
	it('keeps the UBL name, forces .xml, and names the PDF after it', () => {
		expect(ublFileName('Factuur_2026-0042.xml', 'x.xml')).toBe('Factuur_2026-0042.xml');
		expect(ublFileName('../2026-0042', 'x.xml')).toBe('2026-0042.xml');
		expect(ublFileName(undefined, '2026/0042.xml')).toBe('2026_0042.xml');
		expect(pdfFileNameFor('Factuur_2026-0042.xml')).toBe('Factuur_2026-0042.pdf');
	});
});
