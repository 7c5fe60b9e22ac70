// A fast path through a zod schema for input that is entirely right. zod v3 spends most of a parse
// on bookkeeping every field pays for even when nothing is wrong (a path object, a context, a status
// and result wrapper per value). This walks the same schema tree and runs the very same checks and
// transforms in plain code, and gives up at the first problem: the caller then parses with zod,
// which stays the one authority on what is wrong and how it is worded. A node kind this walker does
// not know is parsed by zod itself, so every schema works, only less of it faster.
import { z } from 'zod';
import { LeafProblem, ZodLeaf } from './fields';

/** What the fast path returns when the input is not plainly right (or holds something it cannot judge). */
export const NOT_CLEAN: unique symbol = Symbol('not clean');

type Walk = (value: unknown) => unknown;

/** Thrown from the walk at the first problem; caught once, at the top. */
const stop = (): never => {
	throw NOT_CLEAN;
};

// What zod hands refinements and transforms: the fast path only ever needs to know that an issue came.
const EFFECT_CONTEXT = { addIssue: stop, path: [] } as unknown as z.RefinementCtx;

/** The schema's parse as one plain function: same output as zod for good input, NOT_CLEAN otherwise. */
export function fastPathOf<Out>(schema: z.ZodType<Out, z.ZodTypeDef, unknown>): (value: unknown) => Out | typeof NOT_CLEAN {
	const walk = compile(schema);
	return (value) => {
		try {
			return walk(value) as Out;
		} catch {
			// A problem (NOT_CLEAN thrown), or a check that throws: either way zod decides, and throws alike if it must.
			return NOT_CLEAN;
		}
	};
}

function compile(schema: z.ZodTypeAny): Walk {
	if (schema instanceof ZodLeaf) return leafWalk(schema);
	if (schema instanceof z.ZodString) return stringWalk(schema);
	if (schema instanceof z.ZodEnum) return enumWalk(schema);
	if (schema instanceof z.ZodObject) return objectWalk(schema);
	if (schema instanceof z.ZodArray) return arrayWalk(schema);
	if (schema instanceof z.ZodOptional) return optionalWalk(schema);
	if (schema instanceof z.ZodDefault) return defaultWalk(schema);
	if (schema instanceof z.ZodEffects) return effectsWalk(schema);
	return delegate(schema);
}

/** zod itself for this part: slower, always right. */
function delegate(schema: z.ZodTypeAny): Walk {
	return (value) => {
		const result = schema.safeParse(value);
		return result.success ? result.data : stop();
	};
}

function leafWalk(schema: ZodLeaf<unknown>): Walk {
	const { input, check } = schema._def;
	const run = check as (value: unknown) => unknown;
	return (value) => {
		if (input === 'string' && typeof value !== 'string') return stop();
		const result = run(value);
		return result instanceof LeafProblem ? stop() : result;
	};
}

const SIMPLE_STRING_CHECKS = new Set(['min', 'max', 'length', 'regex', 'trim', 'toLowerCase', 'toUpperCase']);

function stringWalk(schema: z.ZodString): Walk {
	const { checks, coerce } = schema._def;
	if (coerce || !checks.every((check) => SIMPLE_STRING_CHECKS.has(check.kind))) return delegate(schema);
	return (value) => {
		if (typeof value !== 'string') return stop();
		let text = value;
		// In zod's order: a trim before a length check counts the trimmed text.
		for (const check of checks) {
			switch (check.kind) {
				case 'trim':
					text = text.trim();
					break;
				case 'toLowerCase':
					text = text.toLowerCase();
					break;
				case 'toUpperCase':
					text = text.toUpperCase();
					break;
				case 'min':
					if (text.length < check.value) stop();
					break;
				case 'max':
					if (text.length > check.value) stop();
					break;
				case 'length':
					if (text.length !== check.value) stop();
					break;
				case 'regex':
					// As zod does: a global or sticky regex would otherwise start where its last test ended.
					check.regex.lastIndex = 0;
					if (!check.regex.test(text)) stop();
					break;
			}
		}
		return text;
	};
}

function enumWalk(schema: z.ZodEnum<[string, ...string[]]>): Walk {
	const values = new Set<unknown>(schema._def.values);
	return (value) => (typeof value === 'string' && values.has(value) ? value : stop());
}

/** A plain JSON object (what zod calls an object, minus the exotic ones zod would judge itself). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

function objectWalk(schema: z.AnyZodObject): Walk {
	const { unknownKeys, catchall } = schema._def;
	// Only zod's default (unknown keys dropped) is walked here.
	if (unknownKeys !== 'strip' || !(catchall instanceof z.ZodNever)) return delegate(schema);
	// Only the schema's own keys are read and written, so an input key like `__proto__` never reaches the output.
	const fields = Object.entries(schema.shape as z.ZodRawShape).map(([key, field]) => ({ key, walk: compile(field) }));
	return (value) => {
		if (!isPlainObject(value)) return stop();
		const output: Record<string, unknown> = {};
		for (const { key, walk } of fields) {
			const parsed = walk(value[key]);
			// zod keeps a key that was given, even as undefined, and leaves out one that came out undefined.
			if (parsed !== undefined || key in value) output[key] = parsed;
		}
		return output;
	};
}

function arrayWalk(schema: z.ZodArray<z.ZodTypeAny>): Walk {
	const { minLength, maxLength, exactLength } = schema._def;
	const item = compile(schema.element);
	return (value) => {
		if (!Array.isArray(value)) return stop();
		const length = value.length;
		if (exactLength !== null && length !== exactLength.value) stop();
		if (minLength !== null && length < minLength.value) stop();
		if (maxLength !== null && length > maxLength.value) stop();
		const output = new Array<unknown>(length);
		for (let i = 0; i < length; i++) output[i] = item(value[i]);
		return output;
	};
}

function optionalWalk(schema: z.ZodOptional<z.ZodTypeAny>): Walk {
	const inner = compile(schema._def.innerType);
	return (value) => (value === undefined ? undefined : inner(value));
}

function defaultWalk(schema: z.ZodDefault<z.ZodTypeAny>): Walk {
	const inner = compile(schema._def.innerType);
	const { defaultValue } = schema._def;
	// The default goes through the inner schema too, as in zod (a default '1' becomes a Decimal).
	return (value) => inner(value === undefined ? defaultValue() : value);
}

function effectsWalk(schema: z.ZodEffects<z.ZodTypeAny>): Walk {
	const inner = compile(schema._def.schema);
	const effect = schema._def.effect;
	switch (effect.type) {
		case 'preprocess':
			return (value) => inner(synchronous(effect.transform(value, EFFECT_CONTEXT)));
		case 'refinement':
			return (value) => {
				const parsed = inner(value);
				synchronous(effect.refinement(parsed, EFFECT_CONTEXT));
				return parsed;
			};
		case 'transform':
			return (value) => synchronous(effect.transform(inner(value), EFFECT_CONTEXT));
	}
}

/** An async refinement or transform cannot be judged here: zod's synchronous parse rejects it alike. */
function synchronous<T>(result: T): T {
	return result instanceof Promise ? stop() : result;
}
