// Maps a parsed NumNum document and its computed totals to @e-invoice-eu/core's input
// (its "internal format": UBL as JSON, `cbc:`/`cac:` keys, attributes as `key@attr`).
// The peer does no arithmetic, so it gets our totals and VAT breakdown ready-made; the
// mapping runs before the clock starts, which only flatters the peer.
import type { Invoice } from '@e-invoice-eu/core';

import type { Address, AllowanceCharge, NumNumDocument, Party, VatInfo } from '../../core/model';
import type { ComputedTotals } from '../../core/money/types';
import { PAYMENT_MEANS } from '../../core/model';

export const PEPPOL_CUSTOMIZATION_ID =
	'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

type Json = Record<string, unknown>;
type DecimalLike = { toFixed(digits: number): string; toString(): string };

const money = (value: DecimalLike) => value.toFixed(2);
const plain = (value: DecimalLike) => value.toString();

function address(value: Address): Json {
	return {
		...(value.street ? { 'cbc:StreetName': value.street } : {}),
		...(value.additionalStreet ? { 'cbc:AdditionalStreetName': value.additionalStreet } : {}),
		...(value.city ? { 'cbc:CityName': value.city } : {}),
		...(value.postalCode ? { 'cbc:PostalZone': value.postalCode } : {}),
		'cac:Country': { 'cbc:IdentificationCode': value.countryCode },
	};
}

/** The peer's schema repeats the seller's tax schemes but allows the buyer only one. */
function party(value: Party, role: 'seller' | 'buyer'): Json {
	const contact = value.contact;
	const taxScheme = { 'cbc:CompanyID': value.vatNumber, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } };
	return {
		'cac:Party': {
			...(value.endpoint
				? { 'cbc:EndpointID': value.endpoint.id, 'cbc:EndpointID@schemeID': value.endpoint.scheme }
				: {}),
			'cac:PartyName': { 'cbc:Name': value.name },
			'cac:PostalAddress': address(value.address),
			...(value.vatNumber
				? { 'cac:PartyTaxScheme': role === 'seller' ? [taxScheme] : taxScheme }
				: {}),
			'cac:PartyLegalEntity': {
				'cbc:RegistrationName': value.name,
				...(value.enterpriseNumber
					? { 'cbc:CompanyID': value.enterpriseNumber, 'cbc:CompanyID@schemeID': '0208' }
					: {}),
			},
			...(contact && (contact.name || contact.email || contact.phone)
				? {
						'cac:Contact': {
							...(contact.name ? { 'cbc:Name': contact.name } : {}),
							...(contact.phone ? { 'cbc:Telephone': contact.phone } : {}),
							...(contact.email ? { 'cbc:ElectronicMail': contact.email } : {}),
						},
					}
				: {}),
		},
	};
}

function taxCategory(vat: VatInfo): Json {
	return {
		'cbc:ID': vat.category,
		...(vat.category === 'O' ? {} : { 'cbc:Percent': plain(vat.rate) }),
		'cac:TaxScheme': { 'cbc:ID': 'VAT' },
	};
}

function documentAllowanceCharge(value: AllowanceCharge, charge: boolean, currency: string): Json {
	return {
		'cbc:ChargeIndicator': charge ? 'true' : 'false',
		...(value.reasonCode ? { 'cbc:AllowanceChargeReasonCode': value.reasonCode } : {}),
		'cbc:AllowanceChargeReason': value.reason,
		'cbc:Amount': money(value.amount),
		'cbc:Amount@currencyID': currency,
		'cac:TaxCategory': taxCategory(value.vat),
	};
}

