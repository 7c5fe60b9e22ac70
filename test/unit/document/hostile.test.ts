// Hostile and careless input (issue 9): each case here failed before its fix.
import { computeTotals } from '../../../core/money';
import { DocumentError, parseDocument, safeParseDocument } from '../../../core/document';
import { SeenEventIds, receiveEvent } from '../../../core/events';
import { sign } from '../../../core/signature';
import { buildUbl } from '../../../core/ubl';
import { example } from './sharedExamples';

const invoice = () => example('invoice.json');
const payable = (doc: unknown) => computeTotals(parseDocument(doc)).payable.toFixed(2);

describe('prototype keys never change the model (issue 9.1)', () => {
	const POISON = { discount: { percent: 50 }, vat: { category: 'Z', rate: 0 }, quantity: 1000, lines: [], currency: 'USD' };

	/** JSON text with `__proto__`, `constructor` and `prototype` in every object: JSON.parse makes them own keys. */
	function poisoned(doc: unknown): unknown {
		const poison = JSON.stringify(POISON);
		const walk = (value: unknown): string => {
			if (Array.isArray(value)) return `[${value.map(walk).join(',')}]`;
			if (!value || typeof value !== 'object') return JSON.stringify(value);
			const fields = Object.entries(value).map(([key, field]) => `${JSON.stringify(key)}:${walk(field)}`);
			return `{"__proto__":${poison},"constructor":${poison},"prototype":${poison},${fields.join(',')}}`;
		};
		return JSON.parse(walk(doc));
	}

	it.each([
		['without a null', (doc: any) => doc],
		['with a null anywhere (the null-dropping copy)', (doc: any) => ((doc.orderReference = null), doc)],
		['with a null on a line', (doc: any) => ((doc.lines[0].discount = null), doc)],
	])('%s', (_label, change) => {
		const clean = payable(change(invoice()));
		const hostile = poisoned(change(invoice()));
		expect(Object.prototype.hasOwnProperty.call((hostile as any).lines[0], '__proto__')).toBe(true);
		expect(payable(hostile)).toBe(clean);
		const model = parseDocument(hostile);
		for (const line of model.lines) {
			expect(Object.getPrototypeOf(line)).toBe(Object.prototype);
			expect(Object.keys(line)).not.toContain('__proto__');
		}
		expect(model.currency).toBe('EUR');
	});
});

