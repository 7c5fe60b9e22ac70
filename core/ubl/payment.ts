// Payment instructions (BG-16), payment terms (BT-20) and the due date (BT-9).
import type { NumNumDocument } from '../model';
import type { UblContext } from './context';
import type { DocumentKind } from './profile';
import { isBlankInXml } from './xml/escape';
import { el, leaf, type XNode } from './xml/node';
import { PAYMENT_MEANS_CODE_BY_NAME } from '../codes';

/** UNCL 4461 code 1, "instrument not defined": a payment reference or due date with no known means. */
const UNDEFINED_MEANS = '1';
const CREDIT_TRANSFER = new Set(['30', '58']);
const DIRECT_DEBIT = '59';

/**
 * The UNCL 4461 code of the PaymentMeans the writer emits: as named, else SEPA credit transfer when an
 * IBAN is given, else "not defined" when there is still something to say (a payment reference, a credit
 * note's due date); undefined when no PaymentMeans is written.
 */
export function paymentMeansCodeOf(doc: NumNumDocument, kind: DocumentKind): string | undefined {
	const payment = doc.payment;
	if (payment?.means) return PAYMENT_MEANS_CODE_BY_NAME[payment.means];
	if (payment?.iban) return '58';
	if (!isBlankInXml(payment?.reference) || (kind === 'CreditNote' && doc.dueDate)) return UNDEFINED_MEANS;
	return undefined;
}

/**
 * `cac:PaymentMeans`. A credit note has no document-level DueDate in UBL 2.1, so its due date goes here as
 * PaymentDueDate. Direct debit names its mandate: the contract has no mandate field, so `payment.reference`
 * is read as the mandate reference (PEPPOL-EN16931-R061, checked with the Peppol-only rules in build.ts)
 * and the IBAN as the debited account (BT-91).
 */
export function paymentMeansNode(ctx: UblContext): XNode | undefined {
	const payment = ctx.doc.payment;
	const creditNoteDueDate = ctx.kind === 'CreditNote' ? ctx.doc.dueDate : undefined;
	const code = paymentMeansCodeOf(ctx.doc, ctx.kind);
	if (!code) return undefined;

	if (CREDIT_TRANSFER.has(code) && !payment?.iban) {
		ctx.issues.add('payment.iban', `a credit transfer (payment means ${code}) needs the IBAN to pay to (BR-61)`);
	}
	const isDirectDebit = code === DIRECT_DEBIT;
	return el(
		'cac:PaymentMeans',
		leaf('cbc:PaymentMeansCode', code),
		leaf('cbc:PaymentDueDate', creditNoteDueDate),
		!isDirectDebit && leaf('cbc:PaymentID', payment?.reference),
		!isDirectDebit &&
			payment?.iban &&
			el(
				'cac:PayeeFinancialAccount',
				leaf('cbc:ID', payment.iban),
				el('cac:FinancialInstitutionBranch', leaf('cbc:ID', payment.bic)),
			),
		isDirectDebit &&
			el(
				'cac:PaymentMandate',
				leaf('cbc:ID', payment?.reference),
				el('cac:PayerFinancialAccount', leaf('cbc:ID', payment?.iban)),
			),
	);
}

export function paymentTermsNode(ctx: UblContext): XNode | undefined {
	return el('cac:PaymentTerms', leaf('cbc:Note', ctx.doc.payment?.terms));
}

/** BR-CO-25: an invoice with an amount due states when (due date) or on what terms it is due. */
export function checkDueDateOrTerms(ctx: UblContext): void {
	if (ctx.kind !== 'Invoice' || (ctx.totals.payable.isNegative() || ctx.totals.payable.isZero())) return;
	if (ctx.doc.dueDate || !isBlankInXml(ctx.doc.payment?.terms)) return;
	ctx.issues.add('dueDate', 'an invoice with an amount due needs a due date or payment terms (payment.terms) (BR-CO-25)');
}
