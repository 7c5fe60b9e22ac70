// Document-level elements before the parties: ids, dates, type, note, references.
import type { UblContext } from './context';
import type { ProfileChoice } from './profile';
import { el, leaf, type XChild } from './xml/node';

/** BT-24…BT-22, BT-5, BT-10, BG-14, BT-13, BG-3, in UBL 2.1 Invoice / CreditNote order. */
export function headerNodes(ctx: UblContext, choice: ProfileChoice, buyerReference: string | undefined): XChild[] {
	const { doc } = ctx;
	const isInvoice = ctx.kind === 'Invoice';
	return [
		leaf('cbc:CustomizationID', choice.customizationId),
		leaf('cbc:ProfileID', choice.profileId),
		leaf('cbc:ID', doc.number),
		leaf('cbc:IssueDate', doc.issueDate),
		// UBL 2.1 CreditNote has no DueDate; a credit note's due date goes into PaymentMeans.
		isInvoice && leaf('cbc:DueDate', doc.dueDate),
		leaf(isInvoice ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode', choice.typeCode),
		leaf('cbc:Note', doc.note),
		leaf('cbc:DocumentCurrencyCode', doc.currency),
		leaf('cbc:BuyerReference', buyerReference),
		doc.invoicePeriod && el('cac:InvoicePeriod', leaf('cbc:StartDate', doc.invoicePeriod.start), leaf('cbc:EndDate', doc.invoicePeriod.end)),
		el('cac:OrderReference', leaf('cbc:ID', doc.orderReference)),
		doc.invoiceReference &&
			el(
				'cac:BillingReference',
				el('cac:InvoiceDocumentReference', leaf('cbc:ID', doc.invoiceReference.number), leaf('cbc:IssueDate', doc.invoiceReference.issueDate)),
			),
	];
}
