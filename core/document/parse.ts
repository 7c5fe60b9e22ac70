// parseDocument: the NumNum JSON contract in, the normalised model out, or a DocumentError listing
// every problem with its path and rule.
import { DocumentError, ROOT_PATH, documentErrorMap, toDocumentIssues } from './errors';
import { NOT_CLEAN, fastPathOf } from './fastPath';
import { nestingIssue, shapeOf } from './nesting';
import { documentInputSchema, documentSchema } from './schema';
import type { DocumentIssue, NumNumDocument } from '../model';

export type SafeParseResult = { ok: true; document: NumNumDocument } | { ok: false; issues: DocumentIssue[] };

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

/** The input as an object: JSON text is parsed first (a document may arrive as a string field). */
function asObject(json: unknown): { value: object } | { issue: DocumentIssue } {
	let value = json;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return { issue: { path: ROOT_PATH, message: 'must be a JSON object, got text that is not JSON' } };
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { issue: { path: ROOT_PATH, message: `must be a JSON object, got ${describe(value)}` } };
	}
	return { value };
}

// The same schema walked in plain code: most documents are right, and only a wrong one needs zod's bookkeeping.
const parseCleanDocument = fastPathOf(documentSchema);
const CONTRACT_SHAPE = shapeOf(documentInputSchema);

/** Like parseDocument, without throwing. */
export function safeParseDocument(json: unknown): SafeParseResult {
	const input = asObject(json);
	if ('issue' in input) return { ok: false, issues: [input.issue] };
	const tooDeep = nestingIssue(input.value, CONTRACT_SHAPE);
	if (tooDeep) return { ok: false, issues: [tooDeep] };
	const clean = parseCleanDocument(input.value);
	if (clean !== NOT_CLEAN) return { ok: true, document: clean };
	const result = documentSchema.safeParse(input.value, { errorMap: documentErrorMap });
	return result.success ? { ok: true, document: result.data } : { ok: false, issues: toDocumentIssues(result.error) };
}

/**
 * Parses and checks a NumNum document (contract v1). Returns the normalised model (Decimals, defaults,
 * cleaned identifiers, derived Peppol endpoints); throws a DocumentError with every problem otherwise.
 * Quotes parse fine: refusing them is the UBL builder's job.
 */
export function parseDocument(json: unknown): NumNumDocument {
	const result = safeParseDocument(json);
	if (!result.ok) throw new DocumentError(result.issues);
	return result.document;
}
