// Peppol BIS 3.0 adds national rules that apply by the supplier's country (NL-R, IT-R, NO-R, SE-R, IS-R,
// GR-R, and DE-R / DK-R between two domestic parties). They bind only Peppol documents, so a document
// that misses one is still a valid EN 16931 invoice: Auto falls back to EN 16931 with a warning, an
// explicit Peppol request is refused. Each problem names the field and the rule.
import type Decimal from 'decimal.js';

import type { DocumentIssue, NumNumDocument } from '../model';
import { isNorwegianOrganisationNumber } from './checkDigits';
import type { DocumentKind } from './profile';
import { isBlankInXml } from './xml/escape';

/** The supplier's country as Peppol reads it: VAT prefix first, else the address (EL counts as GR). */
export function supplierCountry(doc: NumNumDocument): string {
	const vat = doc.seller.vatNumber?.slice(0, 2).toUpperCase();
	const country = vat && /^[A-Z]{2}$/.test(vat) ? vat : doc.seller.address.countryCode.toUpperCase();
	return country === 'EL' ? 'GR' : country;
}

const missing = (value: string | undefined) => isBlankInXml(value);

function addressProblems(role: 'seller' | 'buyer', doc: NumNumDocument, rule: string, fields: Array<'street' | 'city' | 'postalCode'>): DocumentIssue[] {
	const address = doc[role].address;
	return fields
		.filter((field) => missing(address[field]))
		.map((field) => ({ path: `${role}.address.${field}`, message: `is required by Peppol for this ${role === 'seller' ? 'supplier' : 'buyer'}'s country (${rule})` }));
}

const NORWEGIAN_VAT = /^NO\d{9}MVA$/;
/**
 * The national Peppol rules this document would break. `paymentMeansCode` is the UNCL 4461 code the
 * writer emits (undefined: no PaymentMeans), `payable` the amount due.
 */
export function nationalRuleProblems(doc: NumNumDocument, kind: DocumentKind, paymentMeansCode: string | undefined, payable: Decimal): DocumentIssue[] {
	const supplier = supplierCountry(doc);
	const customer = doc.buyer.address.countryCode.toUpperCase();
	const problems: DocumentIssue[] = [];
	switch (supplier) {
		case 'NL': {
			if (kind === 'CreditNote' && !doc.invoiceReference) {
				problems.push({ path: 'invoiceReference', message: 'a credit note from a Dutch supplier must name the invoice it corrects (NL-R-001)' });
			}
			problems.push(...addressProblems('seller', doc, 'NL-R-002', ['street', 'city', 'postalCode']));
			if (customer === 'NL') problems.push(...addressProblems('buyer', doc, 'NL-R-004', ['street', 'city', 'postalCode']));
			const due = kind === 'Invoice' ? payable.isPositive() && !payable.isZero() : payable.isNegative() && !payable.isZero();
			if (due && !paymentMeansCode) {
				problems.push({ path: 'payment', message: 'a Dutch supplier must state how to pay: give payment.iban or payment.means (NL-R-007)' });
			}
			if (customer === 'NL' && paymentMeansCode && !['30', '48', '49', '57', '58', '59'].includes(paymentMeansCode)) {
				problems.push({ path: 'payment.means', message: 'between Dutch parties the payment means must be a transfer, card or direct debit (NL-R-008)' });
			}
			break;
		}
		case 'IT':
			problems.push(...addressProblems('seller', doc, 'IT-R-002…004', ['street', 'city', 'postalCode']));
			break;
		case 'NO': {
			const vat = doc.seller.vatNumber;
			if (vat && (!NORWEGIAN_VAT.test(vat) || !isNorwegianOrganisationNumber(vat.slice(2, 11)))) {
				problems.push({ path: 'seller.vatNumber', message: 'a Norwegian VAT number is NO + a valid 9-digit organisation number + MVA (NO-R-001)' });
			}
			break;
		}
		case 'SE': {
			const vat = doc.seller.vatNumber;
			if (vat?.startsWith('SE') && doc.seller.address.countryCode === 'SE' && !/^SE\d{12}$/.test(vat)) {
				problems.push({ path: 'seller.vatNumber', message: 'a Swedish VAT number is SE + 12 digits (SE-R-001, SE-R-002)' });
			}
			if (doc.seller.address.countryCode === 'SE' && vat?.startsWith('SE')) {
				const rates = [...doc.lines.map((l) => l.vat), ...doc.allowances.map((a) => a.vat), ...doc.charges.map((c) => c.vat)];
				if (rates.some((v) => v.category === 'S' && !['25', '12', '6'].includes(v.rate.toString()))) {
					problems.push({ path: 'lines', message: 'a Swedish supplier uses only the standard rates 25, 12 and 6 (SE-R-006)' });
				}
			}
			break;
		}
		case 'IS':
			problems.push({ path: 'seller', message: 'an Icelandic supplier needs its kennitala as legal id (scheme 0196), which the contract cannot carry (IS-R-002)' });
			break;
		case 'GR':
			problems.push({ path: 'number', message: 'a Greek supplier needs the Greek invoice id format with its MARK number (GR-R-001), which the contract cannot carry' });
			break;
		case 'DE':
			if (customer === 'DE') {
				problems.push({ path: 'seller', message: 'a German domestic invoice follows the German rules (XRechnung, DE-R-*), which this writer does not produce' });
			}
			break;
		case 'DK':
			if (customer === 'DK') {
				problems.push({ path: 'seller', message: 'a Danish domestic invoice follows the Danish rules (DK-R-*), which this writer does not produce' });
			}
			break;
	}
	return problems;
}
