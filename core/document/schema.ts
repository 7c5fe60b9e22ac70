// The NumNum document contract v1 (../shared/spec/numnum-document.md) as a zod schema.
// Input: the JSON contract. Output: the normalised model of ./types.ts. Field-level checks (codes,
// Belgian check digits, dates) sit on the fields so every one of them is reported at once; checks that
// need several fields run on the smallest object holding them, and the document-wide rules (VAT
// categories across lines, totals) in ./documentRules.ts.
import type Decimal from 'decimal.js';
import { z } from 'zod';
import {
	checkBic,
	checkEnterpriseNumber,
	checkIban,
	checkStructuredCommunication,
	checkVatNumber,
	looksLikeStructuredCommunication,
	type CheckResult,
} from '../belgium';
import { ALLOWANCE_REASON_CODES, CATEGORY_OF_VATEX, CHARGE_REASON_CODES, COUNTRY_CODES, ENDPOINT_SCHEMES, VATEX_CODES } from '../codes';
import { Dec, PERCENT, ZERO, round2 } from '../money/decimal';
import { lineGrossAmount } from '../money/lineAmounts';
import { VAT_CATEGORY_RULES } from '../money/vatCategories';
import { categoryRule } from '../rules';
import { checkDocumentRules } from './documentRules';
import { LeafProblem, countryCode, currencyCode, decimal, isoDate, isoDateTime, leaf, oneOf, text, unitCode, withoutNulls } from './fields';
import {
	DOCUMENT_STATUSES,
	DOCUMENT_TYPES,
	LANGUAGES,
	PAYMENT_MEANS,
	VAT_CATEGORIES,
	type Address,
	type AllowanceCharge,
	type Endpoint,
	type Line,
	type NumNumDocument,
	type Party,
	type Payment,
	type VatInfo,
} from '../model';

const custom = z.ZodIssueCode.custom;

// Nulls are removed before parsing (see withoutNulls), so optional and default need no extra zod layer.
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.optional();
const withDefault = <T extends z.ZodTypeAny>(schema: T, value: Exclude<z.input<T>, undefined>) =>
	schema.default(value as never);

const anyDecimal = decimal();
const nonNegativeDecimal = decimal({ sign: 'nonNegative' });
const nonNegativeAmount = decimal({ sign: 'nonNegative', amount: true });

/** A string field checked and normalised by one of the core/belgium checks. */
function checked(check: (input: string) => CheckResult) {
	return leaf('string', (value: string) => {
		const result = check(value);
		return result.ok ? result.value : new LeafProblem<string>(result.error);
	});
}

// ---------------------------------------------------------------- parties

const vatNumber = checked((input) => {
	const result = checkVatNumber(input);
	if (!result.ok) return result;
	// BR-CO-09: the prefix is an ISO 3166-1 country code (EL for Greece).
	const prefix = result.value.slice(0, 2);
	if (prefix !== 'EL' && !COUNTRY_CODES.has(prefix)) {
		return { ok: false, error: `must start with a country code (got ${prefix}), e.g. BE0123456749` };
	}
	return result;
});

const endpointSchema = z
	.object({
		scheme: z
			.string()
			.trim()
			.refine((scheme) => ENDPOINT_SCHEMES.has(scheme), 'must be a Peppol electronic address scheme (EAS), e.g. 0208 or 9925'),
		id: text(),
	})
	.transform((endpoint, ctx): Endpoint => {
		if (endpoint.scheme !== '0208') return { scheme: endpoint.scheme, id: endpoint.id };
		const enterprise = checkEnterpriseNumber(endpoint.id);
		if (!enterprise.ok) {
			ctx.addIssue({ code: custom, path: ['id'], message: `scheme 0208 needs a Belgian enterprise number: ${enterprise.error}` });
			return z.NEVER;
		}
		return { scheme: '0208', id: enterprise.value };
	});

const addressSchema = z.object({
	street: optional(text()),
	additionalStreet: optional(text()),
	city: optional(text()),
	postalCode: optional(text()),
	countryCode,
}) satisfies z.ZodType<Address, z.ZodTypeDef, unknown>;

const contactSchema = z.object({
	name: optional(text()),
	email: optional(z.string().trim().email()),
	phone: optional(text()),
});

