// A small strict XML reader for UBL: well-formed XML 1.0 with namespaces into a compact element tree.
//
// Why our own and not xmlbuilder2, sax or saxes: UBL needs none of what makes a general parser slow or
// dangerous. There is no DTD to honour, so a DOCTYPE is refused at once (no external entities, no entity
// expansion, no billion laughs: the only references are the five predefined entities and character
// references). A reader that builds the one tree we walk, scanning with indexOf, does several times less
// work than an event parser (sax/saxes: a callback and an attribute object per tag, plus a tree built on
// top) or a DOM (xmlbuilder2); bench/read.bench.ts measures it against xmlbuilder2's convert. Depth and
// size are bounded before any work is done, and every error names its line and column.

export interface XmlElement {
	/** Canonical name: `cbc:ID`, `cac:Party`, the root's local name, or `{namespace}local` for other namespaces. */
	key: string;
	/** The element name as written (with the document's own prefix). */
	qname: string;
	attrs: Record<string, string> | undefined;
	children: XmlElement[];
	/** Character data directly inside the element (entities resolved, CDATA included). */
	text: string;
	parent: XmlElement | undefined;
	/** Offset of the `<` in the source, for positions in messages. */
	offset: number;
	/** Set by the reader of the tree when it has taken the element's value. */
	used: boolean;
	/** Attributes the reader of the tree has taken. */
	usedAttrs: Set<string> | undefined;
}

export interface XmlLimits {
	/** Refuse larger input (bytes of UTF-8, or characters of a string). */
	maxBytes: number;
	/** Refuse deeper nesting (UBL needs about 8). */
	maxDepth: number;
}

export class XmlSyntaxError extends Error {
	constructor(
		readonly reason: string,
		readonly line: number,
		readonly column: number,
	) {
		super(`malformed XML at line ${line}, column ${column}: ${reason}`);
		this.name = 'XmlSyntaxError';
	}
}

/** Namespace URI → the canonical prefix used in keys and XPaths, whatever prefix the document used. */
// Maps and prototype-less objects throughout: names and values come from the document (`__proto__`, `constructor`).
const CANONICAL_PREFIX: ReadonlyMap<string, string> = new Map([
	['urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2', 'cbc'],
	['urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2', 'cac'],
	['urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2', 'ext'],
]);
const ROOT_NAMESPACES: ReadonlyMap<string, string> = new Map([
	['urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', 'Invoice'],
	['urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2', 'CreditNote'],
]);

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Name characters (XML 1.0 §2.3, with every non-ASCII letter range folded into ≥ U+00C0). */
const isNameStart = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 0xc0;
const isNameChar = (code: number) => isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46 || code === 0xb7;
const isWhitespaceOnly = (text: string) => {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code !== 32 && code !== 10 && code !== 9 && code !== 13) return false;
	}
	return true;
};
/** Characters XML 1.0 forbids anywhere (C0 controls except tab, LF, CR; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is refused
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITY = /&([^;&<\s]{0,12});/g;
const PREDEFINED: ReadonlyMap<string, string> = new Map([
	['lt', '<'],
	['gt', '>'],
	['amp', '&'],
	['quot', '"'],
	['apos', "'"],
]);

type Scope = Record<string, string>;
/** Most elements are leaves: they share one empty, frozen child list instead of allocating their own. */
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

