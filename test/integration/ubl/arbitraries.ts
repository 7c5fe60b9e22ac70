// fast-check arbitraries for NumNum documents in the JSON contract: random but valid documents built
// around a trading scenario (domestic, EU, export, not subject to VAT, Canary Islands / Ceuta), and
// random corruptions of them.
import fc from 'fast-check';

import { enterpriseNumberCheckDigits, structuredCommunicationFor } from '../../../core/belgium';
import { ALLOWANCE_REASON_CODES, CHARGE_REASON_CODES } from '../../../core/codes';
import { dec, lineGrossAmount, round2 } from '../../../core/money';
import { tinyPdf } from '../../fixtures/corpus/tinyPdf';

export type Raw = Record<string, any>;

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

export const enterpriseNumberArb = fc.tuple(pick(['0', '1']), digits(7)).map(([first, rest]) => {
	const firstEight = first + rest;
	return firstEight + enterpriseNumberCheckDigits(firstEight);
});

// Text: always one plain word (so it is never blank), plus XML specials, accents, CJK, emoji, controls.
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);
const tricky = pick(['&', '<', '>', '"', "'", 'R&D;', '&amp;', '&#169;', ']]>', 'é', 'ü', 'ł', 'ß', '中文', '😀', '🦆', '\n', '\t', '\r\n', '  ']);
export const textArb = fc
	.tuple(word, fc.array(fc.oneof(word, tricky, fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 6 }))
	.map(([first, rest]) => [first, ...rest].join(' '));
const shortText = fc.tuple(word, fc.option(tricky, { nil: undefined })).map(([w, t]) => (t ? `${w} ${t}` : w));

const isoDateArb = fc
	.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));

const addressArb = (countryCode: string) =>
	fc.record(
		{
			street: shortText,
			additionalStreet: shortText,
			city: shortText,
			postalCode: digits(4),
			countryCode: fc.constant(countryCode),
		},
		{ requiredKeys: ['countryCode'] },
	);

const contactArb = fc.record(
	{ name: shortText, email: fc.tuple(word, word).map(([a, b]) => `${a.toLowerCase()}@${b.toLowerCase()}.be`), phone: digits(9).map((d) => `+32 ${d}`) },
	{ requiredKeys: [] },
);

const beParty = (withVat: boolean | 'maybe') =>
	fc
		.record({
			name: textArb,
			number: enterpriseNumberArb,
			address: addressArb('BE'),
			contact: fc.option(contactArb, { nil: undefined }),
			withVat: withVat === 'maybe' ? fc.boolean() : fc.constant(withVat),
			showEnterprise: fc.boolean(),
		})
		.map(({ name, number, address, contact, withVat: vat, showEnterprise }) => ({
			name,
			...(vat ? { vatNumber: `BE${number}` } : {}),
			...(showEnterprise || !vat ? { enterpriseNumber: number } : {}),
			address,
			...(contact ? { contact } : {}),
		}));

const EU_VAT: Record<string, fc.Arbitrary<string>> = {
	NL: fc.tuple(digits(9), digits(2)).map(([a, b]) => `NL${a}B${b}`),
	FR: digits(11).map((d) => `FR${d}`),
	DE: digits(9).map((d) => `DE${d}`),
	LU: digits(8).map((d) => `LU${d}`),
	ES: digits(8).map((d) => `ESB${d}`),
	IT: digits(11).map((d) => `IT${d}`),
	SE: digits(12).map((d) => `SE${d}`),
};

const euParty = fc.constantFrom(...Object.keys(EU_VAT)).chain((country) =>
	fc.record({ name: textArb, vatNumber: EU_VAT[country], address: addressArb(country) }),
);

const nonEuParty = fc.oneof(
	fc.record({ name: textArb, address: addressArb('US') }),
	fc.record({ name: textArb, vatNumber: digits(9).map((d) => `CHE${d}`), address: addressArb('CH') }),
	fc.record({ name: textArb, endpoint: fc.constant({ scheme: '0088', id: '5790000436057' }), address: addressArb('NO') }),
);

const spanishSeller = fc.record({ name: textArb, vatNumber: EU_VAT.ES, address: addressArb('ES') });