const partySchema = z
	.object({
		name: text(),
		vatNumber: optional(vatNumber),
		enterpriseNumber: optional(checked(checkEnterpriseNumber)),
		endpoint: optional(endpointSchema),
		address: addressSchema,
		contact: optional(contactSchema),
	})
	.transform((party, ctx): Party => {
		const enterpriseFromVat = party.vatNumber?.startsWith('BE') ? party.vatNumber.slice(2) : undefined;
		if (enterpriseFromVat && party.enterpriseNumber && enterpriseFromVat !== party.enterpriseNumber) {
			ctx.addIssue({
				code: custom,
				path: ['vatNumber'],
				message: `${party.vatNumber} does not match enterpriseNumber ${party.enterpriseNumber} (a Belgian VAT number is BE + the enterprise number)`,
			});
			return z.NEVER;
		}
		const enterpriseNumber = party.enterpriseNumber ?? enterpriseFromVat;
		// A Belgian party is reachable on Peppol by its enterprise number (scheme 0208).
		const endpoint = party.endpoint ?? (enterpriseNumber ? { scheme: '0208', id: enterpriseNumber } : undefined);
		return dropUndefined({ ...party, enterpriseNumber, endpoint });
	});

// ---------------------------------------------------------------- VAT

/** BR-CO-17 as the official rules compute it rounds the rate to a whole percent first. */
const MIN_TAXED_RATE = '0.5';
const RATE_BELOW_HALF = 'the official rules round a rate to a whole percent, so a rate below 0.5 reads as 0 % and its tax as wrong (BR-CO-17)';

const vatSchema = z
	.object({
		category: oneOf(VAT_CATEGORIES),
		rate: optional(anyDecimal),
		exemptionReason: optional(text()),
		exemptionReasonCode: optional(
			z
				.string()
				.trim()
				.transform((value) => value.toUpperCase())
				.refine((value) => VATEX_CODES.has(value), 'must be a VATEX exemption code, e.g. VATEX-EU-IC or VATEX-EU-AE'),
		),
	})
	.transform((vat, ctx): VatInfo => {
		const rule = VAT_CATEGORY_RULES[vat.category];
		const name = `category ${vat.category} (${rule.label})`;
		const problem = (path: string, message: string) => ctx.addIssue({ code: custom, path: [path], message });
		let rate: Decimal = vat.rate ?? ZERO;
		if (rule.rate === 'none') {
			if (vat.rate !== undefined && !vat.rate.isZero()) problem('rate', `must be absent or 0 for ${name} (BR-O-05)`);
			rate = ZERO;
		} else if (vat.rate === undefined) {
			problem('rate', `is required for ${name}`);
		} else if (rule.rate === 'zero' && !vat.rate.isZero()) {
			problem('rate', `must be 0 for ${name} (${categoryRule(vat.category, '05')})`);
		} else if (rule.rate === 'positive' && vat.rate.lessThanOrEqualTo(0)) {
			problem('rate', `must be more than 0 for ${name} (BR-S-05)`);
		} else if (rule.taxed && vat.rate.greaterThan(0) && vat.rate.lessThan(MIN_TAXED_RATE)) {
			problem('rate', `must be 0 or at least ${MIN_TAXED_RATE} for ${name}: ${RATE_BELOW_HALF}`);
		} else if (vat.rate.lessThan(0)) {
			problem('rate', `must be 0 or more for ${name}`);
		} else if (vat.rate.greaterThan(100)) {
			problem('rate', 'must be at most 100 (a percentage)');
		}
		if (!rule.needsExemptionReason) {
			for (const field of ['exemptionReason', 'exemptionReasonCode'] as const) {
				if (vat[field] !== undefined) problem(field, `is not allowed for ${name} (${categoryRule(vat.category, '10')})`);
			}
		}
		const pinned = vat.exemptionReasonCode && CATEGORY_OF_VATEX[vat.exemptionReasonCode];
		if (pinned && pinned !== vat.category) {
			problem('exemptionReasonCode', `${vat.exemptionReasonCode} is only allowed with category ${pinned}`);
		}
		return dropUndefined({ ...vat, rate });
	});

// ---------------------------------------------------------------- lines

