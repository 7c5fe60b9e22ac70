// Why a document cannot become a UBL e-invoice: each problem names the field and the rule.
import { DocumentError } from '../document/errors';
import type { DocumentIssue } from '../model';

/**
 * Thrown by `buildUbl` when the document cannot be written as a valid e-invoice: a quote, a proforma
 * forced into Peppol, or a field an EN 16931 / Peppol rule needs (`buyer.vatNumber: … (BR-IC-02)`).
 * A DocumentError with `issues`, so callers handle it like a parse failure.
 */
export class UblBuildError extends DocumentError {
	constructor(issues: DocumentIssue[]) {
		super(issues);
		const named = issues
			.slice(0, 3)
			.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
			.join('; ');
		this.message = `Cannot build the UBL: ${named}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`;
		this.name = 'UblBuildError';
	}
}
