// Reusable zod field schemas of the contract: text, decimals, dates, codes. Built once at module load
// (never per parse call) because parsing is on the hot path of every Build UBL run.
import type Decimal from 'decimal.js';
import { z } from 'zod';
import { COUNTRY_CODES, CURRENCY_CODES, toUnitCode } from '../codes';
import { Dec } from '../money/decimal';

export const DECIMAL_MESSAGE = 'must be a number or a decimal string like "12.50"';

/** `null` counts as "not given": JSON from other systems often writes absent fields as null. */
const nullToUndefined = (value: unknown) => (value === null ? undefined : value);

/** An optional field; null is treated as absent. */
export function optional<T extends z.ZodTypeAny>(schema: T) {
	return z.preprocess(nullToUndefined, schema.optional());
}

/** A field with a default value used when it is absent or null. */
export function withDefault<T extends z.ZodTypeAny>(schema: T, value: Exclude<z.input<T>, undefined>) {
	return z.preprocess(nullToUndefined, schema.default(value));
}

/** Trimmed text, not empty, optionally with a maximum length. */
export function text(max?: number) {
	const base = z.string().trim().min(1, 'must not be empty');
	return max === undefined ? base : base.max(max, `must be at most ${max} characters`);
}

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A JSON number or a decimal string (`"12.50"`), as an exact Decimal. */
export const decimal = z
	.union([
		z.number().finite('must be a finite number'),
		z.string().trim().regex(DECIMAL_TEXT, DECIMAL_MESSAGE),
	])
	.transform((value): Decimal => new Dec(value));

/** A decimal ≥ 0. */
export const nonNegativeDecimal = decimal.refine((value) => !value.isNegative(), 'must be 0 or more');

/** An amount of money: a decimal ≥ 0, rounded half away from zero to 2 decimals (BR-DEC). */
export const nonNegativeAmount = nonNegativeDecimal.transform((value) =>
	value.toDecimalPlaces(2, Dec.ROUND_HALF_UP),
);

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDate = z.string().trim().date('must be a real calendar date written YYYY-MM-DD');

/** ISO 8601 date-time, with or without offset. */
export const isoDateTime = z
	.string()
	.trim()
	.datetime({ offset: true, local: true, message: 'must be an ISO 8601 date-time like 2026-11-20T10:15:00Z' });

/** Checks a normalised code against a code list. */
function code(list: ReadonlySet<string>, message: string) {
	return z
		.string()
		.trim()
		.transform((value) => value.toUpperCase())
		.refine((value) => list.has(value), message);
}

export const countryCode = code(COUNTRY_CODES, 'must be an ISO 3166-1 alpha-2 country code, e.g. BE');
export const currencyCode = code(CURRENCY_CODES, 'must be an ISO 4217 currency code, e.g. EUR');

/** UN/ECE Rec. 20 unit (bare Rec. 21 package codes get their EN 16931 `X` prefix: BX → XBX). */
export const unitCode = z.string().transform((value, ctx) => {
	const unit = toUnitCode(value);
	if (unit === undefined) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a UN/ECE Rec. 20 unit code, e.g. C62, HUR, DAY, KGM' });
		return z.NEVER;
	}
	return unit;
});

/** A string enum; the parse error map words its message as "must be one of …". */
export function oneOf<T extends readonly [string, ...string[]]>(values: T) {
	return z.enum(values as unknown as [T[number], ...T[number][]]);
}