type Scenario = { seller: fc.Arbitrary<Raw>; buyer: fc.Arbitrary<Raw>; categories: string[] };
const SCENARIOS: Record<string, Scenario> = {
	domestic: { seller: beParty(true), buyer: beParty('maybe'), categories: ['S', 'Z', 'E', 'AE'] },
	eu: { seller: beParty(true), buyer: euParty, categories: ['S', 'K', 'AE', 'Z', 'E'] },
	export: { seller: beParty(true), buyer: nonEuParty, categories: ['G', 'S', 'Z', 'E'] },
	notSubject: { seller: beParty('maybe'), buyer: fc.oneof(beParty('maybe'), euParty), categories: ['O'] },
	canary: { seller: spanishSeller, buyer: beParty(true), categories: ['L', 'M', 'S'] },
	// Purchases from suppliers abroad, whose countries add Peppol rules (NL-R, IT-R, SE-R…); addresses are
	// often incomplete, so Auto must fall back to EN 16931 where Peppol would reject them.
	foreignSupplier: { seller: euParty, buyer: beParty(true), categories: ['AE', 'S', 'Z', 'E'] },
};

const RATES: Record<string, readonly (number | string)[]> = {
	S: [6, 12, 21, '5.5', 17],
	L: [0, 3, 7, '9.5', 15],
	M: ['0.5', 4, 10],
};

/** One exemption per category for the whole document (one breakdown row carries one reason). */
const exemptionArb = (category: string): fc.Arbitrary<Raw> => {
	switch (category) {
		case 'E':
			return fc.oneof(
				textArb.map((exemptionReason) => ({ exemptionReason })),
				pick(['VATEX-EU-132', 'VATEX-EU-143', 'VATEX-EU-132-1I', 'VATEX-EU-F']).map((exemptionReasonCode) => ({ exemptionReasonCode })),
			);
		case 'AE':
		case 'K':
		case 'G':
		case 'O': {
			const code = { AE: 'VATEX-EU-AE', K: 'VATEX-EU-IC', G: 'VATEX-EU-G', O: 'VATEX-EU-O' }[category];
			return fc.oneof(fc.constant({}), fc.constant({ exemptionReasonCode: code }), textArb.map((exemptionReason) => ({ exemptionReason })));
		}
		default:
			return fc.constant({});
	}
};

const vatArb = (categories: string[], exemptions: Record<string, Raw>) =>
	pick(categories).chain((category) =>
		(RATES[category] ? pick(RATES[category]) : fc.constant(0)).map((rate) => ({ category, rate, ...exemptions[category] })),
	);

const decimalString = (maxUnits: number, decimals: number, allowNegative: boolean) =>
	fc.integer({ min: allowNegative ? -maxUnits * 10 ** decimals : 0, max: maxUnits * 10 ** decimals }).map((n) => dec(n).dividedBy(10 ** decimals).toFixed());

const lineArb = (categories: string[], exemptions: Record<string, Raw>, allowNegative: boolean) =>
	fc
		.record({
			description: textArb,
			quantity: fc.oneof(decimalString(1000, 0, allowNegative), decimalString(100, 3, allowNegative)),
			unitCode: pick(['C62', 'HUR', 'DAY', 'KGM', 'LTR', 'MTR', 'BX', 'EA']),
			unitPrice: fc.oneof(decimalString(5000, 2, false), decimalString(100, 4, false)),
			baseQuantity: fc.option(pick(['1', '10', '100', '0.5', '12']), { nil: undefined }),
			discountKind: pick(['none', 'none', 'percent', 'amount', 'both'] as const),
			percent: decimalString(100, 2, false),
			amount: decimalString(30, 2, false),
			reason: fc.option(shortText, { nil: undefined }),
			vat: vatArb(categories, exemptions),
		})
		.map(({ discountKind, percent, amount, reason, baseQuantity, ...line }) => {
			const out: Raw = { ...line, ...(baseQuantity ? { baseQuantity } : {}) };
			const gross = lineGrossAmount({ quantity: dec(line.quantity), unitPrice: dec(line.unitPrice), baseQuantity: dec(baseQuantity ?? 1) });
			if (discountKind === 'percent') out.discount = { percent };
			// A discount never exceeds a positive line (that would be a negative quantity).
			if (discountKind === 'amount') out.discount = { amount: gross.isNegative() || dec(amount).lessThanOrEqualTo(round2(gross)) ? amount : round2(gross).toFixed(2) };
			if (discountKind === 'both') {
				// Both in agreement, sign included: on a negative line the percent goes alone.
				out.discount = gross.isNegative() ? { percent } : { percent, amount: round2(gross.times(percent).dividedBy(100)).toFixed(2) };
			}
			if (out.discount && reason) out.discount.reason = reason;
			return out;
		});

