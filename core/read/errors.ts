// Why a UBL could not be read: each problem names the element (XPath) and, when known, line and column.

export interface UblReadIssue {
	/** XPath of the element, e.g. `/Invoice/cac:InvoiceLine[2]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent`. */
	path: string;
	message: string;
	line?: number;
	column?: number;
}

export const formatReadIssue = (issue: UblReadIssue): string =>
	`${issue.path}${issue.line ? ` (line ${issue.line}, column ${issue.column})` : ''}: ${issue.message}`;

export class UblReadError extends Error {
	constructor(readonly issues: UblReadIssue[]) {
		super(`UBL cannot be read: ${issues.map(formatReadIssue).join('; ')}`);
		this.name = 'UblReadError';
	}
}
