// The parser's fast path must be zod's parse for good input, key for key and Decimal for Decimal, and
// must hand every input zod finds a problem in back to zod. Checked on small schemas (each zod node
// kind it walks), then on the document schema over the corpus, the contract's examples, random valid
// documents and random corruptions of them.
import { readFileSync, readdirSync } from 'fs';
import { resolve } from 'path';
import fc from 'fast-check';
import { z } from 'zod';
import { NOT_CLEAN, fastPathOf } from '../../../core/document/fastPath';
import { decimal, leaf, LeafProblem, withoutNulls } from '../../../core/document/fields';
import { documentSchema } from '../../../core/document/schema';
import { Dec } from '../../../core/money/decimal';
import { corruptionArb, documentArb } from '../../integration/ubl/arbitraries';
import { example, exampleNames, repoRoot } from './sharedExamples';

/** A value with its exact shape made visible: key order, undefined keys, Decimals vs strings. */
function exactly(value: unknown): unknown {
	if (Dec.isDecimal(value)) return { decimal: (value as Dec).toString(), ours: value instanceof Dec };
	if (Array.isArray(value)) return value.map(exactly);
	if (typeof value === 'object' && value !== null) {
		return Object.keys(value).map((key) => [key, exactly((value as Record<string, unknown>)[key])]);
	}
	return value === undefined ? { undefined: true } : value;
}

/** Fast path and zod agree: same output when zod succeeds, NOT_CLEAN when it does not. */
function expectSameAsZod(schema: z.ZodTypeAny, input: unknown, fast = fastPathOf(schema)): boolean {
	const expected = schema.safeParse(input);
	const actual = fast(input);
	if (expected.success) {
		expect(actual).not.toBe(NOT_CLEAN);
		expect(exactly(actual)).toEqual(exactly(expected.data));
	} else {
		expect(actual).toBe(NOT_CLEAN);
	}
	return expected.success;
}

describe('fastPathOf on each zod node kind', () => {
	it('strings: trims before the length checks, in zod order', () => {
		const schema = z.string().trim().min(1).max(3);
		for (const input of ['  ab  ', ' ', 'abcd', '  abc ', 12, undefined]) expectSameAsZod(schema, input);
		const upper = z.string().toUpperCase().length(2);
		for (const input of ['be', 'bel']) expectSameAsZod(upper, input);
	});

	it('leaves other string checks (e-mail) to zod', () => {
		const schema = z.string().trim().email();
		expect(fastPathOf(schema)(' an@dezon.be ')).toBe('an@dezon.be');
		for (const input of ['an@dezon.be', 'not an address', ' an@dezon.be ']) expectSameAsZod(schema, input);
	});

	it('objects: unknown keys dropped, a given undefined key kept, an absent optional key left out', () => {
		const schema = z.object({ a: z.string(), b: z.string().optional(), c: z.string().optional() });
		const out = fastPathOf(schema)({ a: 'x', b: undefined, extra: 1 });
		expect(Object.keys(out as object)).toEqual(['a', 'b']);
		for (const input of [{ a: 'x', b: undefined, extra: 1 }, { a: 'x' }, { a: 1 }, [], null, new Date()]) {
			expectSameAsZod(schema, input);
		}
	});

	it('leaves passthrough and strict objects to zod', () => {
		expectSameAsZod(z.object({ a: z.string() }).passthrough(), { a: 'x', b: 2 });
		expectSameAsZod(z.object({ a: z.string() }).strict(), { a: 'x', b: 2 });
	});

	it('defaults go through the inner schema, as in zod', () => {
		const schema = z.object({ quantity: decimal({ sign: 'positive' }).default(1 as never) });
		const out = fastPathOf(schema)({}) as { quantity: Dec };
		expect(Dec.isDecimal(out.quantity)).toBe(true);
		for (const input of [{}, { quantity: '2.5' }, { quantity: -1 }]) expectSameAsZod(schema, input);
	});

	it('arrays with their length bounds', () => {
		const schema = z.array(z.enum(['S', 'Z'])).min(1).max(2);
		for (const input of [['S'], [], ['S', 'Z', 'S'], ['E'], 'S', [undefined]]) expectSameAsZod(schema, input);
	});

	it('refinements, transforms and preprocessing give up at the first issue', () => {
		const refined = z.string().refine((value) => value.startsWith('+'), 'must start with +');
		const superRefined = z.number().superRefine((value, ctx) => {
			if (value > 9) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'too big' });
		});
		const transformed = z.string().transform((value, ctx) => {
			if (value === 'bad') {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'bad' });
				return z.NEVER;
			}
			return value.length;
		});
		const preprocessed = z.preprocess(withoutNulls, z.object({ a: z.string().optional() }));
		for (const input of ['+1', '1']) expectSameAsZod(refined, input);
		for (const input of [3, 12]) expectSameAsZod(superRefined, input);
		for (const input of ['good', 'bad']) expectSameAsZod(transformed, input);
		for (const input of [{ a: null }, { a: 'x' }, { a: 1 }]) expectSameAsZod(preprocessed, input);
	});

	it('an async refinement is not judged here (zod refuses it in a synchronous parse too)', () => {
		const schema = z.string().refine(async () => true);
		expect(fastPathOf(schema)('x')).toBe(NOT_CLEAN);
		expect(() => schema.safeParse('x')).toThrow(/Async/);
	});

	it('plain-code leaves: the same value or problem as through zod', () => {
		const schema = leaf('string', (value: string) => (value === 'ok' ? 1 : new LeafProblem<number>('not ok')));
		for (const input of ['ok', 'no', 5]) expectSameAsZod(schema, input);
	});

	it('kinds it does not walk (unions) are parsed by zod', () => {
		const schema = z.object({ value: z.union([z.string(), z.number()]) });
		for (const input of [{ value: 'a' }, { value: 1 }, { value: true }]) expectSameAsZod(schema, input);
	});
});

describe('the document parser fast path', () => {
	const fast = fastPathOf(documentSchema);
	const corpusDir = resolve(repoRoot, 'test', 'fixtures', 'corpus');
	const corpus = readdirSync(corpusDir).filter((name) => name.endsWith('.json'));

	it('takes every valid corpus document and every contract example, with zod’s exact model', () => {
		let valid = 0;
		for (const name of corpus) {
			if (expectSameAsZod(documentSchema, JSON.parse(readFileSync(resolve(corpusDir, name), 'utf8')), fast)) valid++;
		}
		for (const name of exampleNames()) if (expectSameAsZod(documentSchema, example(name), fast)) valid++;
		expect(valid).toBeGreaterThanOrEqual(40);
	});

	it('equals zod on random valid documents', () => {
		fc.assert(
			fc.property(documentArb, (raw) => {
				expectSameAsZod(documentSchema, raw, fast);
			}),
			{ numRuns: 300 },
		);
	});

	it('equals zod on random corruptions: never accepts what zod refuses', () => {
		let refused = 0;
		fc.assert(
			fc.property(corruptionArb, ({ doc }) => {
				if (!expectSameAsZod(documentSchema, doc, fast)) refused++;
			}),
			{ numRuns: 1000 },
		);
		// The corruptions must really exercise the refusing side.
		expect(refused).toBeGreaterThan(300);
	});
});
