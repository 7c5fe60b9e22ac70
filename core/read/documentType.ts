// Which NumNum document a UBL is: its type from the root and the type code, and a stable id.
import { createHash } from 'crypto';

import { checkEnterpriseNumber, checkVatNumber, type DocumentType } from './model';
import type { PartyJson } from './types';

/**
 * UNTDID 1001 type codes by the NumNum type they read as (docs/read-ubl-mapping.md). A code not listed
 * reads as its root's type (Invoice → invoice, CreditNote → credit_note) and stays in notCarried.
 */
const TYPE_OF_CODE: ReadonlyMap<string, DocumentType> = new Map(Object.entries({
	'380': 'invoice', // commercial invoice
	'383': 'invoice', // debit note
	'384': 'invoice', // corrected invoice
	'386': 'invoice', // prepayment invoice
	'389': 'invoice', // self-billed invoice
	'326': 'invoice', // partial invoice
	'751': 'invoice', // invoice information for accounting purposes
	'325': 'proforma', // proforma invoice
	'381': 'credit_note', // credit note
	'261': 'credit_note', // self-billed credit note
	'262': 'credit_note', // consolidated credit note
	'396': 'credit_note', // factored credit note
	'532': 'credit_note', // forwarder's credit note
}) as [string, DocumentType][]);
/** The code each NumNum type is written with again by Build UBL: only these carry over without a word. */
export const CARRIED_CODES: ReadonlySet<string> = new Set(['380', '381', '325']);

/** The digits that identify a company: a Belgian enterprise number, else the VAT number. */
export function companyKey(input: string): string | undefined {
	const enterprise = checkEnterpriseNumber(input);
	if (enterprise.ok) return enterprise.value;
	const vat = checkVatNumber(input);
	if (!vat.ok) return undefined;
	return vat.value.startsWith('BE') ? vat.value.slice(2) : vat.value;
}

export function partyKeys(party: PartyJson): string[] {
	const keys = [party.enterpriseNumber, party.vatNumber?.startsWith('BE') ? party.vatNumber.slice(2) : party.vatNumber];
	if (party.endpoint?.scheme === '0208') keys.push(party.endpoint.id);
	return keys.filter((key): key is string => !!key);
}

export function documentTypeOf(kind: 'Invoice' | 'CreditNote', typeCode: string | undefined, buyer: PartyJson, ourCompany: string | undefined): DocumentType {
	const byCode = typeCode ? TYPE_OF_CODE.get(typeCode) : undefined;
	// A CreditNote root is a credit note whatever its code says; an Invoice root is what its code says.
	let type: DocumentType = kind === 'CreditNote' ? 'credit_note' : (byCode ?? 'invoice');
	if (type === 'invoice' && ourCompany) {
		const ours = companyKey(ourCompany);
		if (ours && partyKeys(buyer).includes(ours)) type = 'expense';
	}
	return type;
}

/**
 * NumNum's id is not in the UBL: the id is derived from who issued it, what it is and its number, so
 * the same document read twice (two e-mails, two mailboxes) has the same id and is sent once.
 */
export function derivedId(seller: PartyJson, type: DocumentType, number: string): string {
	const sellerKey =
		partyKeys(seller)[0] ?? (seller.endpoint ? `${seller.endpoint.scheme}:${seller.endpoint.id}` : `name:${seller.name.toLowerCase()}|${seller.address.countryCode}`);
	const hash = createHash('sha256').update(`${sellerKey}\n${type}\n${number}`).digest('hex').slice(0, 32);
	return `ubl-${hash}`;
}
