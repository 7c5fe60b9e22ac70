import { spawnSync } from 'child_process';

import { escapeAttribute, escapeText, isBlank, sanitizeXmlText } from '../../../core/ubl/xml/escape';
import { el, leaf, type XNode } from '../../../core/ubl/xml/node';
import { renderDocument, renderFragment, type XmlRoot } from '../../../core/ubl/xml/render';
import { renderDocumentDirect } from '../../helpers/xmlOracle';

const root: XmlRoot = { name: 'Invoice', namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', attrs: { 'xmlns:cbc': 'urn:cbc', 'xmlns:cac': 'urn:cac' } };

/** xmllint's verdict on well-formedness (the strict parser ubl-validate uses too). */
function wellFormed(xml: string): { ok: boolean; errors: string } {
	const run = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
	return { ok: run.status === 0, errors: run.stderr };
}

/** The text of the first element `name`, read back by xmllint. */
function readBack(xml: string, xpath: string): string {
	const run = spawnSync('xmllint', ['--xpath', xpath, '-'], { input: xml, encoding: 'utf8' });
	return run.stdout.replace(/\n$/, ''); // xmllint ends its output with a newline
}

describe('escaping', () => {
	test('text escapes & < > and nothing else of the BMP', () => {
		expect(escapeText('a & b < c > d "e" \'f\'')).toBe('a &amp; b &lt; c &gt; d "e" \'f\'');
		expect(escapeText('plain é 中文')).toBe('plain é 中文');
	});

	test('characters beyond the BMP become numeric references (Java Xerces misreads 4-byte UTF-8 at buffer edges)', () => {
		expect(escapeText('duck 🦆 & 𝙹')).toBe('duck &#x1F986; &amp; &#x1D679;');
		expect(escapeAttribute('😀.pdf')).toBe('&#x1F600;.pdf');
		expect(readBack(`<a>${escapeText('🦆 <x> 𝙹')}</a>`, 'string(/a)')).toBe('🦆 <x> 𝙹');
	});

	test('entity-looking text is escaped too (xmlbuilder2 alone would leave R&D; as an undefined entity)', () => {
		expect(escapeText('R&D; Tom &amp; Jerry &#169;')).toBe('R&amp;D; Tom &amp;amp; Jerry &amp;#169;');
	});

	test('attributes escape quotes and whitespace controls', () => {
		expect(escapeAttribute('a"b&c<d>\te\nf\rg')).toBe('a&quot;b&amp;c&lt;d&gt;&#9;e&#10;f&#13;g');
	});

	test('characters XML 1.0 cannot carry are dropped, astral characters kept, CR LF becomes LF', () => {
		expect(sanitizeXmlText('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFF')).toBe('abcdef');
		expect(sanitizeXmlText('x\uD800y\uDC00z')).toBe('xyz');
		expect(sanitizeXmlText('😀 🦆 \u00e9')).toBe('😀 🦆 é');
		expect(sanitizeXmlText('a\r\nb\rc\nd\te')).toBe('a\nb\nc\nd\te');
	});

	test('blank means only XML whitespace', () => {
		expect(isBlank(undefined)).toBe(true);
		expect(isBlank(' \t\r\n')).toBe(true);
		expect(isBlank(' x ')).toBe(false);
		expect(isBlank('\u00a0')).toBe(false);
	});
});

describe('element tree', () => {
	test('leaf and el drop what would be empty elements (PEPPOL-EN16931-R008)', () => {
		expect(leaf('cbc:Note', undefined)).toBeUndefined();
		expect(leaf('cbc:Note', '  \n ')).toBeUndefined();
		expect(leaf('cbc:Note', '\u0001\u0002')).toBeUndefined();
		expect(el('cac:Contact', leaf('cbc:Name', ''), undefined, false)).toBeUndefined();
		expect(leaf('cbc:ID', '1', { schemeID: '  ', other: undefined })).toEqual({ name: 'cbc:ID', text: '1' });
	});
});

describe('rendering', () => {
	const tricky = ['R&D;', 'Tom &amp; Jerry', '&#169;', '<![CDATA[x]]>', ']]>', 'a"b\'c', '😀 中文 ł ü é', 'line1\nline2', '\u0001ctrl'];

	test('the output equals xmlbuilder2 node-by-node output (values without ampersands)', () => {
		const tree = (i: number): XNode[] =>
			[
				leaf('cbc:ID', `INV-${i}`),
				el('cac:Party', leaf('cbc:Name', `Name <${i}> "q" 'a' ü`), el('cac:Contact', leaf('cbc:ElectronicMail', i % 2 ? `x${i}@y.be` : undefined))),
				el('cac:Line', leaf('cbc:Amount', `${i}.00`, { currencyID: 'EUR' }), leaf('cbc:Note', i % 3 ? 'n' : undefined)),
			].filter((node): node is XNode => !!node);
		for (let i = 0; i < 12; i++) expect(renderDocument(root, tree(i))).toBe(renderDocumentDirect(root, tree(i)));
	});

	test('the same shape is rendered with each set of values', () => {
		const a = renderFragment(el('cac:X', leaf('cbc:A', 'first'), leaf('cbc:B', '1', { unitCode: 'C62' }))!);
		const b = renderFragment(el('cac:X', leaf('cbc:A', 'second & <more>'), leaf('cbc:B', '2', { unitCode: 'H"UR' }))!);
		expect(a).toBe('  <cac:X>\n    <cbc:A>first</cbc:A>\n    <cbc:B unitCode="C62">1</cbc:B>\n  </cac:X>');
		expect(b).toBe('  <cac:X>\n    <cbc:A>second &amp; &lt;more&gt;</cbc:A>\n    <cbc:B unitCode="H&quot;UR">2</cbc:B>\n  </cac:X>');
	});

	test('shapes that differ only in nesting are rendered apart', () => {
		const siblings = el('cac:X', leaf('cbc:A', 'a'), el('cac:B', leaf('cbc:C', 'c')))!;
		const nested = el('cac:X', el('cac:A', el('cac:B', leaf('cbc:C', 'c'))))!;
		const attributed = el('cac:X', leaf('cbc:A', 'a', { unitCode: 'C62' }), el('cac:B', leaf('cbc:C', 'c')))!;
		for (const node of [siblings, nested, attributed, nested, siblings]) {
			expect(renderDocument(root, [node])).toBe(renderDocumentDirect(root, [node]));
		}
	});

	test('ever new shapes (2,100 of them) stay right', () => {
		// 2,100 distinct shapes: a set of optional children chosen by the bits of i.
		const shape = (i: number) =>
			el('cac:X', ...Array.from({ length: 12 }, (_, bit) => (i & (1 << bit) ? leaf(`cbc:E${bit}`, `${i}`) : undefined)))!;
		for (let i = 1; i <= 2100; i++) {
			const node = shape(i);
			const xml = renderDocument(root, [node]);
			if (i % 100 === 0 || i > 1995) expect(xml).toBe(renderDocumentDirect(root, [node]));
		}
	});

	test('any text comes out well-formed and reads back unchanged (xmllint)', () => {
		const xml = renderDocument(
			root,
			tricky.map((text) => leaf('cbc:Note', text, { name: text })!).filter(Boolean).map((node, i) => ({ ...node, name: `cbc:N${i}` })),
		);
		const verdict = wellFormed(xml);
		expect(verdict).toEqual({ ok: true, errors: '' });
		tricky.forEach((text, i) => {
			const expected = sanitizeXmlText(text);
			expect(readBack(xml, `string(/*/*[local-name()='N${i}'])`)).toBe(expected);
			// Attribute values are whitespace-normalised by XML, so newlines were written as &#10; to survive.
			expect(readBack(xml, `string(/*/*[local-name()='N${i}']/@name)`)).toBe(expected);
		});
	});
});