const discountSchema = z
	.object({
		percent: optional(decimal({ sign: 'nonNegative', max: 100 })),
		amount: optional(nonNegativeAmount),
		reason: optional(text()),
	})
	.refine((d) => d.percent !== undefined || d.amount !== undefined, 'give a percent, an amount or both');

const lineSchema = z
	.object({
		id: optional(text(100)),
		description: text(),
		quantity: anyDecimal,
		unitCode: withDefault(unitCode, 'C62'),
		unitPrice: nonNegativeDecimal,
		baseQuantity: withDefault(decimal({ sign: 'positive' }), 1),
		discount: optional(discountSchema),
		vat: vatSchema,
	})
	.superRefine((line, ctx) => {
		const { percent, amount } = line.discount ?? {};
		if (amount === undefined) return;
		// zod runs this refinement even when a sibling field failed: only compare numbers that parsed.
		if (![line.quantity, line.unitPrice, line.baseQuantity, amount].every((value) => Dec.isDecimal(value))) return;
		const gross = lineGrossAmount(line);
		// A discount cannot turn a line into a credit: that is a negative quantity, said in so many words.
		if (!gross.isNegative() && amount.greaterThan(round2(gross))) {
			ctx.addIssue({
				code: custom,
				path: ['discount', 'amount'],
				message: `${amount.toFixed(2)} is more than the line amount ${round2(gross).toFixed(2)}: a discount cannot make a line negative (give a negative quantity for a correction)`,
			});
			return;
		}
		if (percent === undefined || !Dec.isDecimal(percent)) return;
		// Both given: the amount is the allowance and the percent its rate; they must tell the same story,
		// sign included: a percent of a negative (corrective) line is negative, and the amount is taken as given.
		const fromPercent = gross.times(percent).times(PERCENT);
		if (fromPercent.minus(amount).abs().greaterThan('0.01')) {
			const differs = fromPercent.isNegative() ? ` (that is ${fromPercent.toDecimalPlaces(2).toFixed(2)}: give the percent alone on a negative line)` : '';
			ctx.addIssue({
				code: custom,
				path: ['discount', 'amount'],
				message: `${amount.toFixed(2)} is not ${percent.toFixed()} % of the line amount ${gross.toDecimalPlaces(2).toFixed(2)}${differs} (give percent or amount, or both in agreement)`,
			});
		}
	});

const linesSchema = z
	.array(lineSchema)
	.min(1, 'must have at least one line')
	.transform((lines, ctx): Line[] => {
		// BT-126 identifies one line: a duplicate, given or defaulted (its position), is refused.
		const firstWithId = new Map<string, number>();
		return lines.map((line, index) => {
			const defaulted = line.id === undefined;
			// zod's output is a fresh object: fill in the id there rather than copy the line.
			if (defaulted) line.id = String(index + 1);
			const id = line.id!;
			const first = firstWithId.get(id);
			if (first === undefined) firstWithId.set(id, index);
			else {
				const what = defaulted ? `is not given and its default "${id}" (the line's position)` : `"${id}"`;
				ctx.addIssue({ code: custom, path: [index, 'id'], message: `${what} is already the id of lines.${first}: every line needs its own id (BT-126)` });
			}
			return dropUndefined(line) as Line;
		});
	});

// ---------------------------------------------------------------- allowances, charges, payment, totals

function allowanceChargeSchema(reasonCodes: ReadonlySet<string>, listName: string) {
	return z
		.object({
			amount: nonNegativeAmount,
			reason: text(),
			reasonCode: optional(
				z.string().trim().refine((c) => reasonCodes.has(c), `must be a ${listName} reason code`),
			),
			vat: vatSchema,
		})
		.transform((item): AllowanceCharge => dropUndefined(item));
}

const paymentSchema = z
	.object({
		means: optional(oneOf(Object.keys(PAYMENT_MEANS) as [keyof typeof PAYMENT_MEANS, ...(keyof typeof PAYMENT_MEANS)[]])),
		iban: optional(checked(checkIban)),
		bic: optional(checked(checkBic)),
		reference: optional(
			text(140).superRefine((reference, ctx) => {
				// Written like +++…+++ or ***…***: it must be a valid structured communication.
				if (!looksLikeStructuredCommunication(reference)) return;
				const check = checkStructuredCommunication(reference);
				if (!check.ok) ctx.addIssue({ code: custom, message: `structured communication: ${check.error}` });
			}),
		),
		terms: optional(text()),
		prepaidAmount: optional(nonNegativeAmount),
	})
	.transform((payment): Payment => {
		// A plain 12-digit reference with a valid check counts as a structured communication too.
		const check = payment.reference === undefined ? undefined : checkStructuredCommunication(payment.reference);
		const structuredCommunication = check?.ok ? check.value : undefined;
		const means = payment.means ?? (payment.iban ? 'sepa_credit_transfer' : undefined);
		return dropUndefined({ ...payment, means, structuredCommunication });
	});