describe('deep nesting ends in a DocumentError naming the field (issue 9.2)', () => {
	const DEPTH = 20_000;
	/** The document as JSON text with `inner` at `path`, where `inner` is nested DEPTH levels deep. */
	function deepText(place: (doc: any, marker: string) => void, open = '{"a":', close = '}'): string {
		const doc = invoice();
		place(doc, 'DEEP');
		return JSON.stringify(doc).replace('"DEEP"', `${open.repeat(DEPTH)}1${close.repeat(DEPTH)}`);
	}

	it.each([
		['an unknown field', (doc: any, m: string) => (doc.extra = m), 'extra'],
		['the note', (doc: any, m: string) => (doc.note = m), 'note'],
		["a line's vat", (doc: any, m: string) => (doc.lines[1].vat = m), 'lines.1.vat.a|lines.1.vat.0'],
		['a list in a list', (doc: any, m: string) => (doc.lines[0].quantity = m), 'lines.0.quantity'],
	])('%s', (_label, place, field) => {
		for (const [open, close] of [['{"a":', '}'], ['[', ']']]) {
			const text = deepText(place, open, close);
			const result = safeParseDocument(text);
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.issues).toEqual([{ path: expect.stringMatching(`^(${field.replace(/\./g, '\\.')})$`), message: expect.stringContaining('nested more than') }]);
			expect(() => parseDocument(JSON.parse(text))).toThrow(DocumentError);
		}
	});

	it('a signed event with a deep body is answered 400, not a thrown RangeError', () => {
		const event = { id: 'evt_deep', type: 'document.sent', createdAt: '2026-11-20T10:15:00Z', data: { document: { lines: 'DEEP' } } };
		const body = Buffer.from(JSON.stringify(event).replace('"DEEP"', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`));
		const now = 1_790_000_000;
		const delivery = receiveEvent({
			rawBody: body,
			signatureHeader: sign('whsec_test', body.toString('utf8'), now),
			secrets: ['whsec_test'],
			filters: { documentTypes: ['invoice'] },
			seen: new SeenEventIds(),
			now,
		});
		expect(delivery.status).toBe(400);
		expect(JSON.stringify(delivery.response)).toContain('data.document.lines');
	});
});

describe('a discount given as percent and amount must agree in sign too (issue 9.3)', () => {
	const negativeLine = (discount: unknown) => {
		const doc = invoice();
		doc.lines = [{ description: 'Correction', quantity: -2, unitPrice: 50, discount, vat: { category: 'S', rate: 21 } }];
		delete doc.totals;
		return doc;
	};

	it('refuses 10 % stated as a positive 10.00 on a line of −100.00, naming the amount', () => {
		const result = safeParseDocument(negativeLine({ percent: 10, amount: 10 }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues).toEqual([{ path: 'lines.0.discount.amount', message: expect.stringContaining('-10.00') }]);
	});

	it('keeps the percent alone, whose sign follows the line (net −90.00)', () => {
		expect(computeTotals(parseDocument(negativeLine({ percent: 10 }))).lineExtension.toFixed(2)).toBe('-90.00');
	});
});

describe('line ids identify one line (issue 9.10, BT-126)', () => {
	const withLines = (ids: Array<string | undefined>) => {
		const doc = invoice();
		doc.lines = ids.map((id, i) => ({ ...(id === undefined ? {} : { id }), description: `Item ${i}`, quantity: 1, unitPrice: 10, vat: { category: 'S', rate: 21 } }));
		delete doc.totals;
		return doc;
	};
	const issues = (doc: unknown) => {
		const result = safeParseDocument(doc);
		return result.ok ? [] : result.issues;
	};

	it('refuses a duplicate id, naming the second line and the first', () => {
		expect(issues(withLines(['A', 'B', ' A ']))).toEqual([{ path: 'lines.2.id', message: expect.stringMatching(/lines\.0.*BT-126/) }]);
	});

	it('refuses a defaulted id that collides with a given one (2, 2, 3)', () => {
		expect(issues(withLines(['2', undefined, undefined]))).toEqual([
			{ path: 'lines.1.id', message: expect.stringMatching(/not given.*"2".*lines\.0/) },
		]);
	});

	it('keeps distinct ids, given or defaulted', () => {
		expect(parseDocument(withLines([undefined, undefined, '7'])).lines.map((line) => line.id)).toEqual(['1', '2', '7']);
	});
});

describe('the DocumentError message is bounded; every issue stays in issues (issue 9.11)', () => {
	it('10,000 bad lines: a short message that says how many more there are', () => {
		const doc = invoice();
		doc.lines = Array.from({ length: 10_000 }, () => ({ description: 'x', quantity: 'many', unitPrice: 1, vat: { category: 'S', rate: 21 } }));
		let error: DocumentError | undefined;
		try {
			parseDocument(doc);
		} catch (caught) {
			error = caught as DocumentError;
		}
		expect(error).toBeInstanceOf(DocumentError);
		expect(error!.issues).toHaveLength(10_000);
		expect(error!.message.length).toBeLessThan(2_000);
		expect(error!.message).toContain('lines.0.quantity');
		expect(error!.message).toMatch(/and 9,99\d more/);
	});

	it('a huge value in a message is cut', () => {
		const error = new DocumentError([{ path: 'note', message: `x${'y'.repeat(100_000)}` }]);
		expect(error.message.length).toBeLessThan(2_000);
		expect(error.issues[0].message).toHaveLength(100_001);
	});
});

describe('characters XML cannot carry are refused naming the field (issue 9.14)', () => {
	it.each([
		['NUL', 'a\u0000b'],
		['a C0 control', 'bell\u0007'],
		['U+FFFE', 'x\uFFFE'],
		['U+FFFF', 'x\uFFFF'],
		['a lone high surrogate', 'x\uD800y'],
		['a lone low surrogate', 'x\uDC00'],
	])('%s', (_label, value) => {
		for (const [path, set] of [
			['note', (doc: any) => (doc.note = value)],
			['seller.name', (doc: any) => (doc.seller.name = value)],
			['lines.1.description', (doc: any) => (doc.lines[1].description = value)],
		] as const) {
			const doc = invoice();
			set(doc);
			const result = safeParseDocument(doc);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.issues).toEqual([{ path, message: expect.stringContaining('XML cannot carry') }]);
		}
	});

	it('keeps tab, line breaks, emoji and CJK', () => {
		const doc = invoice();
		doc.note = 'a\tb\nc\r\nd 😀 中文';
		expect(parseDocument(doc).note).toBe('a\tb\nc\r\nd 😀 中文');
	});
});

describe('careless callers get errors that say what to do (issue 9.16)', () => {
	it('buildUbl on the raw JSON says to call parseDocument first', () => {
		expect(() => buildUbl(invoice())).toThrow(/parseDocument/);
		try {
			buildUbl(invoice());
		} catch (error) {
			expect(error).toBeInstanceOf(DocumentError);
		}
		expect(() => buildUbl(null as never)).toThrow(/parseDocument/);
	});

	it('a pdf option whose content is not a Buffer is refused naming pdf', () => {
		const doc = parseDocument(invoice());
		for (const content of ['%PDF-1.4 as text', 42, undefined]) {
			let error: unknown;
			try {
				buildUbl(doc, { pdf: { content: content as never, filename: 'x.pdf' } });
			} catch (caught) {
				error = caught;
			}
			expect(error).toBeInstanceOf(DocumentError);
			expect((error as DocumentError).issues).toEqual([{ path: 'pdf', message: expect.stringContaining('Buffer') }]);
		}
		// A Uint8Array is bytes too.
		const bytes = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));
		expect(buildUbl(doc, { pdf: { content: bytes as never } }).pdfEmbedded).toBe(true);
	});

	it('a discount larger than its line is refused naming the line, not written as a negative line', () => {
		const doc = invoice();
		doc.lines = [{ description: 'Cake', quantity: 1, unitPrice: 100, discount: { amount: 150 }, vat: { category: 'S', rate: 21 } }];
		delete doc.totals;
		const result = safeParseDocument(doc);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues).toEqual([{ path: 'lines.0.discount.amount', message: expect.stringContaining('100.00') }]);
		doc.lines[0].discount.amount = 100;
		expect(computeTotals(parseDocument(doc)).lineExtension.toFixed(2)).toBe('0.00');
	});
});

describe('years, rates and amounts stay within what EN 16931 and the UBL XSD carry (issue 9.7)', () => {
	const refusal = (change: (doc: any) => void, build = false) => {
		const doc = invoice();
		delete doc.totals;
		change(doc);
		try {
			const model = parseDocument(doc);
			if (build) buildUbl(model);
		} catch (error) {
			expect(error).toBeInstanceOf(DocumentError);
			return (error as DocumentError).issues;
		}
		throw new Error('expected a refusal');
	};

	it.each(['issueDate', 'dueDate'])('%s 0000-01-01 (xs:date has no year 0)', (field) => {
		expect(refusal((doc) => (doc[field] = '0000-01-01'))).toEqual([{ path: field, message: expect.stringContaining('YYYY-MM-DD') }]);
	});

	it('a standard rate of 0.4 % (BR-CO-17 rounds the rate to a whole percent)', () => {
		expect(refusal((doc) => (doc.lines[0].vat.rate = 0.4))).toEqual([{ path: 'lines.0.vat.rate', message: expect.stringContaining('BR-CO-17') }]);
	});

	it.each([
		['lines.0.unitPrice', 1e16],
		['lines.0.unitPrice', '10000000000000000'],
		['lines.0.quantity', 1e21],
		['lines.0.quantity', -1e21],
	])('%s = %s', (path, value) => {
		const [, index, field] = path.split('.');
		expect(refusal((doc) => (doc.lines[Number(index)][field] = value))).toEqual([{ path, message: expect.stringContaining('10^15') }]);
	});

	it('an amount computed beyond 10^15 (1e8 × 1e8) is refused naming the line', () => {
		const issues = refusal((doc) => Object.assign(doc.lines[0], { quantity: 1e8, unitPrice: 1e8 }), true);
		expect(issues).toEqual(expect.arrayContaining([{ path: 'lines.0', message: expect.stringContaining('10^15') }]));
	});
});

describe('amounts are exact: inputs with more digits than the computation carries are refused (issue 9.8)', () => {
	it.each([
		['lines.0.quantity', `0.00${'4'}${'9'.repeat(40)}5`],
		['lines.0.unitPrice', `1.00${'4'}${'9'.repeat(40)}`],
		['lines.0.unitPrice', '0.0000000000000000000001'],
		['lines.0.quantity', 1e-30],
	])('%s = %s', (path, value) => {
		const doc = invoice();
		delete doc.totals;
		const [, index, field] = path.split('.');
		doc.lines[Number(index)][field] = value;
		const result = safeParseDocument(doc);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues).toEqual([{ path, message: expect.stringContaining('digits') }]);
	});

	it('keeps 20 significant digits', () => {
		const doc = invoice();
		delete doc.totals;
		doc.lines[0].quantity = '1.2345678901234567890';
		expect(parseDocument(doc).lines[0].quantity.toFixed()).toBe('1.234567890123456789');
	});
});
