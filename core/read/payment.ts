// Payment instructions (cac:PaymentMeans), terms (cac:PaymentTerms) and a credit note's due date.
import { PAYMENT_MEANS, checkBic, checkIban, checkStructuredCommunication, looksLikeStructuredCommunication } from './model';
import { at, child, peek, take, type El, type ReadContext } from './tree';
import { dropEmpty } from './parties';
import type { PaymentJson } from './types';
import { dateOf } from './values';

const MEANS_OF_CODE: ReadonlyMap<string, string> = new Map(Object.entries(PAYMENT_MEANS).map(([name, code]) => [code, name]));
/** UNCL 4461 code 1 "instrument not defined": what the contract says by giving no means. */
const UNDEFINED_MEANS = '1';
const DIRECT_DEBIT = '59';
const MAX_REFERENCE = 140;

function checked(ctx: ReadContext, element: El | undefined, check: (value: string) => { ok: true; value: string } | { ok: false; error: string }, what: string) {
	const value = peek(element);
	if (!value || !element) return undefined;
	const result = check(value);
	if (!result.ok) {
		ctx.aside(element, `not ${what} the document can hold: ${result.error}`);
		return undefined;
	}
	take(element);
	return result.value;
}

function referenceOf(ctx: ReadContext, element: El | undefined): string | undefined {
	const value = peek(element);
	if (!value || !element) return undefined;
	if (value.length > MAX_REFERENCE) {
		ctx.aside(element, `longer than the ${MAX_REFERENCE} characters of a payment reference`);
		return undefined;
	}
	if (looksLikeStructuredCommunication(value)) {
		const check = checkStructuredCommunication(value);
		if (!check.ok) {
			ctx.aside(element, `written as a structured communication, but ${check.error}`);
			return undefined;
		}
	}
	return take(element);
}

export interface ReadPayment {
	payment?: PaymentJson;
	/** cac:PaymentMeans/cbc:PaymentDueDate: where a credit note states its due date. */
	paymentDueDate?: El;
}

export function paymentOf(ctx: ReadContext, root: El): ReadPayment {
	const means = child(root, 'cac:PaymentMeans');
	const payment: PaymentJson = {};
	if (means) {
		const codeElement = child(means, 'cbc:PaymentMeansCode');
		const code = peek(codeElement);
		const named = code ? MEANS_OF_CODE.get(code) : undefined;
		if (named) payment.means = named;
		if (named || code === UNDEFINED_MEANS) take(codeElement);
		if (code === DIRECT_DEBIT) {
			const mandate = child(means, 'cac:PaymentMandate');
			payment.reference = referenceOf(ctx, child(mandate, 'cbc:ID'));
			payment.iban = checked(ctx, at(mandate, 'cac:PayerFinancialAccount', 'cbc:ID'), checkIban, 'an IBAN');
		} else {
			payment.reference = referenceOf(ctx, child(means, 'cbc:PaymentID'));
			const account = child(means, 'cac:PayeeFinancialAccount');
			payment.iban = checked(ctx, child(account, 'cbc:ID'), checkIban, 'an IBAN');
			payment.bic = checked(ctx, at(account, 'cac:FinancialInstitutionBranch', 'cbc:ID'), checkBic, 'a BIC');
		}
	}
	payment.terms = take(at(root, 'cac:PaymentTerms', 'cbc:Note'));
	const result = dropEmpty(payment);
	return { payment: Object.keys(result).length > 0 ? result : undefined, paymentDueDate: child(means, 'cbc:PaymentDueDate') };
}

export const dueDateOf = (ctx: ReadContext, element: El | undefined) => dateOf(ctx, element, 'the due date');
