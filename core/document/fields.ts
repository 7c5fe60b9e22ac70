// Reusable zod field schemas of the contract: text, decimals, dates, codes. Built once at module load
// (never per parse call) and kept to one zod layer per field where possible, because parsing is on
// the hot path of every Build UBL run (each zod effect costs allocations on every parse).
import type Decimal from 'decimal.js';
import { z } from 'zod';
import { COUNTRY_CODES, CURRENCY_CODES, toUnitCode } from '../codes';
import { Dec, MAX_AMOUNT, MAX_DECIMALS, MAX_SIGNIFICANT_DIGITS } from '../money/decimal';
import { isIsoDate } from './dates';

const custom = z.ZodIssueCode.custom;

/**
 * JSON Schema for fields whose zod form is a hand-written check (decimals): the generator
 * (scripts/generate-json-schema.ts) uses these instead of what zod-to-json-schema would infer.
 */
export const jsonSchemaOverrides = new Map<z.ZodTypeDef, Record<string, unknown>>();

/** A string enum; the parse error map words its message as "must be one of …". */
export function oneOf<T extends readonly [string, ...string[]]>(values: T) {
	return z.enum(values as unknown as [T[number], ...T[number][]]);
}

/**
 * Text XML 1.0 can carry: no C0 controls but tab, LF and CR, no U+FFFE/U+FFFF, no lone surrogates.
 * Refused rather than dropped on the way into the UBL, so nothing the sender wrote is lost unseen.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const XML_TEXT = /^(?:[^\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
export const XML_TEXT_MESSAGE = 'contains a character XML cannot carry (a control character such as NUL, U+FFFE/U+FFFF or a lone surrogate): remove it';

/** Trimmed text, not empty, that XML can carry, optionally with a maximum length. */
export function text(max?: number) {
	const base = z.string().trim().min(1, 'must not be empty').regex(XML_TEXT, XML_TEXT_MESSAGE);
	return max === undefined ? base : base.max(max, `must be at most ${max} characters`);
}

// ---------------------------------------------------------------- leaf fields

/** What a leaf check returns for a bad value: the message, and the value to carry on with if any. */
export class LeafProblem<Out> {
	constructor(
		readonly message: string,
		readonly value: Out = z.NEVER,
	) {}
}

type LeafCheck<In, Out> = (value: In) => Out | LeafProblem<Out>;

export interface LeafDef<Out> extends z.ZodTypeDef {
	input: 'string' | 'any';
	check: LeafCheck<never, Out>;
}

const STRING = z.string();

/**
 * A field checked and converted by plain code. It reports exactly what `z.string().transform(…)`
 * (input 'string') or `z.any().transform(…)` (input 'any') would, issue for issue and with the same
 * dirty/invalid outcome, but without the context object and bound closure a zod effect allocates on
 * every parse: the parser runs these dozens of times per document.
 */
export class ZodLeaf<Out> extends z.ZodType<Out, LeafDef<Out>, unknown> {
	_parse(input: z.ParseInput): z.ParseReturnType<Out> {
		const value = input.data;
		// Not a string: the same invalid_type issue z.string() raises (worded by the error map).
		if (this._def.input === 'string' && typeof value !== 'string') return STRING._parse(input) as z.INVALID;
		const result = (this._def.check as LeafCheck<unknown, Out>)(value);
		if (!(result instanceof LeafProblem)) return z.OK(result);
		z.addIssueToContext(this._getOrReturnCtx(input), { code: custom, message: result.message });
		return z.DIRTY(result.value);
	}
}

export function leaf<Out>(input: 'string', check: LeafCheck<string, Out>): z.ZodType<Out, z.ZodTypeDef, unknown>;
export function leaf<Out>(input: 'any', check: LeafCheck<unknown, Out>): z.ZodType<Out, z.ZodTypeDef, unknown>;
export function leaf<Out>(input: 'string' | 'any', check: LeafCheck<never, Out>): z.ZodType<Out, z.ZodTypeDef, unknown> {
	const schema = new ZodLeaf<Out>({ input, check });
	// What zod-to-json-schema says of a z.string() effect; callers with more to say set their own.
	if (input === 'string') jsonSchemaOverrides.set(schema._def, { type: 'string' });
	return schema;
}

