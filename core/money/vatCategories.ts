// What each VAT category (UNCL 5305, EN 16931 BR-S/Z/E/AE/K/G/O/L/M rules) allows for its rate
// and whether tax is charged. Shared by the money rules, the schema and the UBL writer.
import type { VatCategory } from '../model';

export interface VatCategoryRule {
	/** `positive`: > 0 (BR-S-05); `zero`: exactly 0; `nonNegative`: ≥ 0 (IGIC/IPSI); `none`: no rate at all (BR-O-05). */
	rate: 'positive' | 'zero' | 'nonNegative' | 'none';
	/** Whether the category charges tax (tax = taxable × rate); the others always carry tax 0. */
	taxed: boolean;
	/** EN 16931 demands an exemption reason text or code (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10). */
	needsExemptionReason: boolean;
	/** Human name, for messages. */
	label: string;
}

export const VAT_CATEGORY_RULES: Readonly<Record<VatCategory, VatCategoryRule>> = {
	S: { rate: 'positive', taxed: true, needsExemptionReason: false, label: 'standard rate' },
	Z: { rate: 'zero', taxed: false, needsExemptionReason: false, label: 'zero rated' },
	E: { rate: 'zero', taxed: false, needsExemptionReason: true, label: 'exempt from VAT' },
	AE: { rate: 'zero', taxed: false, needsExemptionReason: true, label: 'VAT reverse charge' },
	K: { rate: 'zero', taxed: false, needsExemptionReason: true, label: 'intra-community supply' },
	G: { rate: 'zero', taxed: false, needsExemptionReason: true, label: 'export outside the EU' },
	O: { rate: 'none', taxed: false, needsExemptionReason: true, label: 'not subject to VAT' },
	L: { rate: 'nonNegative', taxed: true, needsExemptionReason: false, label: 'Canary Islands IGIC' },
	M: { rate: 'nonNegative', taxed: true, needsExemptionReason: false, label: 'Ceuta and Melilla IPSI' },
};