export function toEInvoiceEuInput(document: NumNumDocument, totals: ComputedTotals): Invoice {
	const currency = document.currency;
	const amount = (key: string, value: DecimalLike): Json => ({ [key]: money(value), [`${key}@currencyID`]: currency });
	const payment = document.payment;

	const invoice: Json = {
		'cbc:CustomizationID': PEPPOL_CUSTOMIZATION_ID,
		'cbc:ProfileID': PEPPOL_PROFILE_ID,
		'cbc:ID': document.number,
		'cbc:IssueDate': document.issueDate,
		...(document.dueDate ? { 'cbc:DueDate': document.dueDate } : {}),
		'cbc:InvoiceTypeCode': '380',
		...(document.note ? { 'cbc:Note': [document.note] } : {}),
		'cbc:DocumentCurrencyCode': currency,
		...(document.buyerReference ? { 'cbc:BuyerReference': document.buyerReference } : {}),
		...(document.orderReference ? { 'cac:OrderReference': { 'cbc:ID': document.orderReference } } : {}),
		'cac:AccountingSupplierParty': party(document.seller, 'seller'),
		'cac:AccountingCustomerParty': party(document.buyer, 'buyer'),
		...(payment?.iban
			? {
					'cac:PaymentMeans': [
						{
							'cbc:PaymentMeansCode': PAYMENT_MEANS[payment.means ?? 'sepa_credit_transfer'],
							...(payment.reference ? { 'cbc:PaymentID': payment.reference } : {}),
							'cac:PayeeFinancialAccount': {
								'cbc:ID': payment.iban,
								...(payment.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': payment.bic } } : {}),
							},
						},
					],
				}
			: {}),
		...(payment?.terms ? { 'cac:PaymentTerms': { 'cbc:Note': payment.terms } } : {}),
		...(document.allowances.length + document.charges.length > 0
			? {
					'cac:AllowanceCharge': [
						...document.allowances.map((value) => documentAllowanceCharge(value, false, currency)),
						...document.charges.map((value) => documentAllowanceCharge(value, true, currency)),
					],
				}
			: {}),
		'cac:TaxTotal': [
			{
				...amount('cbc:TaxAmount', totals.tax),
				'cac:TaxSubtotal': totals.vatBreakdown.map((row) => ({
					...amount('cbc:TaxableAmount', row.taxableAmount),
					...amount('cbc:TaxAmount', row.taxAmount),
					'cac:TaxCategory': {
						...taxCategory({ category: row.category, rate: row.rate }),
						...(row.exemptionReasonCode ? { 'cbc:TaxExemptionReasonCode': row.exemptionReasonCode } : {}),
						...(row.exemptionReason ? { 'cbc:TaxExemptionReason': row.exemptionReason } : {}),
					},
				})),
			},
		],
		'cac:LegalMonetaryTotal': {
			...amount('cbc:LineExtensionAmount', totals.lineExtension),
			...amount('cbc:TaxExclusiveAmount', totals.taxExclusive),
			...amount('cbc:TaxInclusiveAmount', totals.taxInclusive),
			...(totals.allowances.isZero() ? {} : amount('cbc:AllowanceTotalAmount', totals.allowances)),
			...(totals.charges.isZero() ? {} : amount('cbc:ChargeTotalAmount', totals.charges)),
			...(totals.prepaid.isZero() ? {} : amount('cbc:PrepaidAmount', totals.prepaid)),
			...(totals.rounding.isZero() ? {} : amount('cbc:PayableRoundingAmount', totals.rounding)),
			...amount('cbc:PayableAmount', totals.payable),
		},
		'cac:InvoiceLine': totals.lines.map(({ line, discountAmount, netAmount }) => ({
			'cbc:ID': line.id,
			'cbc:InvoicedQuantity': plain(line.quantity),
			'cbc:InvoicedQuantity@unitCode': line.unitCode,
			...amount('cbc:LineExtensionAmount', netAmount),
			...(discountAmount.isZero()
				? {}
				: {
						'cac:AllowanceCharge': [
							{
								'cbc:ChargeIndicator': 'false',
								'cbc:AllowanceChargeReason': line.discount?.reason ?? 'Discount',
								...amount('cbc:Amount', discountAmount),
							},
						],
					}),
			'cac:Item': { 'cbc:Name': line.description, 'cac:ClassifiedTaxCategory': taxCategory(line.vat) },
			'cac:Price': {
				'cbc:PriceAmount': plain(line.unitPrice),
				'cbc:PriceAmount@currencyID': currency,
				...(line.baseQuantity.equals(1)
					? {}
					: { 'cbc:BaseQuantity': plain(line.baseQuantity), 'cbc:BaseQuantity@unitCode': line.unitCode }),
			},
		})),
	};
	return { 'ubl:Invoice': invoice } as unknown as Invoice;
}
