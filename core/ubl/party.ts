// Seller (BG-4) and buyer (BG-7) as UBL parties.
import type { Address, Endpoint, Party } from '../model';
import type { UblContext } from './context';
import { enterpriseNumberOf } from './endpoint';
import { VAT_SCHEME } from './tax';
import { el, leaf, must, type XNode } from './xml/node';

export type PartyRole = 'seller' | 'buyer';

export function addressNode(name: string, address: Address): XNode {
	return must(
		el(
			name,
			leaf('cbc:StreetName', address.street),
			leaf('cbc:AdditionalStreetName', address.additionalStreet),
			leaf('cbc:CityName', address.city),
			leaf('cbc:PostalZone', address.postalCode),
			el('cac:Country', leaf('cbc:IdentificationCode', address.countryCode)),
		),
		name,
	);
}


export interface PartyIds {
	endpoint?: Endpoint;
	/** Emit the party's VAT number (BT-31 / BT-48); false for documents not subject to VAT (BR-O-02). */
	withVatId: boolean;
}

/** `cac:Party` in the order of the UBL 2.1 PartyType. */
export function partyNode(role: PartyRole, party: Party, ids: PartyIds, ctx: UblContext): XNode {
	// The 0208 legal id is Belgian: other countries' Peppol rules want their own registers there
	// (NL-R-003 KvK/OIN, SE-R-003 organisationsnummer, IS-R-002 kennitala).
	const belgian = party.address.countryCode === 'BE' || !!party.vatNumber?.toUpperCase().startsWith('BE');
	const enterpriseNumber = belgian ? enterpriseNumberOf(party) : undefined;
	const vatNumber = ids.withVatId ? party.vatNumber : undefined;
	// BR-CO-26: the buyer must be able to identify the seller. With no VAT number (category O) and no
	// enterprise number, the electronic address is the identifier left.
	const needsPartyId = role === 'seller' && !vatNumber && !enterpriseNumber;
	if (needsPartyId && !ids.endpoint) {
		ctx.issues.add(
			'seller.enterpriseNumber',
			'the seller needs an identifier: a VAT number, an enterprise number or an electronic address (BR-CO-26)',
		);
	}
	const contact = party.contact;
	return must(
		el(
			'cac:Party',
			ids.endpoint && leaf('cbc:EndpointID', ids.endpoint.id, { schemeID: ids.endpoint.scheme }),
			needsPartyId && ids.endpoint && el('cac:PartyIdentification', leaf('cbc:ID', ids.endpoint.id)),
			el('cac:PartyName', leaf('cbc:Name', party.name)),
			addressNode('cac:PostalAddress', party.address),
			vatNumber && el('cac:PartyTaxScheme', leaf('cbc:CompanyID', vatNumber), VAT_SCHEME),
			el(
				'cac:PartyLegalEntity',
				leaf('cbc:RegistrationName', party.name),
				enterpriseNumber && leaf('cbc:CompanyID', enterpriseNumber, { schemeID: '0208' }),
			),
			contact &&
				el(
					'cac:Contact',
					leaf('cbc:Name', contact.name),
					leaf('cbc:Telephone', contact.phone),
					leaf('cbc:ElectronicMail', contact.email),
				),
		),
		`${role} party`,
	);
}
