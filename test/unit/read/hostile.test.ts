// readUbl on hostile and broken XML: every case is refused with a clear error (line and column where
// there is a place to point at), quickly, and without touching the file system or the network.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { readUbl, UblReadError } from '../../../index';
import { ublInvoice } from './ubl';

const refusal = (xml: string | Buffer, options = {}): UblReadError => {
	try {
		readUbl(xml, options);
	} catch (error) {
		if (error instanceof UblReadError) return error;
		throw error;
	}
	throw new Error('readUbl accepted it');
};

const valid = ublInvoice();
const body = valid.slice(valid.indexOf('<Invoice'));

describe('readUbl on hostile XML', () => {
	it('refuses a DTD, so no entity is ever declared or expanded (billion laughs)', () => {
		const laughs = `<?xml version="1.0"?>
<!DOCTYPE Invoice [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
${body.replace('<cbc:Name>Croissants</cbc:Name>', '<cbc:Name>&lol9;</cbc:Name>')}`;
		const error = refusal(laughs);
		expect(error.issues).toEqual([
			expect.objectContaining({ line: 2, column: 1, message: expect.stringMatching(/a DOCTYPE \(DTD\) is not allowed/) }),
		]);
	});

	it('refuses an external entity (XXE): the file it names never reaches the output', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'xxe-'));
		const secret = path.join(dir, 'secret.txt');
		writeFileSync(secret, 'SECRET-MARKER-4711');
		const xxe = `<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file://${secret}">]>\n${body.replace('Croissants', '&xxe;')}`;
		const error = refusal(xxe);
		expect(error.issues[0]).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/DOCTYPE/) });
		expect(JSON.stringify(error.issues)).not.toContain('SECRET-MARKER');
		// Without the DOCTYPE, the reference alone is an undeclared entity.
		const bare = refusal(ublInvoice().replace('Croissants', '&xxe;'));
		expect(bare.issues[0]).toMatchObject({ message: expect.stringMatching(/the entity &xxe; is not allowed/), line: expect.any(Number) });
		rmSync(dir, { recursive: true, force: true });
	});

	it('has no way to reach files or the network: the reader imports neither', () => {
		const dir = path.join(__dirname, '..', '..', '..', 'core', 'read');
		for (const file of readdirSync(dir)) {
			const source = readFileSync(path.join(dir, file), 'utf8');
			expect(source).not.toMatch(/from '(fs|fs\/promises|http|https|net|child_process)'/);
		}
	});

	it('knows no entity or prefix from an object prototype', () => {
		expect(refusal(ublInvoice().replace('Croissants', '&constructor;')).message).toMatch(/the entity &constructor; is not allowed/);
		expect(refusal(ublInvoice().replace('<cbc:BuyerReference>PO-1</cbc:BuyerReference>', '<constructor:X>1</constructor:X>')).message).toMatch(/prefix constructor: of <constructor:X> is not declared/);
		expect(readUbl(ublInvoice({ typeCode: 'constructor' })).document.type).toBe('invoice');
	});

	it('resolves the five predefined entities and character references only', () => {
		const { document } = readUbl(ublInvoice().replace('Croissants', 'Brood &amp; &lt;koek&gt; &quot;x&quot; &apos;y&apos; &#233;&#x1F950;'));
		expect(document.lines[0].description).toBe('Brood & <koek> "x" \'y\' é🥐');
		expect(refusal(ublInvoice().replace('Croissants', '&#0;')).message).toMatch(/&#0; is not a character XML allows/);
		expect(refusal(ublInvoice().replace('Croissants', 'A & B')).message).toMatch(/a bare "&" must be written &amp;/);
	});

	it('bounds the nesting depth', () => {
		const deep = `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</Invoice>`;
		expect(refusal(deep).issues[0]).toMatchObject({ line: 1, message: 'malformed XML: elements nested deeper than 32 levels' });
		expect(refusal(valid, { maxDepth: 3 }).message).toMatch(/nested deeper than 3 levels/);
	});

	it('bounds the size, for text and for bytes', () => {
		expect(refusal(valid, { maxBytes: 1000 }).message).toMatch(/larger than 1000 bytes/);
		expect(refusal(Buffer.from(valid), { maxBytes: 1000 }).message).toMatch(/larger than 1000 bytes/);
		expect(() => readUbl(valid, { maxBytes: valid.length })).not.toThrow();
	});

	it.each([
		['a tag that is not closed', valid.replace('</cbc:Name>', ''), /closes <cbc:Name>/],
		['a mismatched closing tag', valid.replace('</cbc:BuyerReference>', '</cbc:BuyerRef>'), /<\/cbc:BuyerRef> closes <cbc:BuyerReference>/],
		['the document cut short', valid.slice(0, valid.indexOf('<cac:TaxTotal>')), /<cac:PaymentMeans> is not closed|<Invoice> is not closed/],
		['an unquoted attribute', valid.replace('unitCode="C62"', 'unitCode=C62'), /an attribute value must be quoted/],
		['an attribute given twice', valid.replace('unitCode="C62"', 'unitCode="C62" unitCode="HUR"'), /attribute unitCode is given twice/],
		['an undeclared prefix', valid.replace('<cbc:Note', '<cbc:Note').replace('<cbc:BuyerReference>PO-1</cbc:BuyerReference>', '<zz:X>1</zz:X>'), /the prefix zz: of <zz:X> is not declared/],
		['two root elements', `${valid}<Invoice/>`, /a second root element/],
		['text after the root', `${valid}junk`, /text after the root element/],
		['a control character', valid.replace('Croissants', 'Crois\u0001sants'), /character U\+0001 is not allowed/],
		['an XML declaration not at the start', `\n${valid}`, /the XML declaration must come first/],
		['another encoding', valid.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), /encoding ISO-8859-1 is not supported/],
		['no XML at all', 'hello', /text before the root element/],
		['nothing', '', /no root element/],
		['"<" in an attribute', valid.replace('unitCode="C62"', 'unitCode="C<62"'), /"<" is not allowed in an attribute value/],
		['a comment with "--"', valid.replace('<cbc:ID>2026', '<!-- a -- b --><cbc:ID>2026'), /"--" is not allowed inside a comment/],
	])('refuses %s with line and column', (_what, xml, message) => {
		const error = refusal(xml);
		expect(error.issues).toHaveLength(1);
		expect(error.issues[0].message).toMatch(message);
		expect(error.issues[0].line).toBeGreaterThanOrEqual(1);
		expect(error.issues[0].column).toBeGreaterThanOrEqual(1);
		expect(error.message).toMatch(/^UBL cannot be read: \/ \(line \d+, column \d+\): malformed XML: /);
	});

	it('points at the right line and column', () => {
		const lines = valid.split('\n');
		const at = lines.findIndex((line) => line.includes('<cbc:BuyerReference>'));
		const broken = valid.replace('<cbc:BuyerReference>PO-1</cbc:BuyerReference>', '<cbc:BuyerReference>PO-1</cbc:Buyer>');
		const error = refusal(broken);
		expect(error.issues[0]).toMatchObject({ line: at + 1, column: lines[at].indexOf('</cbc:BuyerReference>') + 1 });
	});

	it('refuses bytes that are not UTF-8, and UTF-16', () => {
		const latin1 = Buffer.from(valid.replace('Croissants', 'Crème'), 'latin1');
		expect(refusal(latin1).message).toMatch(/not valid UTF-8/);
		expect(refusal(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, 'utf16le')])).message).toMatch(/UTF-16/);
	});

	it('refuses input that is neither text nor bytes', () => {
		expect(refusal(42 as unknown as string).message).toMatch(/text or bytes/);
	});

	it('reads CDATA, comments, processing instructions and a BOM as XML says', () => {
		const xml = `\uFEFF${valid.replace('Croissants', '<![CDATA[Croissants & <co>]]><!-- c --><?pi x?>')}`;
		expect(readUbl(xml).document.lines[0].description).toBe('Croissants & <co>');
		expect(readUbl(Buffer.from(xml)).document.lines[0].description).toBe('Croissants & <co>');
	});

	it('does not let __proto__ in names or attributes reach an object prototype', () => {
		const xml = valid.replace('unitCode="C62"', 'unitCode="C62" __proto__="x" constructor="y"').replace('<cbc:BuyerReference>PO-1</cbc:BuyerReference>', '<cbc:__proto__>z</cbc:__proto__><cbc:BuyerReference>PO-1</cbc:BuyerReference>');
		const { document, notCarried } = readUbl(xml);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
		expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
		expect(notCarried.map((entry) => entry.path)).toEqual(
			expect.arrayContaining(['/Invoice/cbc:__proto__', '/Invoice/cac:InvoiceLine/cbc:InvoicedQuantity/@__proto__', '/Invoice/cac:InvoiceLine/cbc:InvoicedQuantity/@constructor']),
		);
	});

	it('stays linear on a huge text value (no backtracking)', () => {
		const huge = valid.replace('Croissants', 'a'.repeat(5_000_000));
		expect(readUbl(huge).document.lines[0].description).toHaveLength(5_000_000);
	});
});
