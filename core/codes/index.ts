// Code lists as the official validators check them (generated from the schematrons) plus the small
// lookups the document core needs on top.
import { PAYMENT_MEANS, type VatCategory } from '../model';
import { UNIT_CODES } from './codeLists.generated';

export * from './codeLists.generated';

/** UNCL 4461 code per NumNum payment means name (BT-81); the contract's table lives with the model. */
export const PAYMENT_MEANS_CODE_BY_NAME = PAYMENT_MEANS;

/**
 * The EN 16931 unit code for what the user wrote. Rec. 20 codes are taken as they are; UN/ECE Rec. 21
 * package codes are listed in EN 16931 with an `X` prefix (box `BX` → `XBX`, bag `BG` → `XBG`), so a
 * bare Rec. 21 code gets it. Undefined when neither list knows the code.
 */
export function toUnitCode(input: string): string | undefined {
	const code = input.trim().toUpperCase();
	if (UNIT_CODES.has(code)) return code;
	if (UNIT_CODES.has(`X${code}`)) return `X${code}`;
	return undefined;
}

/** VATEX codes that pin the VAT category (PEPPOL-EN16931-P0104…P0111). */
export const CATEGORY_OF_VATEX: Readonly<Record<string, VatCategory>> = {
	'VATEX-EU-G': 'G',
	'VATEX-EU-O': 'O',
	'VATEX-EU-IC': 'K',
	'VATEX-EU-AE': 'AE',
	'VATEX-EU-D': 'E',
	'VATEX-EU-F': 'E',
	'VATEX-EU-I': 'E',
	'VATEX-EU-J': 'E',
};
