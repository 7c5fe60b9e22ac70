// Seller (cac:AccountingSupplierParty) and buyer (cac:AccountingCustomerParty) into contract parties.
import { checkEnterpriseNumber, checkVatNumber, COUNTRY_CODES, ENDPOINT_SCHEMES } from './model';
import { at, child, childrenOf, markUsed, peek, take, takeAttr, type El, type ReadContext } from './tree';
import type { AddressJson, PartyJson } from './types';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function addressOf(ctx: ReadContext, element: El | undefined, what: string): AddressJson | undefined {
	if (!element) return undefined;
	const country = at(element, 'cac:Country', 'cbc:IdentificationCode');
	const countryCode = take(country)?.toUpperCase();
	if (!countryCode || !country) {
		ctx.missing(element, 'cac:Country/cbc:IdentificationCode', `${what} needs its country (ISO 3166-1 alpha-2)`);
		return undefined;
	}
	if (!COUNTRY_CODES.has(countryCode)) {
		ctx.issue(country, `${countryCode} is not an ISO 3166-1 alpha-2 country code`);
		return undefined;
	}
	return dropEmpty({
		street: take(child(element, 'cbc:StreetName')),
		additionalStreet: take(child(element, 'cbc:AdditionalStreetName')),
		city: take(child(element, 'cbc:CityName')),
		postalCode: take(child(element, 'cbc:PostalZone')),
		countryCode,
	});
}

/** The VAT number of the party (PartyTaxScheme with TaxScheme VAT); other tax schemes are not carried. */
function vatNumberOf(ctx: ReadContext, party: El): string | undefined {
	for (const scheme of childrenOf(party, 'cac:PartyTaxScheme')) {
		const schemeId = at(scheme, 'cac:TaxScheme', 'cbc:ID');
		if (peek(schemeId)?.toUpperCase() !== 'VAT') continue;
		const companyId = child(scheme, 'cbc:CompanyID');
		const value = peek(companyId);
		if (!value || !companyId) continue;
		const check = checkVatNumber(value);
		if (!check.ok) {
			ctx.aside(companyId, `not a VAT number the document can hold: ${check.error}`);
			markUsed(schemeId);
			continue;
		}
		take(companyId);
		take(schemeId);
		return check.value;
	}
	return undefined;
}

/** A Belgian enterprise number: the legal registration or party identification with scheme 0208. */
function enterpriseNumberOf(ctx: ReadContext, party: El, vatNumber: string | undefined): string | undefined {
	const fromVat = vatNumber?.startsWith('BE') ? vatNumber.slice(2) : undefined;
	const candidates = [at(party, 'cac:PartyLegalEntity', 'cbc:CompanyID'), ...childrenOf(party, 'cac:PartyIdentification').map((id) => child(id, 'cbc:ID'))];
	let found: string | undefined;
	for (const element of candidates) {
		if (!element || element.attrs?.schemeID?.trim() !== '0208') continue;
		const check = checkEnterpriseNumber(peek(element) ?? '');
		if (!check.ok) {
			ctx.aside(element, `not a Belgian enterprise number: ${check.error}`);
			continue;
		}
		if (fromVat && check.value !== fromVat) {
			ctx.aside(element, `differs from the enterprise number in the VAT number ${vatNumber}`);
			continue;
		}
		if (found && check.value !== found) continue;
		found = check.value;
		take(element);
		takeAttr(element, 'schemeID');
	}
	return found;
}

function endpointOf(ctx: ReadContext, party: El): PartyJson['endpoint'] {
	const element = child(party, 'cbc:EndpointID');
	const id = peek(element);
	if (!element || !id) return undefined;
	const scheme = element.attrs?.schemeID?.trim();
	if (!scheme || !ENDPOINT_SCHEMES.has(scheme)) {
		ctx.aside(element, `the electronic address has no Peppol scheme (EAS) the document can hold: schemeID ${scheme ?? 'missing'}`);
		return undefined;
	}
	if (scheme === '0208') {
		const check = checkEnterpriseNumber(id);
		if (!check.ok) {
			ctx.aside(element, `a 0208 address must be a Belgian enterprise number: ${check.error}`);
			takeAttr(element, 'schemeID');
			return undefined;
		}
	}
	take(element);
	takeAttr(element, 'schemeID');
	return { scheme, id };
}

function contactOf(ctx: ReadContext, party: El): PartyJson['contact'] {
	const contact = child(party, 'cac:Contact');
	if (!contact) return undefined;
	const mail = child(contact, 'cbc:ElectronicMail');
	let email = peek(mail);
	if (email && mail && !EMAIL.test(email)) {
		ctx.aside(mail, 'not an e-mail address');
		email = undefined;
	} else take(mail);
	const result = dropEmpty({ name: take(child(contact, 'cbc:Name')), phone: take(child(contact, 'cbc:Telephone')), email });
	return Object.keys(result).length > 0 ? result : undefined;
}

export function partyOf(ctx: ReadContext, wrapper: El | undefined, role: 'seller' | 'buyer'): PartyJson | undefined {
	const what = role === 'seller' ? "the seller's" : "the buyer's";
	const party = child(wrapper, 'cac:Party');
	if (!wrapper || !party) {
		ctx.missing(wrapper ?? ctx.root, role === 'seller' ? 'cac:AccountingSupplierParty/cac:Party' : 'cac:AccountingCustomerParty/cac:Party', `${what} party is missing`);
		return undefined;
	}
	// BT-27/BT-44 is the legal name (RegistrationName); the trading name (PartyName) only when it is the same or the only one.
	const legalName = at(party, 'cac:PartyLegalEntity', 'cbc:RegistrationName');
	const tradingName = at(party, 'cac:PartyName', 'cbc:Name');
	const name = take(legalName) ?? take(tradingName);
	if (name && peek(tradingName) === name) take(tradingName);
	if (!name) {
		ctx.missing(party, 'cac:PartyLegalEntity/cbc:RegistrationName', `${what} name is missing`);
		return undefined;
	}
	const address = addressOf(ctx, child(party, 'cac:PostalAddress'), `${what} address`);
	if (!address) {
		if (!child(party, 'cac:PostalAddress')) ctx.missing(party, 'cac:PostalAddress', `${what} address (at least its country) is missing`);
		return undefined;
	}
	const vatNumber = vatNumberOf(ctx, party);
	const enterpriseNumber = enterpriseNumberOf(ctx, party, vatNumber);
	return dropEmpty({ name, vatNumber, enterpriseNumber, endpoint: endpointOf(ctx, party), address, contact: contactOf(ctx, party) }) as PartyJson;
}

/** The object without its undefined keys. */
export function dropEmpty<T extends object>(value: T): T {
	const copy = {} as T;
	for (const key in value) if (value[key] !== undefined) copy[key] = value[key];
	return copy;
}
