import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DocumentIssue } from '../../core/model';
import { UblBuildError } from '../../core/ubl';
import { UblRulesError } from '../../core/validate';

// How many problems the one-line error message names; the description lists them all.
const MESSAGE_ISSUES = 3;

function isIssue(value: unknown): value is DocumentIssue {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as DocumentIssue).path === 'string' &&
		typeof (value as DocumentIssue).message === 'string'
	);
}

/** The `{ path, message }` problems an error carries (DocumentError, a refused quote, …), else none. */
export function issuesOf(error: unknown): DocumentIssue[] {
	const issues = (error as { issues?: unknown } | null)?.issues;
	return Array.isArray(issues) ? issues.filter(isIssue) : [];
}

export function formatIssue(issue: DocumentIssue): string {
	return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** `Invalid NumNum document: seller.enterpriseNumber: check digits … (and 2 more problems)` */
export function issuesMessage(error: unknown, issues: DocumentIssue[]): string {
	// A valid document the UBL rules still refuse (a quote, a rule the writer enforces) is not "invalid".
	if (error instanceof UblRulesError) return error.message;
	const heading = error instanceof UblBuildError ? 'Cannot build the UBL' : 'Invalid NumNum document';
	const named = issues.slice(0, MESSAGE_ISSUES).map(formatIssue).join('; ');
	const more = issues.length - MESSAGE_ISSUES;
	const suffix = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
	return `${heading}: ${named}${suffix}`;
}

export function errorText(error: unknown): string {
	const issues = issuesOf(error);
	if (issues.length > 0) return issuesMessage(error, issues);
	return error instanceof Error ? error.message : String(error);
}

/** A NodeOperationError for one item: the message names the fields, the description lists every problem. */
export function itemError(node: INode, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const issues = issuesOf(error);
	if (issues.length === 0) {
		return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
	}
	return new NodeOperationError(node, issuesMessage(error, issues), {
		itemIndex,
		description: issues.map((issue) => `• ${formatIssue(issue)}`).join('\n'),
	});
}