/** Line and column (1-based) of an offset. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, column: offset - lineStart + 1 };
}

function isAllowedCodePoint(cp: number): boolean {
	return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

class Reader {
	private pos = 0;

	constructor(
		private readonly src: string,
		private readonly limits: XmlLimits,
	) {}

	fail(reason: string, at = this.pos): never {
		const { line, column } = positionOf(this.src, at);
		throw new XmlSyntaxError(reason, line, column);
	}

	/** An XML name (at most one colon, not first or last), scanned by character code: the hottest loop. */
	private name(): string {
		const src = this.src;
		const start = this.pos;
		let i = start;
		const first = src.charCodeAt(i);
		if (!isNameStart(first)) this.fail('expected a name');
		let colon = -1;
		for (i++; i < src.length; i++) {
			const code = src.charCodeAt(i);
			if (code === 58) {
				if (colon !== -1) this.fail('a name has at most one ":"', i);
				colon = i;
			} else if (!isNameChar(code)) break;
		}
		if (colon === i - 1 || (colon !== -1 && !isNameStart(src.charCodeAt(colon + 1)))) this.fail('expected a name after ":"', colon + 1);
		this.pos = i;
		return src.slice(start, i);
	}

	private skipWs(): boolean {
		const src = this.src;
		const start = this.pos;
		let i = start;
		for (let code = src.charCodeAt(i); code === 32 || code === 10 || code === 9 || code === 13; code = src.charCodeAt(++i));
		this.pos = i;
		return i !== start;
	}

	private expect(text: string): void {
		if (!this.src.startsWith(text, this.pos)) this.fail(`expected "${text}"`);
		this.pos += text.length;
	}

	/** Resolves `&…;` references: the predefined five and character references, nothing else. */
	private decode(raw: string, at: number): string {
		if (raw.indexOf('&') === -1) return raw;
		ENTITY.lastIndex = 0;
		let out = '';
		let last = 0;
		const plain = (from: number, to: number) => {
			const stray = raw.indexOf('&', from);
			if (stray !== -1 && stray < to) this.fail('a bare "&" must be written &amp;', at + stray);
			return raw.slice(from, to);
		};
		for (let match = ENTITY.exec(raw); match; match = ENTITY.exec(raw)) {
			out += plain(last, match.index);
			const ref = match[1];
			let value = PREDEFINED.get(ref);
			if (value === undefined && ref.startsWith('#')) {
				const cp = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
				if (!isAllowedCodePoint(cp)) this.fail(`&${ref}; is not a character XML allows`, at + match.index);
				value = String.fromCodePoint(cp);
			}
			if (value === undefined) {
				this.fail(`the entity &${ref}; is not allowed: only &lt; &gt; &amp; &quot; &apos; and character references (no DTD)`, at + match.index);
			}
			out += value;
			last = match.index + match[0].length;
		}
		return out + plain(last, raw.length);
	}

	parse(): XmlElement {
		const src = this.src;
		const forbidden = FORBIDDEN_CHAR.exec(src);
		if (forbidden) this.fail(`character U+${forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, forbidden.index);
		if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
		if (src.startsWith('<?xml', this.pos) && /[\s?]/.test(src.charAt(this.pos + 5))) this.declaration();

		let root: XmlElement | undefined;
		const stack: XmlElement[] = [];
		const rootScope: Scope = Object.create(null);
		rootScope.xml = XML_NS;
		const scopes: Scope[] = [rootScope];
		while (this.pos < src.length) {
			const lt = src.indexOf('<', this.pos);
			const textEnd = lt === -1 ? src.length : lt;
			if (textEnd > this.pos) {
				const raw = src.slice(this.pos, textEnd);
				const parent = stack[stack.length - 1];
				// Whitespace before any text is layout (every value is read trimmed): not kept.
				if (parent && (parent.text !== '' || !isWhitespaceOnly(raw))) {
					if (raw.indexOf(']]>') !== -1) this.fail('"]]>" is not allowed in text', this.pos + raw.indexOf(']]>'));
					// End-of-line handling (XML 1.0 §2.11): CR LF and lone CR read as LF.
					parent.text += this.decode(raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n'), this.pos);
				} else if (!parent && !isWhitespaceOnly(raw)) {
					this.fail(root ? 'text after the root element' : 'text before the root element');
				}
			}
			if (lt === -1) break;
			this.pos = lt;
			const next = src.charCodeAt(lt + 1);
			if (next === 47 /* / */) {
				const open = stack.pop();
				const end = lt + 2 + (open ? open.qname.length : 0);
				if (open && src.startsWith(open.qname, lt + 2) && src.charCodeAt(end) === 62 /* > */) {
					this.pos = end + 1;
				} else {
					this.pos += 2;
					const name = this.name();
					this.skipWs();
					this.expect('>');
					if (!open) this.fail(`closing tag </${name}> without an opening tag`, lt);
					if (name !== open.qname) this.fail(`</${name}> closes <${open.qname}>`, lt);
				}
				scopes.pop();
			} else if (next !== 33 /* ! */ && next !== 63 /* ? */) {
				if (root && stack.length === 0) this.fail('a second root element', lt);
				const element = this.startTag(stack, scopes, lt);
				if (!root) root = element;
			} else if (src.startsWith('<!--', lt)) {
				const end = src.indexOf('-->', lt + 4);
				if (end === -1) this.fail('comment not closed', lt);
				if (src.slice(lt + 4, end).includes('--')) this.fail('"--" is not allowed inside a comment', lt);
				this.pos = end + 3;
			} else if (src.startsWith('<![CDATA[', lt)) {
				const parent = stack[stack.length - 1];
				if (!parent) this.fail('CDATA outside the root element', lt);
				const end = src.indexOf(']]>', lt + 9);
				if (end === -1) this.fail('CDATA section not closed', lt);
				parent.text += src.slice(lt + 9, end).replace(/\r\n?/g, '\n');
				this.pos = end + 3;
			} else if (src.startsWith('<!', lt)) {
				this.fail(
					src.startsWith('<!DOCTYPE', lt)
						? 'a DOCTYPE (DTD) is not allowed in UBL: it could declare external or expanding entities'
						: 'markup declarations are not allowed',
					lt,
				);
			} else if (src.startsWith('<?', lt)) {
				const end = src.indexOf('?>', lt + 2);
				if (end === -1) this.fail('processing instruction not closed', lt);
				if (/^<\?xml[\s?]/i.test(src.slice(lt, lt + 6))) this.fail('the XML declaration must come first', lt);
				this.pos = end + 2;
			} else {
				this.fail('markup declarations are not allowed', lt);
			}
		}
		if (stack.length > 0) this.fail(`<${stack[stack.length - 1].qname}> is not closed`, src.length);
		if (!root) this.fail('no root element');
		return root;
	}

	private declaration(): void {
		const end = this.src.indexOf('?>', this.pos);
		if (end === -1) this.fail('XML declaration not closed');
		const decl = this.src.slice(this.pos, end);
		const version = /version\s*=\s*["']([^"']*)["']/.exec(decl);
		if (!version || !/^1\.\d+$/.test(version[1])) this.fail('the XML declaration needs version="1.0"');
		const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(decl);
		if (encoding && !/^utf-?8$/i.test(encoding[1])) this.fail(`encoding ${encoding[1]} is not supported: UBL is read as UTF-8`);
		this.pos = end + 2;
	}

	private readonly keyCache = new Map<Scope, Map<string, string>>();

	private keyOf(qname: string, scope: Scope, isRoot: boolean, lt: number): string {
		const colon = qname.indexOf(':');
		const prefix = colon === -1 ? '' : qname.slice(0, colon);
		const local = colon === -1 ? qname : qname.slice(colon + 1);
		const namespace = scope[prefix];
		if (namespace === undefined && prefix !== '') this.fail(`the prefix ${prefix}: of <${qname}> is not declared`, lt);
		const known = namespace === undefined ? undefined : CANONICAL_PREFIX.get(namespace);
		if (known) return `${known}:${local}`;
		return isRoot && namespace && ROOT_NAMESPACES.get(namespace) === local ? local : `{${namespace ?? ''}}${local}`;
	}

	private startTag(stack: XmlElement[], scopes: Scope[], lt: number): XmlElement {
		const src = this.src;
		this.pos = lt + 1;
		const qname = this.name();
		let rawAttrs: Array<[string, string, number]> | undefined;
		for (;;) {
			const spaced = this.skipWs();
			const ch = src.charAt(this.pos);
			if (ch === '>' || ch === '/') break;
			if (!spaced) this.fail('expected whitespace, ">" or "/>"');
			if (ch === '') this.fail(`<${qname}> is not closed`);
			const at = this.pos;
			const name = this.name();
			this.skipWs();
			this.expect('=');
			this.skipWs();
			const quote = src.charAt(this.pos);
			if (quote !== '"' && quote !== "'") this.fail('an attribute value must be quoted');
			const end = src.indexOf(quote, this.pos + 1);
			if (end === -1) this.fail('attribute value not closed');
			const raw = src.slice(this.pos + 1, end);
			if (raw.indexOf('<') !== -1) this.fail('"<" is not allowed in an attribute value', this.pos + 1 + raw.indexOf('<'));
			// Attribute-value normalisation (XML 1.0 §3.3.3): literal tab, CR and LF read as spaces.
			const value = this.decode(/[\t\r\n]/.test(raw) ? raw.replace(/\r\n|[\t\r\n]/g, ' ') : raw, this.pos + 1);
			(rawAttrs ??= []).push([name, value, at]);
			this.pos = end + 1;
		}
		const selfClosing = src.charAt(this.pos) === '/';
		this.expect(selfClosing ? '/>' : '>');

		// Namespace declarations first: they apply to the element's own name and attributes.
		let scope = scopes[scopes.length - 1];
		let attrs: Record<string, string> | undefined;
		if (rawAttrs) {
			for (let i = 0; i < rawAttrs.length; i++) {
				const [name, value, at] = rawAttrs[i];
				for (let j = 0; j < i; j++) if (rawAttrs[j][0] === name) this.fail(`attribute ${name} is given twice`, at);
				if (name === 'xmlns' || name.startsWith('xmlns:')) {
					if (scope === scopes[scopes.length - 1]) scope = Object.assign(Object.create(null) as Scope, scope);
					scope[name === 'xmlns' ? '' : name.slice(6)] = value;
				}
			}
			for (const [name, value, at] of rawAttrs) {
				if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
				const colon = name.indexOf(':');
				// Unprefixed attributes (currencyID, schemeID…) are in no namespace; prefixed ones keep the
				// prefix as written once it is known to be bound.
				if (colon !== -1 && scope[name.slice(0, colon)] === undefined) this.fail(`the prefix of ${name} is not declared`, at);
				(attrs ??= Object.create(null) as Record<string, string>)[name] = value;
			}
		}
		const parent = stack[stack.length - 1];
		// Keys are the same for every element of one name under one set of namespace declarations.
		let keys = this.keyCache.get(scope);
		if (!keys) this.keyCache.set(scope, (keys = new Map()));
		let key = parent ? keys.get(qname) : undefined;
		if (key === undefined) {
			key = this.keyOf(qname, scope, !parent, lt);
			if (parent) keys.set(qname, key);
		}
		const element: XmlElement = { key, qname, attrs, children: NO_CHILDREN, text: '', parent, offset: lt, used: false, usedAttrs: undefined };
		if (parent) {
			if (parent.children === NO_CHILDREN) parent.children = [element];
			else parent.children.push(element);
		}
		if (stack.length + 1 > this.limits.maxDepth) this.fail(`elements nested deeper than ${this.limits.maxDepth} levels`, lt);
		if (!selfClosing) {
			stack.push(element);
			scopes.push(scope);
		}
		return element;
	}
}

/** Parses XML text into an element tree; throws XmlSyntaxError with line and column. */
export function parseXml(source: string, limits: XmlLimits): XmlElement {
	if (source.length > limits.maxBytes) throw new XmlSyntaxError(`the document is larger than ${limits.maxBytes} bytes`, 1, 1);
	return new Reader(source, limits).parse();
}
