// Writes an element tree as pretty-printed XML (two-space indent), directly. Values are escaped by
// escape.ts, so writing is string concatenation: as fast as the template cache this replaced, with
// no per-shape state, and linear in the tree's size however many distinct shapes a document has.
//
// xmlbuilder2 is not needed to write: it earns its place where XML is read (core/read, Read UBL) and as
// the independent oracle the tests compare this writer with (test/helpers/xmlOracle.ts).
import { escapeAttribute, escapeText } from './escape';
import type { XNode } from './node';

const INDENT = '  ';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

function openTag(node: XNode): string {
	let tag = `<${node.name}`;
	if (node.attrs) for (const name in node.attrs) tag += ` ${name}="${escapeAttribute(node.attrs[name])}"`;
	return tag;
}

function write(node: XNode, indent: string): string {
	const open = openTag(node);
	if (node.text !== undefined) return `${indent}${open}>${escapeText(node.text)}</${node.name}>`;
	const children = node.children;
	if (!children || children.length === 0) return `${indent}${open}/>`;
	const inner = indent + INDENT;
	let out = `${indent}${open}>`;
	for (const child of children) out += `\n${write(child, inner)}`;
	return `${out}\n${indent}</${node.name}>`;
}

/** One fragment as pretty-printed XML at the given depth (1 = child of the document element). */
export function renderFragment(node: XNode, depth = 1): string {
	return write(node, INDENT.repeat(depth));
}

export interface XmlRoot {
	name: string;
	namespace: string;
	/** Namespace declarations and other attributes of the document element. */
	attrs: Record<string, string>;
}

/** A whole document: the XML declaration, the document element and its child fragments in order. */
export function renderDocument(root: XmlRoot, children: readonly XNode[]): string {
	let out = `${XML_DECLARATION}\n${openTag({ name: root.name, attrs: { xmlns: root.namespace, ...root.attrs } })}>`;
	for (const child of children) out += `\n${write(child, INDENT)}`;
	return `${out}\n</${root.name}>`;
}
