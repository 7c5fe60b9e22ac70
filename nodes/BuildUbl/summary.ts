import type { IDataObject } from 'n8n-workflow';

import type { NumNumDocument, Party } from '../../core/document/types';
import type { UblBuildResult, UblVatBreakdownRow } from '../../core/ubl';

/** "508.80" → 508.8: amounts are already rounded to 2 decimals, so the number prints back exactly. */
function amount(value: string): number {
	return Number(value);
}

function partySummary(party: Party): IDataObject {
	return { name: party.name, ...(party.vatNumber ? { vatNumber: party.vatNumber } : {}) };
}

function vatRow(row: UblVatBreakdownRow): IDataObject {
	return {
		category: row.category,
		rate: amount(row.rate),
		taxableAmount: amount(row.taxableAmount),
		taxAmount: amount(row.taxAmount),
		...(row.exemptionReasonCode ? { exemptionReasonCode: row.exemptionReasonCode } : {}),
		...(row.exemptionReason ? { exemptionReason: row.exemptionReason } : {}),
	};
}

/**
 * The JSON a Build UBL item carries. The document's own field names (id, type, status, number…)
 * stay at the top so the next node (Send to Yuki Inbox) reads this summary like a document.
 */
export function ublSummary(document: NumNumDocument, build: UblBuildResult): IDataObject {
	const { totals } = build;
	return {
		id: document.id,
		type: document.type,
		status: document.status,
		number: document.number,
		issueDate: document.issueDate,
		currency: document.currency,
		language: document.language,
		seller: partySummary(document.seller),
		buyer: partySummary(document.buyer),
		profile: build.profile,
		customizationId: build.customizationId,
		...(build.profileId ? { profileId: build.profileId } : {}),
		documentKind: build.documentKind,
		typeCode: build.typeCode,
		fileName: build.fileName,
		pdfFileName: build.pdfFileName,
		pdfEmbedded: build.pdfEmbedded,
		totals: {
			lineExtension: amount(totals.lineExtension),
			allowances: amount(totals.allowances),
			charges: amount(totals.charges),
			taxExclusive: amount(totals.taxExclusive),
			tax: amount(totals.tax),
			taxInclusive: amount(totals.taxInclusive),
			prepaid: amount(totals.prepaid),
			rounding: amount(totals.rounding),
			payable: amount(totals.payable),
		},
		vatBreakdown: build.vatBreakdown.map(vatRow),
		warnings: [...build.warnings],
	};
}
