import type { IDataObject } from 'n8n-workflow';

import type { NumNumDocument, Party } from '../../core/model';
import type { UblBuildResult, UblVatBreakdownRow } from '../../core/ubl';

function partySummary(party: Party): IDataObject {
	return { name: party.name, ...(party.vatNumber ? { vatNumber: party.vatNumber } : {}) };
}

function vatRow(row: UblVatBreakdownRow): IDataObject {
	return {
		category: row.category,
		rate: row.rate,
		taxableAmount: row.taxableAmount,
		taxAmount: row.taxAmount,
		...(row.exemptionReasonCode ? { exemptionReasonCode: row.exemptionReasonCode } : {}),
		...(row.exemptionReason ? { exemptionReason: row.exemptionReason } : {}),
	};
}

/**
 * The JSON a Build UBL item carries. The document's own field names (id, type, status, number,
 * seller.name…) stay at the top so the next node (Send to Yuki Inbox) reads this summary like a
 * document. Amounts are the decimal strings written in the UBL ("546.08"), never floats.
 */
export function ublSummary(document: NumNumDocument, build: UblBuildResult): IDataObject {
	return {
		id: document.id,
		type: document.type,
		status: document.status,
		number: document.number,
		issueDate: document.issueDate,
		...(document.dueDate ? { dueDate: document.dueDate } : {}),
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
		totals: { ...build.totals },
		vatBreakdown: build.vatBreakdown.map(vatRow),
		warnings: [...build.warnings],
	};
}
