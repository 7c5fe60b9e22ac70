// The project's schematron compiler: turns the model from schematron.ts into an XSLT 3.0
// stylesheet. Semantics are those of ISO Schematron as the official validators apply them:
//  - each pattern walks the whole document (elements and attributes) in a mode of its own;
//  - within a pattern, the first rule in document order whose context matches a node fires (the
//    later rules get a lower template priority), and the walk continues into its children;
//  - schema- and pattern-level lets are global variables, rule-level lets are local to the rule;
//  - xsl:function elements of the schema are copied into the stylesheet.
// Output is text: one line "<assertion number>\t<XPath of the node>" per assertion that fires
// (an assert whose test is false, a report whose test is true); the number indexes the message
// table the compiler writes beside the stylesheet, so the run carries no message text.
import type { SchAssertion, Schematron } from './schematron';

const attr = (value: string) =>
	value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

/**
 * SaxonJS 2.7 computes `xs:integer mod n` in floating point once the integer passes 2^53 (the
 * IBAN check DE-R-019 builds a 30-digit integer; Saxon-HE, the oracle, is exact), while its
 * xs:decimal arithmetic is exact. So the operand of every `xs:integer(…) mod` becomes
 * `xs:decimal(xs:integer(…))`: the same value and the same errors, computed exactly.
 */
export function exactIntegerMod(expression: string): string {
	let out = '';
	let from = 0;
	for (let at = expression.indexOf('xs:integer(', from); at >= 0; at = expression.indexOf('xs:integer(', from)) {
		let depth = 0;
		let end = at + 'xs:integer'.length;
		for (; end < expression.length; end++) {
			if (expression[end] === '(') depth++;
			else if (expression[end] === ')' && --depth === 0) break;
		}
		const call = expression.slice(at, end + 1);
		const wrap = /^\s*mod\b/.test(expression.slice(end + 1));
		out += expression.slice(from, at) + (wrap ? `xs:decimal(${exactIntegerMod(call.slice(0, 11)) + exactIntegerMod(call.slice(11))})` : call.slice(0, 11));
		from = wrap ? end + 1 : at + 11;
	}
	return out + expression.slice(from);
}

export interface CompiledSchematron {
	xslt: string;
	/** Every assertion in the order the stylesheet numbers them. */
	assertions: SchAssertion[];
}

export function schematronToXslt(sch: Schematron): CompiledSchematron {
	const assertions: SchAssertion[] = [];
	const ns = [...sch.namespaces.filter((n) => n.prefix !== 'xs'), { prefix: 'xs', uri: 'http://www.w3.org/2001/XMLSchema' }]
		.map((n) => ` xmlns:${n.prefix}="${attr(n.uri)}"`)
		.join('');
	const out: string[] = [];
	out.push(`<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"${ns} exclude-result-prefixes="#all">`);
	out.push('<xsl:output method="text"/>');
	out.push(...sch.xslt.map(exactIntegerMod));
	for (const l of sch.lets) out.push(`<xsl:variable name="${attr(l.name)}" select="${attr(exactIntegerMod(l.value))}"/>`);
	out.push('<xsl:template match="/">');
	sch.patterns.forEach((_, p) => out.push(`<xsl:apply-templates select="/" mode="p${p}"/>`));
	out.push('</xsl:template>');
	sch.patterns.forEach((pattern, p) => {
		const mode = `p${p}`;
		pattern.rules.forEach((rule, r) => {
			out.push(`<xsl:template match="${attr(rule.context)}" mode="${mode}" priority="${100000 - r}">`);
			for (const l of rule.lets) out.push(`<xsl:variable name="${attr(l.name)}" select="${attr(exactIntegerMod(l.value))}"/>`);
			for (const a of rule.assertions) {
				const test = exactIntegerMod(a.kind === 'assert' ? `not(${a.test})` : a.test);
				out.push(`<xsl:if test="${attr(test)}"><xsl:value-of select="'${assertions.length}&#9;', path(), '&#10;'" separator=""/></xsl:if>`);
				assertions.push(a);
			}
			out.push(`<xsl:apply-templates select="@*|*" mode="${mode}"/>`);
			out.push('</xsl:template>');
		});
		out.push(`<xsl:template match="text()" mode="${mode}" priority="-1"/>`);
		out.push(`<xsl:template match="@*|node()" mode="${mode}" priority="-2"><xsl:apply-templates select="@*|*" mode="${mode}"/></xsl:template>`);
	});
	out.push('</xsl:stylesheet>');
	return { xslt: out.join('\n'), assertions };
}
