// The parsed, normalised NumNum document (contract v1, ../shared/spec/numnum-document.md).
// `parseDocument` turns the JSON contract into this shape: identifiers cleaned
// (VAT BE0876543270, enterprise number 0876543270, IBAN without spaces), defaults applied
// (currency EUR, language nl, unitCode C62, baseQuantity 1, line ids "1".."n",
// Belgian Peppol endpoint 0208:<enterprise number>), numbers as Decimal.
// The bottom layer: it imports nothing of ours, and every other folder may import it.
import type Decimal from 'decimal.js';

export const DOCUMENT_TYPES = ['invoice', 'credit_note', 'proforma', 'expense', 'quote'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_STATUSES = [
	'draft',
	'sent',
	'paid',
	'partially_paid',
	'overdue',
	'cancelled',
	'received',
	'booked',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

export const PAYMENT_MEANS = {
	credit_transfer: '30',
	sepa_credit_transfer: '58',
	direct_debit: '59',
	card: '48',
	cash: '10',
} as const;
export type PaymentMeans = keyof typeof PAYMENT_MEANS;

/** ISO date `YYYY-MM-DD`, already checked to be a real calendar date. */
export type IsoDate = string;

export interface Address {
	street?: string;
	additionalStreet?: string;
	city?: string;
	postalCode?: string;
	countryCode: string;
}

export interface Endpoint {
	scheme: string;
	id: string;
}

export interface Party {
	name: string;
	vatNumber?: string;
	enterpriseNumber?: string;
	/** As given, or derived for a Belgian party: scheme 0208, id = enterprise number. */
	endpoint?: Endpoint;
	address: Address;
	contact?: { name?: string; email?: string; phone?: string };
}

export interface VatInfo {
	category: VatCategory;
	rate: Decimal;
	exemptionReason?: string;
	exemptionReasonCode?: string;
}

export interface LineDiscount {
	percent?: Decimal;
	amount?: Decimal;
	reason?: string;
}

export interface Line {
	id: string;
	description: string;
	quantity: Decimal;
	unitCode: string;
	unitPrice: Decimal;
	baseQuantity: Decimal;
	discount?: LineDiscount;
	vat: VatInfo;
}

export interface AllowanceCharge {
	amount: Decimal;
	reason: string;
	reasonCode?: string;
	vat: VatInfo;
}

export interface Payment {
	means?: PaymentMeans;
	iban?: string;
	bic?: string;
	reference?: string;
	/** The 12 digits of `reference` when it is a (valid) Belgian structured communication. */
	structuredCommunication?: string;
	terms?: string;
	prepaidAmount?: Decimal;
}

export interface Totals {
	lineExtension: Decimal;
	allowances?: Decimal;
	charges?: Decimal;
	taxExclusive: Decimal;
	tax: Decimal;
	taxInclusive: Decimal;
	prepaid?: Decimal;
	rounding?: Decimal;
	payable: Decimal;
}

export interface PdfAttachment {
	filename: string;
	contentBase64: string;
}

export interface NumNumDocument {
	id: string;
	type: DocumentType;
	status: DocumentStatus;
	number: string;
	issueDate: IsoDate;
	dueDate?: IsoDate;
	currency: string;
	language: Language;
	seller: Party;
	buyer: Party;
	buyerReference?: string;
	orderReference?: string;
	invoiceReference?: { number: string; issueDate?: IsoDate };
	invoicePeriod?: { start?: IsoDate; end?: IsoDate };
	delivery?: { date?: IsoDate; countryCode?: string; address?: Address };
	note?: string;
	lines: Line[];
	allowances: AllowanceCharge[];
	charges: AllowanceCharge[];
	payment?: Payment;
	/** The totals the document claimed, when it carried them (already checked against the computed ones). */
	totals?: Totals;
	pdf?: PdfAttachment;
	sentAt?: string;
}

/** One problem found in the input, e.g. `{ path: 'seller.enterpriseNumber', message: 'check digits do not match (mod 97)' }`. */
export interface DocumentIssue {
	path: string;
	message: string;
}