// ---------------------------------------------------------------- decimals

export const DECIMAL_MESSAGE = 'must be a number or a decimal string like "12.50"';
const DIGITS_MESSAGE = `has more digits than amounts are computed with: at most ${MAX_SIGNIFICANT_DIGITS} significant digits and ${MAX_DECIMALS} decimals`;
export const SIZE_MESSAGE = 'must be less than 10^15 in size (1,000,000,000,000,000): beyond it the official validators lose the cent (BR-S-08, BR-CO-15)';
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** The decimal text of the JSON Schema: within the bounds on size and decimals (significant digits said in words). */
const BOUNDED_DECIMAL_TEXT = '^[+-]?0*(\\d{1,15}(\\.\\d{0,20}0*)?|\\.\\d{1,20}0*)$';
const ZERO_DECIMAL: Decimal = new Dec(0);

interface DecimalRule {
	/** `nonNegative`: ≥ 0; `positive`: > 0. */
	sign?: 'nonNegative' | 'positive';
	/** Upper bound (inclusive). */
	max?: number;
	/** Round half away from zero to 2 decimals: a money amount (BR-DEC). */
	amount?: boolean;
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value;
}

/** A JSON number or a decimal string (`"12.50"`), as an exact Decimal, with optional bounds. */
export function decimal(rule: DecimalRule = {}) {
	const schema = leaf('any', (value: unknown): Decimal | LeafProblem<Decimal> => {
		let result: Decimal;
		if (typeof value === 'number' && Number.isFinite(value)) {
			result = new Dec(value);
		} else if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) {
			result = new Dec(value.trim());
		} else {
			const message =
				value === undefined
					? 'is required'
					: typeof value === 'number' || typeof value === 'string'
						? DECIMAL_MESSAGE
						: `${DECIMAL_MESSAGE}, got ${describeType(value)}`;
			return new LeafProblem(message);
		}
		// Bounds first: money is exact only within them (see money/decimal.ts), and a huge value is no amount.
		if (result.precision() > MAX_SIGNIFICANT_DIGITS || result.decimalPlaces() > MAX_DECIMALS) {
			return new LeafProblem(DIGITS_MESSAGE);
		}
		if (result.abs().greaterThanOrEqualTo(MAX_AMOUNT)) return new LeafProblem(SIZE_MESSAGE);
		// −0 becomes 0, so that isNegative() downstream never sees a signed zero.
		if (result.isZero()) result = ZERO_DECIMAL;
		const output = rule.amount ? result.toDecimalPlaces(2, Dec.ROUND_HALF_UP) : result;
		if (rule.sign === 'nonNegative' && result.lessThan(0)) return new LeafProblem('must be 0 or more', output);
		if (rule.sign === 'positive' && result.lessThanOrEqualTo(0)) return new LeafProblem('must be more than 0', output);
		if (rule.max !== undefined && result.greaterThan(rule.max)) return new LeafProblem(`must be at most ${rule.max}`, output);
		return output;
	});
	const bounds: Record<string, number> = {};
	if (rule.sign === 'nonNegative') bounds.minimum = 0;
	else bounds.exclusiveMinimum = rule.sign === 'positive' ? 0 : -1e15;
	if (rule.max !== undefined) bounds.maximum = rule.max;
	else bounds.exclusiveMaximum = 1e15;
	jsonSchemaOverrides.set(schema._def, {
		anyOf: [
			{ type: 'number', ...bounds },
			{ type: 'string', pattern: BOUNDED_DECIMAL_TEXT },
		],
		description: `A decimal: JSON number or decimal string like "12.50"; less than 10^15 in size, at most ${MAX_SIGNIFICANT_DIGITS} significant digits and ${MAX_DECIMALS} decimals`,
	});
	return schema;
}

// ---------------------------------------------------------------- dates

