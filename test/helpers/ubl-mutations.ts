// Deterministic mutations of valid UBL documents, to compare our validator with the oracle on
// documents that break rules: a leaf element removed, emptied, duplicated, its value or an
// attribute changed, or the CustomizationID switched between Peppol and plain EN 16931.
const LEAF = /<((?:cbc):[A-Za-z]+)((?:\s+[A-Za-z:]+="[^"]*")*)>([^<]*)<\/\1>/g;

/** A small seeded PRNG (mulberry32), so the mutated set is the same on every run. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const VALUES = ['', 'XX', '0', '-1', '100.005', '2026-13-45', 'ZZZ', '9999999999.99', 'S', 'E', 'AE', '58', '0208', 'BE0123456749', 'a b'];
const ATTRIBUTE_VALUES = ['USD', 'XXX', 'EM', '9999', 'C62', 'ZZ', ''];

export function mutate(xml: string, random: () => number): { xml: string; what: string } {
	const leaves = [...xml.matchAll(LEAF)];
	const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
	const leaf = pick(leaves);
	const at = leaf.index ?? 0;
	const [whole, name, attrs, text] = leaf;
	const replace = (by: string) => xml.slice(0, at) + by + xml.slice(at + whole.length);
	const kind = Math.floor(random() * 6);
	if (kind === 0) return { xml: replace(''), what: `removed ${name}` };
	if (kind === 1) return { xml: replace(whole + whole), what: `duplicated ${name}` };
	if (kind === 2 && attrs) {
		const value = pick(ATTRIBUTE_VALUES);
		return { xml: replace(`<${name}${attrs.replace(/="[^"]*"/, `="${value}"`)}>${text}</${name}>`), what: `${name} first attribute = '${value}'` };
	}
	if (kind === 3 && /^-?\d+(\.\d+)?$/.test(text.trim())) {
		const value = (Number(text) + pick([0.01, -0.01, 1, -100])).toFixed(2);
		return { xml: replace(`<${name}${attrs}>${value}</${name}>`), what: `${name} ${text} -> ${value}` };
	}
	if (kind === 4) {
		const peppol = xml.includes('urn:fdc:peppol.eu:2017:poacc:billing:3.0');
		const to = peppol ? 'urn:cen.eu:en16931:2017' : 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
		return { xml: xml.replace(/(<cbc:CustomizationID>)[^<]*(<\/cbc:CustomizationID>)/, `$1${to}$2`), what: `CustomizationID -> ${to}` };
	}
	const value = pick(VALUES);
	return { xml: replace(`<${name}${attrs}>${value}</${name}>`), what: `${name} = '${value}'` };
}