const totalsSchema = z.object({
	lineExtension: anyDecimal,
	allowances: optional(anyDecimal),
	charges: optional(anyDecimal),
	taxExclusive: anyDecimal,
	tax: anyDecimal,
	taxInclusive: anyDecimal,
	prepaid: optional(anyDecimal),
	rounding: optional(anyDecimal),
	payable: anyDecimal,
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const pdfSchema = z.object({
	filename: text(255),
	contentBase64: z
		.string()
		.min(1, 'must not be empty')
		.transform((value) => (/\s/.test(value) ? value.replace(/\s+/g, '') : value))
		.refine((value) => value.length % 4 === 0 && BASE64.test(value), 'must be base64-encoded content'),
});

const invoicePeriodSchema = z
	.object({ start: optional(isoDate), end: optional(isoDate) })
	.superRefine((period, ctx) => {
		if (period.start === undefined && period.end === undefined) {
			ctx.addIssue({ code: custom, message: 'give start, end or both (BR-CO-19)' });
		} else if (period.start !== undefined && period.end !== undefined && period.end < period.start) {
			ctx.addIssue({ code: custom, path: ['end'], message: `must not be before start ${period.start} (BR-29)` });
		}
	});

// ---------------------------------------------------------------- the document

const documentObject = z.object({
	id: text(100),
	type: oneOf(DOCUMENT_TYPES),
	status: oneOf(DOCUMENT_STATUSES),
	number: text(50),
	issueDate: isoDate,
	dueDate: optional(isoDate),
	currency: withDefault(currencyCode, 'EUR'),
	language: withDefault(oneOf(LANGUAGES), 'nl'),
	seller: partySchema,
	buyer: partySchema,
	buyerReference: optional(text()),
	orderReference: optional(text()),
	invoiceReference: optional(z.object({ number: text(), issueDate: optional(isoDate) })),
	invoicePeriod: optional(invoicePeriodSchema),
	delivery: optional(
		z.object({ date: optional(isoDate), countryCode: optional(countryCode), address: optional(addressSchema) }),
	),
	note: optional(text()),
	lines: linesSchema,
	allowances: withDefault(z.array(allowanceChargeSchema(ALLOWANCE_REASON_CODES, 'UNCL 5189 allowance')), []),
	charges: withDefault(z.array(allowanceChargeSchema(CHARGE_REASON_CODES, 'UNCL 7161 charge')), []),
	payment: optional(paymentSchema),
	totals: optional(totalsSchema),
	pdf: optional(pdfSchema),
	sentAt: optional(isoDateTime),
});

/** The contract's input shape only: what the JSON Schema is generated from. */
export const documentInputSchema = documentObject;

/** The full parser: contract + document-wide rules, output the normalised model. */
export const documentSchema: z.ZodType<NumNumDocument, z.ZodTypeDef, unknown> = z.preprocess(withoutNulls, documentObject).transform(
	(input, ctx): NumNumDocument => {
		const document = dropUndefined(input) as NumNumDocument;
		for (const issue of checkDocumentRules(document)) {
			ctx.addIssue({ code: custom, path: issue.path, message: issue.message });
		}
		return document;
	},
);

/**
 * Optional keys that came out undefined are left out, so the model only holds what is there. A copy
 * rather than `delete`: deleting keys turns an object into a slow dictionary for everything that reads it later.
 */
function dropUndefined<T extends object>(value: T): T {
	let hasUndefined = false;
	for (const key in value) {
		if (value[key] === undefined) {
			hasUndefined = true;
			break;
		}
	}
	if (!hasUndefined) return value;
	const copy = {} as T;
	for (const key in value) {
		if (value[key] !== undefined) copy[key] = value[key];
	}
	return copy;
}