/** `YYYY-MM-DD`, a real calendar date (no 2026-02-30), from year 0001 on. */
export const isoDate = leaf('string', (value: string) => {
	const date = value.trim();
	if (isIsoDate(date)) return date;
	return new LeafProblem<string>(
		date.startsWith('0000-') ? 'must be a date from year 0001 on, written YYYY-MM-DD (xs:date has no year 0000)' : 'must be a real calendar date written YYYY-MM-DD',
	);
});
jsonSchemaOverrides.set(isoDate._def, { type: 'string', format: 'date', pattern: '^(?!0000)\\d{4}-\\d{2}-\\d{2}$' });

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 date-time (`2026-11-20T10:15:00Z`; offset and seconds optional). */
export const isoDateTime = z
	.string()
	.trim()
	.refine((value) => {
		const match = DATE_TIME.exec(value);
		return match !== null && isIsoDate(match[1]);
	}, 'must be an ISO 8601 date-time like 2026-11-20T10:15:00Z');
jsonSchemaOverrides.set(isoDateTime._def, { type: 'string', format: 'date-time' });

// ---------------------------------------------------------------- codes

/** A code checked against a code list, normalised to upper case. */
function code(list: ReadonlySet<string>, message: string) {
	return leaf('string', (value: string) => {
		const normalised = value.trim().toUpperCase();
		return list.has(normalised) ? normalised : new LeafProblem<string>(message);
	});
}

export const countryCode = code(COUNTRY_CODES, 'must be an ISO 3166-1 alpha-2 country code, e.g. BE');
jsonSchemaOverrides.set(countryCode._def, { type: 'string', enum: [...COUNTRY_CODES].sort(), description: 'ISO 3166-1 alpha-2' });
export const currencyCode = code(CURRENCY_CODES, 'must be an ISO 4217 currency code, e.g. EUR');
jsonSchemaOverrides.set(currencyCode._def, { type: 'string', enum: [...CURRENCY_CODES].sort(), description: 'ISO 4217' });

/** UN/ECE Rec. 20 unit (bare Rec. 21 package codes get their EN 16931 `X` prefix: BX → XBX). */
export const unitCode = leaf('string', (value: string) => {
	const unit = toUnitCode(value);
	return unit === undefined ? new LeafProblem<string>('must be a UN/ECE Rec. 20 unit code, e.g. C62, HUR, DAY, KGM') : unit;
});
jsonSchemaOverrides.set(unitCode._def, {
	type: 'string',
	pattern: '^[A-Za-z0-9]{1,3}$',
	description: 'UN/ECE Recommendation 20 unit code (C62 piece, HUR hour, DAY, KGM …); bare Rec. 21 package codes such as BX are accepted',
});

/**
 * The input without null-valued object keys: JSON from other systems often writes an absent
 * optional field as null, and the contract treats it as absent. Copied only when there is something
 * to change (zod builds its own output objects, so the input is never handed on as is).
 */
export function withoutNulls(value: unknown): unknown {
	return needsCopy(value) ? copyWithoutNulls(value) : value;
}

/** True when the copy would differ: a null key somewhere, or an object that is not a plain one. */
function needsCopy(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return false;
	if (Array.isArray(value)) {
		for (const item of value) if (needsCopy(item)) return true;
		return false;
	}
	if (Object.getPrototypeOf(value) !== Object.prototype) return true;
	for (const key in value) {
		if (!Object.prototype.hasOwnProperty.call(value, key)) return true;
		const field = (value as Record<string, unknown>)[key];
		if (field === null || needsCopy(field)) return true;
	}
	return false;
}

/**
 * No contract field is called `__proto__`, and assigning that key would set the copy's prototype
 * instead (JSON.parse makes it an ordinary own key): it is dropped like any unknown key.
 */
const PROTOTYPE_KEY = '__proto__';

function copyWithoutNulls(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(copyWithoutNulls);
	if (typeof value !== 'object' || value === null) return value;
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		const field = (value as Record<string, unknown>)[key];
		if (field !== null && key !== PROTOTYPE_KEY) copy[key] = copyWithoutNulls(field);
	}
	return copy;
}