const allowanceArb = (categories: string[], exemptions: Record<string, Raw>, isCharge: boolean) =>
	fc.record(
		{
			amount: decimalString(100, 2, false),
			reason: textArb,
			reasonCode: pick([...(isCharge ? CHARGE_REASON_CODES : ALLOWANCE_REASON_CODES)].slice(0, 12)),
			vat: vatArb(categories, exemptions),
		},
		{ requiredKeys: ['amount', 'reason', 'vat'] },
	);

const IBANS = ['BE68539007547034', 'BE71096123456769', 'NL91ABNA0417164300', 'DE89370400440532013000'];
const pdfBase64 = tinyPdf('Property test').toString('base64');

const paymentArb = fc
	.record({
		means: pick([undefined, 'credit_transfer', 'sepa_credit_transfer', 'card', 'cash', 'direct_debit'] as const),
		iban: pick(IBANS),
		withIban: fc.boolean(),
		bic: fc.option(pick(['GKCCBEBB', 'KREDBEBB', 'ABNANL2A']), { nil: undefined }),
		reference: fc.oneof(digits(10).map(structuredCommunicationFor), shortText, fc.constant(undefined)),
		terms: fc.option(textArb, { nil: undefined }),
		prepaidAmount: fc.option(decimalString(300, 2, false), { nil: undefined }),
	})
	.map(({ means, iban, withIban, bic, reference, terms, prepaidAmount }) => {
		const needsIban = means === 'credit_transfer' || means === 'sepa_credit_transfer' || means === 'direct_debit';
		const payment: Raw = { ...(means ? { means } : {}) };
		if (needsIban || withIban) payment.iban = iban;
		if (bic && payment.iban) payment.bic = bic;
		if (means === 'direct_debit') payment.reference = `MANDATE-${reference ?? 'X'}`.slice(0, 140);
		else if (reference) payment.reference = reference;
		if (terms) payment.terms = terms;
		if (prepaidAmount) payment.prepaidAmount = prepaidAmount;
		return payment;
	});

const TYPES = ['invoice', 'invoice', 'credit_note', 'proforma', 'expense'] as const;

/** A valid NumNum document (contract JSON). */
export const documentArb: fc.Arbitrary<Raw> = fc
	.record({ scenario: pick(Object.keys(SCENARIOS)), type: pick(TYPES), manyLines: fc.boolean() })
	.chain(({ scenario, type, manyLines }) => {
		const { seller, buyer, categories } = SCENARIOS[scenario];
		return fc
			.record({
				exemptions: fc.record(Object.fromEntries(categories.map((c) => [c, exemptionArb(c)]))),
				useCategories: fc.subarray(categories, { minLength: 1 }),
			})
			.chain(({ exemptions, useCategories }) =>
				fc.record(
					{
						id: fc.tuple(word, digits(4)).map(([w, d]) => `doc_${w}_${d}`),
						type: fc.constant(type),
						status: pick(['sent', 'paid', 'partially_paid', 'overdue', 'received', 'booked']),
						number: fc.tuple(pick(['2026-', 'CN-', 'F', 'PF/', 'A B ', 'ü-']), digits(4)).map(([p, d]) => p + d),
						issueDate: isoDateArb,
						dueDate: isoDateArb,
						currency: pick(['EUR', 'EUR', 'EUR', 'USD', 'GBP', 'CHF', 'SEK']),
						language: pick(['nl', 'fr', 'en', 'de']),
						seller,
						buyer,
						buyerReference: shortText,
						orderReference: shortText,
						invoiceReference: fc.record({ number: shortText, issueDate: isoDateArb }, { requiredKeys: ['number'] }),
						invoicePeriod: fc.tuple(isoDateArb, isoDateArb).map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b })),
						delivery: fc.record({ date: isoDateArb, countryCode: pick(['BE', 'NL', 'FR', 'DE']) }, { requiredKeys: [] }),
						note: textArb,
						lines: fc.array(lineArb(useCategories, exemptions, type !== 'proforma'), { minLength: 1, maxLength: manyLines ? 40 : 5 }),
						allowances: fc.array(allowanceArb(useCategories, exemptions, false), { maxLength: 2 }),
						charges: fc.array(allowanceArb(useCategories, exemptions, true), { maxLength: 2 }),
						payment: paymentArb,
						pdf: fc.constant({ filename: 'document.pdf', contentBase64: pdfBase64 }),
					},
					{ requiredKeys: ['id', 'type', 'status', 'number', 'issueDate', 'seller', 'buyer', 'lines'] },
				),
			)
			.map((doc) => {
				// BR-CO-25: an invoice needs a due date or payment terms; give terms when the due date is left out.
				if (!doc.dueDate && !doc.payment?.terms) doc.payment = { ...(doc.payment ?? {}), terms: 'Betaling bij ontvangst' };
				return JSON.parse(JSON.stringify(doc)) as Raw;
			});
	});

