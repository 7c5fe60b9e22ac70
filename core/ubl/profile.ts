// Which e-invoice flavour a document becomes: document kind, type code and specification ids.
import type { NumNumDocument } from '../model';
import { UblBuildError } from './errors';

export type UblProfileOption = 'auto' | 'peppol' | 'en16931';
export type UblProfile = 'peppol' | 'en16931';
export type DocumentKind = 'Invoice' | 'CreditNote';

export const PEPPOL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
export const EN16931_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017';

export interface ProfileChoice {
	profile: UblProfile;
	customizationId: string;
	profileId?: string;
	documentKind: DocumentKind;
	/** UNTDID 1001: 380 commercial invoice, 381 credit note, 325 proforma invoice. */
	typeCode: string;
	warnings: string[];
}

const KIND_AND_CODE: Record<Exclude<NumNumDocument['type'], 'quote'>, [DocumentKind, string]> = {
	invoice: ['Invoice', '380'],
	expense: ['Invoice', '380'],
	credit_note: ['CreditNote', '381'],
	proforma: ['Invoice', '325'],
};

export const PROFORMA_WARNING =
	'proforma: written as an EN 16931 invoice with type code 325 and customization id urn:cen.eu:en16931:2017, because Peppol BIS Billing 3.0 does not allow type code 325 (rule PEPPOL-EN16931-P0100)';

/** Picks kind, type code and profile; refuses quotes and a proforma forced into Peppol. */
export function chooseProfile(type: NumNumDocument['type'], option: UblProfileOption = 'auto'): ProfileChoice {
	if (type === 'quote') {
		throw new UblBuildError([
			{ path: 'type', message: 'quotes are never exported: a quote is not an invoice, so it has no e-invoice (UBL) form' },
		]);
	}
	const [documentKind, typeCode] = KIND_AND_CODE[type];
	const warnings: string[] = [];
	let profile: UblProfile;
	if (type === 'proforma') {
		if (option === 'peppol') {
			throw new UblBuildError([
				{
					path: 'type',
					message:
						'a proforma cannot be a Peppol BIS Billing 3.0 document: its type code 325 is not allowed there (PEPPOL-EN16931-P0100); use the profile Auto or EN 16931',
				},
			]);
		}
		profile = 'en16931';
		warnings.push(PROFORMA_WARNING);
	} else {
		profile = option === 'en16931' ? 'en16931' : 'peppol';
	}
	return profile === 'peppol'
		? { profile, customizationId: PEPPOL_CUSTOMIZATION_ID, profileId: PEPPOL_PROFILE_ID, documentKind, typeCode, warnings }
		: { profile, customizationId: EN16931_CUSTOMIZATION_ID, documentKind, typeCode, warnings };
}
