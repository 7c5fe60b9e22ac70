// Text and attribute escaping for the UBL writer.
//
// We escape values ourselves instead of leaving it to xmlbuilder2: its serializer leaves an `&` alone when
// it looks like the start of an entity (`/&(?![A-Za-z]+;|#\d+;)/`), so an item called `R&D;` would come
// out as an undefined entity (not well-formed XML) and `Tom &amp; Jerry` would silently lose its `amp;`.
// It also lets characters through that XML 1.0 forbids (control characters, lone surrogates, U+FFFE/F).

// Everything outside the XML 1.0 Char production: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Cheap pre-check without look-arounds: most values have none of these, so the precise pass is skipped.
// eslint-disable-next-line no-control-regex -- as above
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_TEXT_ESCAPE = /[&<>\uD800-\uDFFF]/;
const NEEDS_ATTR_ESCAPE = /[&<>"\t\n\r\uD800-\uDFFF]/;
// Characters beyond the BMP (emoji, rare CJK) are written as numeric references: Java's Xerces, which
// the official validators and many accounting importers run on, can fail with "Invalid byte 2 of
// 4-byte UTF-8 sequence" when such a character straddles its read buffer. A reference reads back the same.
const ASTRAL_CHARACTER = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const characterReference = (pair: string) => `&#x${pair.codePointAt(0)!.toString(16).toUpperCase()};`;

/**
 * Makes a string safe to carry in XML: drops characters XML 1.0 cannot represent and turns CR LF / CR
 * into LF (an XML parser would do that anyway, so the value reads back the same).
 */
export function sanitizeXmlText(value: string): string {
	let out = value;
	if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
	if (MAYBE_INVALID.test(out)) out = out.replace(INVALID_XML_CHARS, '');
	return out;
}

/** `true` when XML would read the text as blank (normalize-space() = ''), i.e. an empty element (PEPPOL-EN16931-R008). */
export function isBlank(value: string | undefined): boolean {
	if (value === undefined) return true;
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return false;
	}
	return true;
}

/** Blank once the characters XML cannot carry are dropped: such a value would become an empty element. */
export function isBlankInXml(value: string | undefined): boolean {
	return value === undefined || isBlank(sanitizeXmlText(value));
}

export function escapeText(value: string): string {
	if (!NEEDS_TEXT_ESCAPE.test(value)) return value;
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(ASTRAL_CHARACTER, characterReference);
}

export function escapeAttribute(value: string): string {
	if (!NEEDS_ATTR_ESCAPE.test(value)) return value;
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/\t/g, '&#9;')
		.replace(/\n/g, '&#10;')
		.replace(/\r/g, '&#13;')
		.replace(ASTRAL_CHARACTER, characterReference);
}
