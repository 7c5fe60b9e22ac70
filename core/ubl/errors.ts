// Why a document cannot become a UBL e-invoice: each problem names the field and the rule.
import type { DocumentIssue } from '../document/types';

/**
 * Thrown by `buildUbl` when the document cannot be written as a valid e-invoice: a quote, a proforma
 * forced into Peppol, or a field an EN 16931 / Peppol rule needs (`buyer.vatNumber: … (BR-IC-02)`).
 * Carries `issues` like the parser's DocumentError, so callers handle both the same way.
 */
export class UblBuildError extends Error {
	readonly issues: DocumentIssue[];

	constructor(issues: DocumentIssue[]) {
		super(
			`Cannot build the UBL: ${issues
				.slice(0, 3)
				.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
				.join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`,
		);
		this.name = 'UblBuildError';
		this.issues = issues;
	}
}

/** Collects problems while the document is written, then throws them all at once. */
export class IssueCollector {
	readonly issues: DocumentIssue[] = [];

	add(path: string, message: string): void {
		this.issues.push({ path, message });
	}

	throwIfAny(): void {
		if (this.issues.length > 0) throw new UblBuildError(this.issues);
	}
}