// ---------------------------------------------------------------- corruptions

export type CorruptionKind =
	| 'delete'
	| 'wrongType'
	| 'null'
	| 'badCheckDigits'
	| 'badDate'
	| 'badCode'
	| 'negative'
	| 'junkText'
	| 'switchCategory'
	| 'quote'
	| 'wrongTotals'
	| 'emptyLines';

export interface Corruption {
	kind: CorruptionKind;
	/** Dotted path of what was changed (the parser's path format). */
	path: string;
	/** Top-level fields an issue may name for this corruption (cross-field rules point elsewhere). */
	related: string[];
	doc: Raw;
}

/** Every dotted path in the document, objects and leaves. */
export function pathsOf(value: unknown, prefix = ''): string[] {
	if (value === null || typeof value !== 'object') return [];
	const out: string[] = [];
	for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
		const path = prefix ? `${prefix}.${key}` : key;
		out.push(path, ...pathsOf(child, path));
	}
	return out;
}

function getAt(doc: Raw, path: string): any {
	return path.split('.').reduce((node: any, key) => (node == null ? undefined : node[key]), doc);
}

function setAt(doc: Raw, path: string, value: unknown): void {
	const keys = path.split('.');
	const parent = keys.slice(0, -1).reduce((node: any, key) => node[key], doc);
	const last = keys[keys.length - 1];
	if (value === undefined) {
		if (Array.isArray(parent)) parent.splice(Number(last), 1);
		else delete parent[last];
	} else parent[last] = value;
}

const bumpLastDigit = (text: string) => text.replace(/(\d)(\D*)$/, (_, d: string, tail: string) => `${(Number(d) + 1) % 10}${tail}`);

