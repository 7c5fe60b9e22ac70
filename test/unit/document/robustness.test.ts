// Whatever arrives, parsing ends in a document or in issues with paths: never another exception.
import fc from 'fast-check';
import { DocumentError, parseDocument, safeParseDocument } from '../../../core/document';
import { example, exampleNames } from './sharedExamples';

/** Replaces the value at a random path of a JSON value with another value. */
function corrupt(value: any, path: (string | number)[], replacement: unknown): any {
	if (path.length === 0) return replacement;
	if (typeof value !== 'object' || value === null) return value;
	const copy: any = Array.isArray(value) ? [...value] : { ...value };
	const keys = Object.keys(copy);
	if (keys.length === 0) return copy;
	const key = keys[Number(path[0]) % keys.length];
	copy[key] = corrupt(copy[key], path.slice(1), replacement);
	return copy;
}

const weird = fc.oneof(
	fc.jsonValue(),
	fc.constantFrom('', ' ', '2026-02-30', '-1', '1e5', 'NaN', '+++123/4567/89003+++', 'BE0000000000', null, -0, 1e300),
);

describe('parse robustness', () => {
	it('never throws from safeParseDocument on arbitrary JSON', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (input) => {
				const result = safeParseDocument(input);
				expect(result.ok).toBe(false);
			}),
			{ numRuns: 300 },
		);
	});

	it('ends every corrupted example in a document or a DocumentError naming a field', () => {
		const names = exampleNames();
		fc.assert(
			fc.property(
				fc.constantFrom(...names),
				fc.array(fc.nat(50), { minLength: 1, maxLength: 5 }),
				weird,
				(name, path, replacement) => {
					const input = corrupt(example(name), path, replacement);
					try {
						parseDocument(input);
					} catch (error) {
						expect(error).toBeInstanceOf(DocumentError);
						const { issues } = error as DocumentError;
						expect(issues.length).toBeGreaterThan(0);
						for (const issue of issues) {
							expect(issue.path).toMatch(/^(\(root\)|[A-Za-z]+(\.[A-Za-z0-9]+)*)$/);
							expect(issue.message.length).toBeGreaterThan(0);
						}
					}
				},
			),
			{ numRuns: 500 },
		);
	});
});
