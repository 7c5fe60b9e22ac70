// What readUbl gives back: the document as the JSON contract (decimal strings, as a workflow carries
// it), the embedded files, and everything the contract has no field for.
import type { DocumentType, Language } from './model';

export interface ReadUblOptions {
	/**
	 * The user's own company (Belgian enterprise number, or VAT number): a document whose buyer it is
	 * becomes an `expense` (an invoice received), not an `invoice`.
	 */
	ourCompany?: string;
	/** `language` of the document (UBL has none): default `nl`. */
	language?: Language;
	/** Largest input accepted, in bytes (default 32 MiB: a UBL with a large embedded PDF). */
	maxBytes?: number;
	/** Deepest element nesting accepted (default 32; UBL needs about 8). */
	maxDepth?: number;
}

export interface AddressJson {
	street?: string;
	additionalStreet?: string;
	city?: string;
	postalCode?: string;
	countryCode: string;
}

export interface PartyJson {
	name: string;
	vatNumber?: string;
	enterpriseNumber?: string;
	endpoint?: { scheme: string; id: string };
	address: AddressJson;
	contact?: { name?: string; email?: string; phone?: string };
}

export interface VatJson {
	category: string;
	rate?: string;
	exemptionReason?: string;
	exemptionReasonCode?: string;
}

export interface LineJson {
	id: string;
	description: string;
	quantity: string;
	unitCode: string;
	unitPrice: string;
	baseQuantity?: string;
	discount?: { percent?: string; amount?: string; reason?: string };
	vat: VatJson;
}

export interface AllowanceChargeJson {
	amount: string;
	reason: string;
	reasonCode?: string;
	vat: VatJson;
}

export interface PaymentJson {
	means?: string;
	iban?: string;
	bic?: string;
	reference?: string;
	terms?: string;
	prepaidAmount?: string;
}

export interface TotalsJson {
	lineExtension: string;
	allowances?: string;
	charges?: string;
	taxExclusive: string;
	tax: string;
	taxInclusive: string;
	prepaid?: string;
	rounding?: string;
	payable: string;
}

/** The NumNum document contract v1 as JSON (../shared/spec/numnum-document.md); passes parseDocument. */
export interface DocumentJson {
	id: string;
	type: DocumentType;
	status: 'sent' | 'received';
	number: string;
	issueDate: string;
	dueDate?: string;
	currency: string;
	language: Language;
	seller: PartyJson;
	buyer: PartyJson;
	buyerReference?: string;
	orderReference?: string;
	invoiceReference?: { number: string; issueDate?: string };
	invoicePeriod?: { start?: string; end?: string };
	delivery?: { date?: string; countryCode?: string; address?: AddressJson };
	note?: string;
	lines: LineJson[];
	allowances: AllowanceChargeJson[];
	charges: AllowanceChargeJson[];
	payment?: PaymentJson;
	totals?: TotalsJson;
}

/** A file embedded in the UBL (cac:AdditionalDocumentReference/cac:Attachment). */
export interface ReadAttachment {
	fileName: string;
	mimeType: string;
	bytes: Buffer;
	/** cbc:ID of the document reference. */
	id?: string;
	description?: string;
}

/** A value in the UBL that the contract has no field for: its XPath, the value, and why when it is not obvious. */
export interface NotCarried {
	path: string;
	value: string;
	reason?: string;
}

/** What the UBL said about itself. */
export interface UblHeader {
	kind: 'Invoice' | 'CreditNote';
	typeCode?: string;
	customizationId?: string;
	profileId?: string;
	ublVersionId?: string;
}

export interface ReadUblResult {
	document: DocumentJson;
	pdf?: ReadAttachment;
	attachments: ReadAttachment[];
	notCarried: NotCarried[];
	ubl: UblHeader;
}
