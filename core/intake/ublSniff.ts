// Is this attachment a UBL document? Decided from the first element's local name, without
// parsing the whole file (reading it is Read UBL's job, and a hostile file should reach only that).

const ROOTS = new Set(['Invoice', 'CreditNote']);
/** How far into the file the root element must start (prolog, comments, a DOCTYPE). */
const SNIFF_BYTES = 8 * 1024;

export function looksLikeXmlName(fileName: string, contentType: string): boolean {
	return /\.(xml|ubl)$/i.test(fileName) || /[/+]xml\b/i.test(contentType);
}

/** The local name of the root element, or undefined when none shows within the first bytes. */
export function rootElementName(content: Buffer): string | undefined {
	let text = content.subarray(0, SNIFF_BYTES).toString('utf8').replace(/^\uFEFF/, '');
	// Skip the declaration, processing instructions, comments and a DOCTYPE, in any order.
	for (;;) {
		const trimmed = text.replace(/^\s+/, '');
		const skipped = trimmed.replace(/^(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>)/, '');
		if (skipped === trimmed) {
			text = trimmed;
			break;
		}
		text = skipped;
	}
	const match = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(text);
	return match?.[2];
}

export function isUbl(content: Buffer): boolean {
	const root = rootElementName(content);
	return root !== undefined && ROOTS.has(root);
}
