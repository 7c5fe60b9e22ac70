// EN 16931 rule ids per VAT category (UNCL 5305), as the official schematron names them
// (../shared/validation/rules/CEN-EN16931-UBL.sch): the one table parser and writer cite from.
import type { VatCategory } from '../model';

/** `BR-S-05` is `${VAT_CATEGORY_RULE_PREFIX.S}-05`. IGIC (L) is BR-AF, IPSI (M) is BR-AG. */
export const VAT_CATEGORY_RULE_PREFIX: Readonly<Record<VatCategory, string>> = {
	S: 'BR-S',
	Z: 'BR-Z',
	E: 'BR-E',
	AE: 'BR-AE',
	K: 'BR-IC',
	G: 'BR-G',
	O: 'BR-O',
	L: 'BR-AF',
	M: 'BR-AG',
};

/** The id of rule `number` (`'02'`, `'10'` …) of a category's family, e.g. `categoryRule('K', '02')` = `BR-IC-02`. */
export const categoryRule = (category: VatCategory, number: string): string => `${VAT_CATEGORY_RULE_PREFIX[category]}-${number}`;
