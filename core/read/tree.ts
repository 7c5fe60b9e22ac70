// Reading values off the element tree. Every value taken marks its element (and attribute) as used, so
// that whatever is left at the end is, by construction, what the contract did not carry (notCarried.ts).
import { UblReadError, type UblReadIssue } from './errors';
import type { NotCarried } from './types';
import { positionOf, type XmlElement } from './xml';

export type El = XmlElement;

/** The first child with this canonical name (`cbc:ID`, `cac:Party` …). */
export function child(parent: El | undefined, key: string): El | undefined {
	if (!parent) return undefined;
	for (const element of parent.children) if (element.key === key) return element;
	return undefined;
}

export function childrenOf(parent: El | undefined, key: string): El[] {
	if (!parent) return [];
	return parent.children.filter((element) => element.key === key);
}

/** `child(child(…))` along a path of canonical names. */
export function at(parent: El | undefined, ...keys: string[]): El | undefined {
	let element = parent;
	for (const key of keys) element = child(element, key);
	return element;
}

/** The trimmed text of a leaf, marking it used; undefined when absent or empty. */
export function take(element: El | undefined): string | undefined {
	if (!element) return undefined;
	const value = element.text.trim();
	if (value === '') return undefined;
	element.used = true;
	return value;
}

/** The trimmed text without marking it used (to decide before taking). */
export function peek(element: El | undefined): string | undefined {
	const value = element?.text.trim();
	return value === '' ? undefined : value;
}

export function takeAttr(element: El | undefined, name: string): string | undefined {
	const value = element?.attrs?.[name];
	if (value === undefined || !element) return undefined;
	(element.usedAttrs ??= new Set()).add(name);
	return value.trim() === '' ? undefined : value.trim();
}

export function markUsed(element: El | undefined): void {
	if (element) element.used = true;
}

/** XPath of an element with canonical prefixes and a position where a name repeats among siblings. */
export function xpathOf(element: El): string {
	const steps: string[] = [];
	for (let node: El | undefined = element; node; node = node.parent) {
		const parent: El | undefined = node.parent;
		let step = node.key;
		if (parent) {
			let index = 0;
			let count = 0;
			for (const sibling of parent.children as El[]) {
				if (sibling.key !== node.key) continue;
				count++;
				if (sibling === node) index = count;
			}
			if (count > 1) step += `[${index}]`;
		}
		steps.push(step);
	}
	return `/${steps.reverse().join('/')}`;
}

/** What the mapping collects as it goes: fatal issues, and values set aside with a reason. */
export class ReadContext {
	readonly issues: UblReadIssue[] = [];
	readonly setAside: NotCarried[] = [];

	constructor(
		readonly source: string,
		readonly root: El,
	) {}

	issue(element: El, message: string): void {
		const { line, column } = positionOf(this.source, element.offset);
		this.issues.push({ path: xpathOf(element), message, line, column });
	}

	/** An element missing under `parent`: named by where it should be. */
	missing(parent: El, key: string, message: string): void {
		const { line, column } = positionOf(this.source, parent.offset);
		this.issues.push({ path: `${xpathOf(parent)}/${key}`, message, line, column });
	}

	/** A value the contract cannot hold, kept out of the document but reported (and marked used). */
	aside(element: El, reason: string, attribute?: string): void {
		if (attribute) {
			(element.usedAttrs ??= new Set()).add(attribute);
			this.setAside.push({ path: `${xpathOf(element)}/@${attribute}`, value: element.attrs?.[attribute] ?? '', reason });
		} else {
			element.used = true;
			this.setAside.push({ path: xpathOf(element), value: element.text.trim(), reason });
		}
	}

	throwIfAny(): void {
		if (this.issues.length === 0) return;
		// In document order, as a reader of the XML meets them.
		const order = (issue: UblReadIssue) => (issue.line ?? 0) * 1e7 + (issue.column ?? 0);
		throw new UblReadError([...this.issues].sort((a, b) => order(a) - order(b)));
	}
}
