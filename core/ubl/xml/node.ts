// A small element tree the UBL modules build; render.ts turns it into XML. Helpers drop what would be
// an empty element, because Peppol forbids empty elements (PEPPOL-EN16931-R008).
import { isBlank, sanitizeXmlText } from './escape';

/** An element. Immutable: one node may be shared by many trees (the VAT tax scheme, tax categories). */
export interface XNode {
	/** Qualified name, e.g. `cbc:ID`. */
	readonly name: string;
	readonly attrs?: Readonly<Record<string, string>>;
	/** Text content (already sanitized); an element has either text or children. */
	readonly text?: string;
	readonly children?: readonly XNode[];
}

export type XChild = XNode | undefined | null | false | '';

function cleanAttrs(attrs: Record<string, string | undefined> | undefined): Record<string, string> | undefined {
	if (!attrs) return undefined;
	let out: Record<string, string> | undefined;
	for (const key in attrs) {
		const value = attrs[key];
		if (value === undefined || isBlank(value)) continue;
		(out ??= {})[key] = sanitizeXmlText(value);
	}
	return out;
}

/** An element with text; `undefined` when the text is missing or blank. */
export function leaf(name: string, text: string | undefined, attrs?: Record<string, string | undefined>): XNode | undefined {
	if (text === undefined) return undefined;
	const clean = sanitizeXmlText(text);
	if (isBlank(clean)) return undefined;
	const cleanedAttrs = cleanAttrs(attrs);
	return cleanedAttrs ? { name, text: clean, attrs: cleanedAttrs } : { name, text: clean };
}

/**
 * An element whose text and attributes the writer produced itself (amounts, codes, dates): known to be
 * non-blank and free of characters XML cannot carry, so the checks of `leaf` are skipped.
 */
export function trustedLeaf(name: string, text: string, attrs?: Record<string, string>): XNode {
	return attrs ? { name, text, attrs } : { name, text };
}

/** An element with child elements; `undefined` when none of the children exists. */
export function el(name: string, ...children: XChild[]): XNode | undefined {
	return elWithAttrs(name, undefined, ...children);
}

export function elWithAttrs(name: string, attrs: Record<string, string | undefined> | undefined, ...children: XChild[]): XNode | undefined {
	const kept = children.filter((child): child is XNode => !!child);
	if (kept.length === 0) return undefined;
	const cleanedAttrs = cleanAttrs(attrs);
	return cleanedAttrs ? { name, attrs: cleanedAttrs, children: kept } : { name, children: kept };
}

/** Like `el`, for elements the writer always has content for (throws on a programming error). */
export function must(node: XNode | undefined, what: string): XNode {
	if (!node) throw new Error(`internal: ${what} came out empty`);
	return node;
}
