// Parse problems as people read them: `seller.enterpriseNumber: check digits do not match (mod 97)`.
import { z } from 'zod';
import type { DocumentIssue } from '../model';

/** Path of a problem with the document as a whole (not a JSON object, not JSON at all). */
export const ROOT_PATH = '(root)';

/** Thrown by `parseDocument`: every problem found in the document, each with its dotted path and rule. */
export class DocumentError extends Error {
	readonly issues: DocumentIssue[];

	constructor(issues: DocumentIssue[]) {
		super(formatIssues(issues));
		this.name = 'DocumentError';
		this.issues = issues;
	}
}

export function formatIssue(issue: DocumentIssue): string {
	return `${issue.path}: ${issue.message}`;
}

/** How many issues the message names, and how long each may be there: `issues` keeps them all, whole. */
const ISSUES_IN_MESSAGE = 10;
const MAX_ISSUE_TEXT = 200;

const count = (n: number) => n.toLocaleString('en-US');

/** One issue for a message: cut short when a value made it long. */
function briefly(issue: DocumentIssue): string {
	const text = formatIssue(issue);
	return text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT - 1)}…` : text;
}

/**
 * "Invalid NumNum document (2 problems): a: …; b: …" — one line of bounded length, fit for an n8n
 * error message: the first problems, then how many more there are.
 */
export function formatIssues(issues: DocumentIssue[]): string {
	const total = issues.length === 1 ? '1 problem' : `${count(issues.length)} problems`;
	const named = issues.slice(0, ISSUES_IN_MESSAGE).map(briefly).join('; ');
	const more = issues.length > ISSUES_IN_MESSAGE ? `; and ${count(issues.length - ISSUES_IN_MESSAGE)} more (all in issues)` : '';
	return `Invalid NumNum document (${total}): ${named}${more}`;
}

/** Zod path → `lines.2.vat.category` (array positions count from 0, as in the JSON). */
export const dottedPath = (path: (string | number)[]): string => (path.length === 0 ? ROOT_PATH : path.join('.'));

const TYPE_NAMES: Record<string, string> = {
	string: 'a string',
	number: 'a number',
	object: 'an object',
	array: 'a list',
	boolean: 'true or false',
	integer: 'a whole number',
};

const describeReceived = (received: string) => (received === 'array' ? 'a list' : received);

/**
 * Words zod's generic problems in the contract's terms. Messages our schema sets explicitly
 * (refinements, `min(1, …)`) bypass this map.
 */
export const documentErrorMap: z.ZodErrorMap = (issue, ctx) => {
	switch (issue.code) {
		case z.ZodIssueCode.invalid_type: {
			if (issue.received === 'undefined') return { message: 'is required' };
			if (issue.received === 'null') return { message: 'is required (got null)' };
			if (issue.expected.includes("'")) {
				return { message: `must be one of ${issue.expected.replace(/'/g, '').split(' | ').join(', ')}` };
			}
			const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
			return { message: `must be ${expected}, got ${describeReceived(issue.received)}` };
		}
		case z.ZodIssueCode.invalid_enum_value:
			return { message: `must be one of ${issue.options.join(', ')}` };
		case z.ZodIssueCode.too_small:
			if (issue.type === 'array') {
				return { message: `must have at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}` };
			}
			if (issue.type === 'string') return { message: issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters` };
			return { message: `must be at least ${issue.minimum}` };
		case z.ZodIssueCode.too_big:
			if (issue.type === 'string') return { message: `must be at most ${issue.maximum} characters` };
			return { message: `must be at most ${issue.maximum}` };
		case z.ZodIssueCode.invalid_string:
			if (issue.validation === 'email') return { message: 'must be an e-mail address' };
			return { message: ctx.defaultError };
		default:
			return { message: ctx.defaultError };
	}
};

export function toDocumentIssues(error: z.ZodError): DocumentIssue[] {
	return error.issues.map((issue) => ({ path: dottedPath(issue.path), message: issue.message }));
}