export const corruptionArb: fc.Arbitrary<Corruption> = fc
	.record({
		doc: documentArb,
		kind: pick<CorruptionKind>(['delete', 'delete', 'wrongType', 'null', 'badCheckDigits', 'badDate', 'badCode', 'negative', 'junkText', 'switchCategory', 'quote', 'wrongTotals', 'emptyLines']),
		choice: fc.nat(),
		category: pick(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']),
		junk: pick(['\u0000\u0001\u0002', '   ', 'x'.repeat(5000), '\uFFFF', '\uD800']),
	})
	.map(({ doc, kind, choice, category, junk }) => {
		const all = pathsOf(doc);
		const choose = (paths: string[]) => paths[choice % paths.length];
		const top = (path: string) => [path.split('.')[0]];
		switch (kind) {
			case 'delete':
			case 'null': {
				const path = choose(all);
				setAt(doc, path, kind === 'null' ? null : undefined);
				return { kind, path, related: ['lines', 'seller', 'buyer', 'allowances', 'charges', 'payment', 'dueDate', 'delivery', ...top(path)], doc };
			}
			case 'wrongType': {
				const path = choose(all);
				const current = getAt(doc, path);
				const replacement = typeof current === 'string' ? (choice % 2 ? 12345 : { text: current }) : typeof current === 'number' ? 'not a number' : Array.isArray(current) ? { list: 1 } : 'text';
				setAt(doc, path, replacement);
				return { kind, path, related: top(path), doc };
			}
			case 'badCheckDigits': {
				const candidates = ['seller.enterpriseNumber', 'seller.vatNumber', 'buyer.enterpriseNumber', 'buyer.vatNumber', 'payment.iban', 'payment.reference'].filter((p) => {
					const v = getAt(doc, p);
					return typeof v === 'string' && (p !== 'payment.reference' || v.startsWith('+++')) && (!p.endsWith('vatNumber') || v.startsWith('BE'));
				});
				if (candidates.length === 0) {
					setAt(doc, 'seller.enterpriseNumber', bumpLastDigit('0876543270'));
					return { kind, path: 'seller.enterpriseNumber', related: ['seller'], doc };
				}
				const path = choose(candidates);
				setAt(doc, path, bumpLastDigit(getAt(doc, path)));
				return { kind, path, related: top(path), doc };
			}
			case 'badDate': {
				const path = choose(['issueDate', 'dueDate', 'sentAt', 'delivery.date', 'invoicePeriod.start'].filter((p) => p === 'issueDate' || getAt(doc, p) !== undefined));
				setAt(doc, path, ['2026-02-30', '2026-13-01', '20-11-2026', 'tomorrow', '2026-1-5'][choice % 5]);
				return { kind, path, related: top(path), doc };
			}
			case 'badCode': {
				const options: Array<[string, string]> = [
					['currency', 'EURO'],
					['type', 'receipt'],
					['status', 'lost'],
					['lines.0.unitCode', 'NOPE'],
					['lines.0.vat.category', 'X'],
					['seller.address.countryCode', 'XX'],
					['buyer.address.countryCode', 'B3'],
					['payment.means', 'cheque'],
					['language', 'xx'],
				];
				const [path, value] = options[choice % options.length];
				if (path === 'payment.means' && !doc.payment) doc.payment = {};
				setAt(doc, path, value);
				return { kind, path, related: top(path), doc };
			}
			case 'negative': {
				const options = ['lines.0.unitPrice', 'lines.0.baseQuantity', 'allowances.0.amount', 'charges.0.amount', 'payment.prepaidAmount'].filter(
					(p) => getAt(doc, p.replace(/\.\w+$/, '')) !== undefined,
				);
				const path = choose(options);
				setAt(doc, path, '-1.50');
				return { kind, path, related: top(path), doc };
			}
			case 'junkText': {
				const options = ['number', 'seller.name', 'buyer.name', 'lines.0.description', 'lines.0.id', 'note', 'buyerReference', 'payment.terms', 'seller.address.street', 'buyer.endpoint.id'];
				const path = choose(options);
				if (path === 'buyer.endpoint.id') doc.buyer.endpoint = { scheme: '0088', id: junk };
				else if (path === 'payment.terms' && !doc.payment) doc.payment = { terms: junk };
				else setAt(doc, path, junk);
				return { kind, path, related: [...top(path), 'dueDate'], doc };
			}
			case 'switchCategory': {
				const index = choice % doc.lines.length;
				doc.lines[index].vat.category = category;
				return { kind, path: `lines.${index}.vat.category`, related: ['lines', 'seller', 'buyer', 'allowances', 'charges'], doc };
			}
			case 'quote':
				doc.type = 'quote';
				return { kind, path: 'type', related: ['type'], doc };
			case 'wrongTotals':
				doc.totals = { lineExtension: '1.00', taxExclusive: '1.00', tax: '0.21', taxInclusive: '1.21', payable: '1.21' };
				return { kind, path: 'totals', related: ['totals'], doc };
			case 'emptyLines':
				doc.lines = [];
				return { kind, path: 'lines', related: ['lines'], doc };
		}
	});

// ---------------------------------------------------------------- hostile structure (issue 9)

export type HostileKind = 'prototypeKeys' | 'deepNesting' | 'duplicateLineIds' | 'hugeValue' | 'unrepresentableText';

export interface Hostile {
	kind: HostileKind;
	/** Dotted path of what was changed; '' when every level was (prototype keys). */
	path: string;
	doc: Raw;
	/** The document before the change, for kinds that must not change the result (prototype keys). */
	clean?: Raw;
}

const POISON = '{"discount":{"percent":50},"vat":{"category":"Z","rate":0},"quantity":1000,"currency":"USD","lines":[],"type":"quote"}';

/** The document as JSON.parse makes it from text with `__proto__`, `constructor` and `prototype` at every object level. */
export function withPrototypeKeys(doc: unknown): Raw {
	const write = (value: unknown): string => {
		if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
		if (!value || typeof value !== 'object') return JSON.stringify(value);
		const fields = Object.entries(value).map(([key, field]) => `${JSON.stringify(key)}:${write(field)}`);
		return `{"__proto__":${POISON},"constructor":${POISON},"prototype":${POISON}${fields.length ? ',' : ''}${fields.join(',')}}`;
	};
	return JSON.parse(write(doc));
}

const nested = (depth: number, list: boolean): unknown => JSON.parse(list ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

const HUGE = [1e16, 1e21, -1e21, '10000000000000000', '9'.repeat(30), `0.00${'4'}${'9'.repeat(40)}5`, '1e400', 1e-30];
const UNREPRESENTABLE = ['a\u0000b', 'bell\u0007', 'x\uFFFE', 'x\uFFFF', 'x\uD800y', '\uDC00'];

export const hostileArb: fc.Arbitrary<Hostile> = fc
	.record({
		doc: documentArb,
		kind: pick<HostileKind>(['prototypeKeys', 'deepNesting', 'duplicateLineIds', 'hugeValue', 'unrepresentableText']),
		choice: fc.nat(),
		withNull: fc.boolean(),
		depth: fc.integer({ min: 33, max: 20_000 }),
		list: fc.boolean(),
	})
	.map(({ doc: generated, kind, choice, withNull, depth, list }): Hostile => {
		// fast-check hands the same generated value to this map again while shrinking: change a copy.
		const doc = structuredClone(generated);
		const choose = <T>(options: T[]) => options[choice % options.length];
		switch (kind) {
			case 'prototypeKeys': {
				// A null anywhere makes the parser copy the input (the copy that once assigned __proto__).
				if (withNull) doc.orderReference = null;
				return { kind, path: '', doc: withPrototypeKeys(doc), clean: doc };
			}
			case 'deepNesting': {
				const path = choose(['note', 'extra', 'lines.0.vat', 'lines.0.quantity', 'seller.address', 'payment', 'lines']);
				if (path === 'payment' && !doc.payment) doc.payment = {};
				const value = nested(depth, list);
				if (path === 'lines') doc.lines.push(value);
				else setAt(doc, path, value);
				return { kind, path: path === 'lines' ? `lines.${doc.lines.length - 1}` : path, doc };
			}
			case 'duplicateLineIds': {
				const line = { ...doc.lines[0], id: doc.lines[0].id ?? '1' };
				doc.lines[0] = line;
				doc.lines.push({ ...line });
				delete doc.totals;
				return { kind, path: `lines.${doc.lines.length - 1}.id`, doc };
			}
			case 'hugeValue': {
				const path = choose(['lines.0.quantity', 'lines.0.unitPrice', 'lines.0.baseQuantity', 'lines.0.vat.rate', 'payment.prepaidAmount', 'totals.payable']);
				if (path.startsWith('payment') && !doc.payment) doc.payment = {};
				if (path.startsWith('totals') && !doc.totals) doc.totals = { lineExtension: 1, taxExclusive: 1, tax: 0, taxInclusive: 1, payable: 1 };
				setAt(doc, path, choose(HUGE));
				return { kind, path, doc };
			}
			case 'unrepresentableText': {
				const path = choose(['number', 'seller.name', 'buyer.name', 'lines.0.description', 'lines.0.id', 'note', 'seller.address.street']);
				setAt(doc, path, `${choose(['', 'ok '])}${UNREPRESENTABLE[(choice >> 3) % UNREPRESENTABLE.length]}`);
				return { kind, path, doc };
			}
		}
	});
