// Electronic addresses (BT-34 / BT-49) and the identifiers derived from a party's VAT number.
import { checkEnterpriseNumber } from '../belgium';
import { ENDPOINT_SCHEMES } from '../codes';
import type { Endpoint, Party } from '../model';
import { isBlankInXml } from './xml/escape';
import { isGln, isNorwegianOrganisationNumber } from './checkDigits';

/**
 * Peppol electronic address schemes (EAS) that take a VAT number as it is, by VAT prefix. Belgium is
 * not here: a Belgian party is addressed by its enterprise number (scheme 0208), the Peppol norm there.
 */
const VAT_SCHEME_BY_PREFIX: Readonly<Record<string, string>> = {
	AD: '9922', AL: '9923', AT: '9914', BA: '9924', BG: '9926', CH: '9927', CY: '9928', CZ: '9929',
	DE: '9930', EE: '9931', EL: '9933', ES: '9920', FR: '9957', GB: '9932', GR: '9933', HR: '9934',
	HU: '9910', IE: '9935', LI: '9936', LT: '9937', LU: '9938', LV: '9939', MC: '9940', ME: '9941',
	MK: '9942', MT: '9943', NL: '9944', PL: '9945', PT: '9946', RO: '9947', RS: '9948', SI: '9949',
	SK: '9950', SM: '9951', TR: '9952', VA: '9953',
};

/** A Belgian party's enterprise number: as given, else the digits of its BE VAT number (BE + enterprise number). */
export function enterpriseNumberOf(party: Party): string | undefined {
	if (party.enterpriseNumber) return party.enterpriseNumber.replace(/\D/g, '');
	const vat = party.vatNumber?.replace(/[\s.-]/g, '').toUpperCase();
	if (vat && /^BE[01]\d{9}$/.test(vat)) return vat.slice(2);
	return undefined;
}

/** The party's Peppol address: as given, else 0208 + enterprise number, else the VAT scheme of its country. */
export function resolveEndpoint(party: Party): Endpoint | undefined {
	if (party.endpoint) return party.endpoint;
	const enterpriseNumber = enterpriseNumberOf(party);
	if (enterpriseNumber) return { scheme: '0208', id: enterpriseNumber };
	const vat = party.vatNumber?.replace(/[\s.-]/g, '').toUpperCase();
	const scheme = vat ? VAT_SCHEME_BY_PREFIX[vat.slice(0, 2)] : undefined;
	return scheme && vat ? { scheme, id: vat } : undefined;
}

/**
 * Why an endpoint would fail the validators, or undefined when it is fine: the scheme must be on the EAS
 * list (BR-CL-25, PEPPOL-EN16931-CL008) and the identifiers Peppol checks must carry their check digits
 * (PEPPOL-COMMON-R040 GLN, R041 Norwegian org number, R042 Danish CVR, R043 Belgian enterprise number).
 */
export function endpointProblem(endpoint: Endpoint): string | undefined {
	if (!ENDPOINT_SCHEMES.has(endpoint.scheme)) {
		return `scheme ${endpoint.scheme} is not an electronic address scheme (EAS) code (BR-CL-25, PEPPOL-EN16931-CL008)`;
	}
	if (isBlankInXml(endpoint.id)) return 'the identifier is empty (BR-62, BR-63)';
	const id = endpoint.id.trim();
	switch (endpoint.scheme) {
		case '0208': {
			const check = checkEnterpriseNumber(id);
			return check.ok && check.value === id ? undefined : 'a 0208 address must be a Belgian enterprise number of 10 digits with valid check digits (PEPPOL-COMMON-R043)';
		}
		case '0088':
			return isGln(id) ? undefined : 'a 0088 address must be a 13-digit GLN with a valid check digit (PEPPOL-COMMON-R040)';
		case '0192':
			return isNorwegianOrganisationNumber(id) ? undefined : 'a 0192 address must be a 9-digit Norwegian organisation number (PEPPOL-COMMON-R041)';
		case '0184':
			return /^(DK\d{8}|\d{8})$/.test(id) ? undefined : 'a 0184 address must be a Danish CVR number: 8 digits, optionally prefixed DK (PEPPOL-COMMON-R042)';
		default:
			return undefined;
	}
}
