// Renders an element tree as XML with xmlbuilder2, fast.
//
// Building every invoice node by node through xmlbuilder2's DOM costs ~8 µs a node (a ten-line invoice is
// ~500 nodes), too slow for the 1,000 invoices/s goal. So xmlbuilder2 serializes each distinct *shape* of a
// top-level fragment (a line with a percent discount, a party with a contact, …) once, with numbered
// placeholders where the values go; the result is cached as a template and later documents of that shape
// only interleave their escaped values. Real documents reuse a handful of shapes, so the cache stays small.
import { create, fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

import { escapeAttribute, escapeText } from './escape';
import type { XNode } from './node';

// Private-use characters: valid XML, never escaped by xmlbuilder2, never present in our values' shapes.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const placeholder = (index: number) => `${OPEN}${index}${CLOSE}`;
const INDENT = '  ';
const MAX_CACHED_TEMPLATES = 2000;

interface Template {
	/** Static markup; `parts.length === slots.length + 1`. */
	parts: string[];
	/** For each gap between parts, the index of the value that goes there. */
	slots: number[];
}

/**
 * The shapes seen so far as a trie of walk events (element opens, attribute, text, element closes), one
 * root per depth: finding a fragment's template costs one map step per event on names that are
 * constants, where a string key would be rebuilt and hashed anew for every fragment.
 */
interface ShapeStep {
	elements?: Map<string, ShapeStep>;
	attributes?: Map<string, ShapeStep>;
	text?: ShapeStep;
	close?: ShapeStep;
	template?: Template;
}

let shapeRoots: ShapeStep[] = [];
let templateCount = 0;

function stepTo(steps: Map<string, ShapeStep>, name: string): ShapeStep {
	let step = steps.get(name);
	if (!step) steps.set(name, (step = {}));
	return step;
}

/** Walks a fragment: returns the trie step its shape ends at and pushes its escaped values in document order. */
function walkShape(from: ShapeStep, node: XNode, values: string[]): ShapeStep {
	let step = stepTo((from.elements ??= new Map()), node.name);
	if (node.attrs) {
		for (const name in node.attrs) {
			step = stepTo((step.attributes ??= new Map()), name);
			values.push(escapeAttribute(node.attrs[name]));
		}
	}
	// An element has text or children, so "text" then ends it and the event sequence stays unambiguous.
	if (node.text !== undefined) {
		values.push(escapeText(node.text));
		return (step.text ??= {});
	}
	for (const child of node.children ?? []) step = walkShape(step, child, values);
	return (step.close ??= {});
}

function addWithPlaceholders(parent: XMLBuilder, node: XNode, next: { index: number }): void {
	let attrs: Record<string, string> | undefined;
	if (node.attrs) {
		attrs = {};
		for (const name in node.attrs) attrs[name] = placeholder(next.index++);
	}
	const element = parent.ele(node.name, attrs);
	if (node.text !== undefined) element.txt(placeholder(next.index++));
	else for (const child of node.children ?? []) addWithPlaceholders(element, child, next);
}

function compile(node: XNode, depth: number): Template {
	const root = fragment();
	addWithPlaceholders(root, node, { index: 0 });
	const xml = root.end({ prettyPrint: true, indent: INDENT, offset: depth });
	const parts: string[] = [];
	const slots: number[] = [];
	let last = 0;
	for (const match of xml.matchAll(PLACEHOLDER)) {
		parts.push(xml.slice(last, match.index));
		slots.push(Number(match[1]));
		last = match.index! + match[0].length;
	}
	parts.push(xml.slice(last));
	return { parts, slots };
}

/** One fragment as pretty-printed XML at the given depth (1 = child of the document element). */
export function renderFragment(node: XNode, depth = 1): string {
	const values: string[] = [];
	let end = walkShape((shapeRoots[depth] ??= {}), node, values);
	let template = end.template;
	if (!template) {
		if (templateCount >= MAX_CACHED_TEMPLATES) {
			// Ever new shapes (a hostile input) must not grow memory without end: start over.
			shapeRoots = [];
			templateCount = 0;
			end = walkShape((shapeRoots[depth] = {}), node, []);
		}
		template = end.template = compile(node, depth);
		templateCount++;
	}
	const { parts, slots } = template;
	let out = parts[0];
	for (let i = 0; i < slots.length; i++) out += values[slots[i]] + parts[i + 1];
	return out;
}

export interface XmlRoot {
	name: string;
	namespace: string;
	/** Namespace declarations and other attributes of the document element. */
	attrs: Record<string, string>;
}

const FRAGMENTS_MARK = 'ubl-fragments';
// Keyed by the root object itself: the writer passes the same two constant roots every time.
const rootTemplates = new WeakMap<XmlRoot, { head: string; tail: string }>();

function rootTemplate(root: XmlRoot): { head: string; tail: string } {
	let template = rootTemplates.get(root);
	if (!template) {
		const xml = create({ version: '1.0', encoding: 'UTF-8' })
			.ele(root.namespace, root.name, root.attrs)
			.ele(FRAGMENTS_MARK)
			.doc()
			.end({ prettyPrint: true, indent: INDENT });
		const mark = `${INDENT}<${FRAGMENTS_MARK}/>`;
		const at = xml.indexOf(mark);
		template = { head: xml.slice(0, at), tail: xml.slice(at + mark.length) };
		rootTemplates.set(root, template);
	}
	return template;
}

/** A whole document: the XML declaration, the document element and its child fragments in order. */
export function renderDocument(root: XmlRoot, children: XNode[]): string {
	const { head, tail } = rootTemplate(root);
	let body = '';
	for (let i = 0; i < children.length; i++) body += (i ? '\n' : '') + renderFragment(children[i]);
	return head + body + tail;
}

/** The same document built node by node through xmlbuilder2 (no templates): the reference the tests compare against. */
export function renderDocumentDirect(root: XmlRoot, children: XNode[]): string {
	const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(root.namespace, root.name, root.attrs);
	const add = (parent: XMLBuilder, node: XNode) => {
		const element = parent.ele(node.name, node.attrs);
		if (node.text !== undefined) element.txt(node.text);
		else for (const child of node.children ?? []) add(element, child);
	};
	for (const child of children) add(doc, child);
	return doc.end({ prettyPrint: true, indent: INDENT });
}
