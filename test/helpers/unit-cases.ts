// The official unit test files (vefa validator testSet format) in ../shared/validation/unit-tests,
// split into one document per case with its expected rule ids, and checked the way
// ../shared/tools/lib/unit-cases.js checks the oracle: every <success> id must not fire, every
// <error>/<fatal> id must fire as fatal, every <warning> id must fire as warning.
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import SaxonJS from 'saxon-js';
import type { Finding } from '../../core/validate';

export const unitTestsDir = path.resolve(__dirname, '..', '..', '..', 'shared', 'validation', 'unit-tests');

export interface UnitCase {
	/** folder/file.xml case N, as unit-cases prints it. */
	name: string;
	document: unknown;
	success: string[];
	error: string[];
	warning: string[];
}

const casesOf = `
/v:testSet/v:test ! [
  count(preceding-sibling::v:test) + 1,
  parse-xml(serialize(*[not(self::v:assert)][1])),
  array { v:assert/v:success/tokenize(normalize-space(.), '\\s+') },
  array { v:assert/(v:error | v:fatal)/tokenize(normalize-space(.), '\\s+') },
  array { v:assert/v:warning/tokenize(normalize-space(.), '\\s+') }
]`;

export function readUnitCases(folder: string): UnitCase[] {
	const out: UnitCase[] = [];
	for (const file of readdirSync(folder).filter((f) => f.endsWith('.xml')).sort()) {
		const text = readFileSync(path.join(folder, file), 'utf8');
		const doc = SaxonJS.XPath.evaluate('parse-xml($text)', null, { params: { text } });
		const cases = SaxonJS.XPath.evaluate(casesOf, doc, {
			namespaceContext: { v: 'http://difi.no/xsd/vefa/validator/1.0' },
			resultForm: 'array',
		}) as [number, unknown, string[], string[], string[]][];
		for (const [n, document, success, error, warning] of cases) {
			out.push({ name: `${path.basename(folder)}/${file} case ${n}`, document, success, error, warning });
		}
	}
	return out;
}

/** What does not reproduce in one case (empty: it reproduces). */
export function mismatches(unit: UnitCase, findings: Finding[]): string[] {
	const fired = new Map<string, Set<string>>();
	for (const f of findings) fired.set(f.ruleId, (fired.get(f.ruleId) ?? new Set()).add(f.severity));
	const got = (id: string) => [...(fired.get(id) ?? [])].join('/') || 'nothing';
	const problems: string[] = [];
	for (const id of unit.success) if (fired.has(id)) problems.push(`${id} fired (${got(id)}), expected success`);
	for (const id of unit.error) if (!fired.get(id)?.has('fatal')) problems.push(`${id} expected fatal, got ${got(id)}`);
	for (const id of unit.warning) if (!fired.get(id)?.has('warning')) problems.push(`${id} expected warning, got ${got(id)}`);
	if (!unit.success.length && !unit.error.length && !unit.warning.length) problems.push('no expectation in the case');
	return problems;
}

/** The unit folders of one release, e.g. unitFolders('peppol-3.0.21'). */
export function unitFolders(release: string): string[] {
	const root = path.join(unitTestsDir, release);
	return readdirSync(root)
		.sort()
		.map((d) => path.join(root, d));
}
