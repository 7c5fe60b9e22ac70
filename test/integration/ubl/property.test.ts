// Property-based tests (fast-check):
// 1. random valid NumNum documents all parse and build, and a sample of their UBL passes the official rules;
// 2. random corruptions of valid documents end as either a UBL that passes the official rules or a
//    DocumentError whose issues name the field: never another exception, never XML the rules reject.
// 3. hostile structure (prototype keys at every level, deep nesting, duplicate line ids, huge values,
//    characters XML cannot carry) ends the same way, and prototype keys change nothing at all.
// All sampled XML is checked by ONE ubl-validate run per rule set (3.0.21 in force, 3.0.22 next).
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { DocumentError, parseDocument, ROOT_PATH } from '../../../core/document';
import { buildUbl, type UblBuildResult } from '../../../core/ubl';
import { countsByRules, describeFailures, validateUblDir, type UblValidation } from '../../helpers/ubl-validate';
import { corruptionArb, documentArb, hostileArb, type Corruption, type Hostile, type Raw } from './arbitraries';

jest.setTimeout(600_000);

const VALID_RUNS = Number(process.env.UBL_PROPERTY_RUNS ?? 250);
const CORRUPT_RUNS = Number(process.env.UBL_PROPERTY_CORRUPT_RUNS ?? 400);
const HOSTILE_RUNS = Number(process.env.UBL_PROPERTY_HOSTILE_RUNS ?? 200);
const SAMPLE = 60;

const TOP_LEVEL_FIELDS = new Set([
	ROOT_PATH, 'id', 'type', 'status', 'number', 'issueDate', 'dueDate', 'currency', 'language', 'seller', 'buyer', 'buyerReference',
	'orderReference', 'invoiceReference', 'invoicePeriod', 'delivery', 'note', 'lines', 'allowances', 'charges', 'payment', 'totals', 'pdf', 'sentAt',
]);

let outDir: string;
const validSample: Array<{ raw: Raw; result: UblBuildResult }> = [];
const corruptSample: Array<{ corruption: Corruption; result: UblBuildResult }> = [];
const hostileSample: Array<{ hostile: Hostile; result: UblBuildResult }> = [];
const hostileOutcomes: Record<string, { built: number; refused: number }> = {};
const outcomes: Record<string, { built: number; refused: number }> = {};
let validation: UblValidation;

function fileFor(prefix: string, index: number): string {
	return `${prefix}-${String(index).padStart(3, '0')}.xml`;
}

beforeAll(() => {
	outDir = mkdtempSync(path.join(tmpdir(), 'ubl-property-'));
});

afterAll(() => {
	if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test(`${VALID_RUNS} random valid documents all parse and build`, () => {
	fc.assert(
		fc.property(documentArb, (raw) => {
			const document = parseDocument(raw);
			const result = buildUbl(document);
			expect(result.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
			expect(result.fileName).toMatch(/^[A-Za-z0-9._-]+\.xml$/);
			// The summary totals are the ones written in the XML.
			expect(result.xml).toContain(`<cbc:PayableAmount currencyID="${document.currency}">${result.totals.payable}</cbc:PayableAmount>`);
			if (validSample.length < SAMPLE) validSample.push({ raw, result });
		}),
		{ numRuns: VALID_RUNS },
	);
	expect(validSample).toHaveLength(Math.min(SAMPLE, VALID_RUNS));
});

test(`${CORRUPT_RUNS} random corruptions end as a UBL or a DocumentError naming the field`, () => {
	fc.assert(
		fc.property(corruptionArb, (corruption) => {
			const tally = (outcomes[corruption.kind] ??= { built: 0, refused: 0 });
			let result: UblBuildResult;
			try {
				result = buildUbl(parseDocument(corruption.doc));
			} catch (error) {
				// Never another kind of exception.
				if (!(error instanceof DocumentError)) throw new Error(`${corruption.kind} at ${corruption.path} threw ${String(error)}`);
				const issues = error.issues;
				expect(issues.length).toBeGreaterThan(0);
				for (const issue of issues) {
					expect(typeof issue.message).toBe('string');
					expect(issue.message.length).toBeGreaterThan(0);
					expect(TOP_LEVEL_FIELDS.has(issue.path.split('.')[0])).toBe(true);
				}
				// At least one issue names the changed field, a field containing it, or (for rules that
				// span fields) a related top-level field.
				const names = issues.some(
					(issue) =>
						issue.path === corruption.path ||
						corruption.path.startsWith(`${issue.path}.`) ||
						issue.path.startsWith(`${corruption.path}.`) ||
						corruption.related.includes(issue.path.split('.')[0]),
				);
				if (!names) throw new Error(`${corruption.kind} at ${corruption.path}: issues name other fields: ${JSON.stringify(issues)}`);
				tally.refused++;
				return;
			}
			tally.built++;
			if (corruptSample.length < SAMPLE) corruptSample.push({ corruption, result });
		}),
		{ numRuns: CORRUPT_RUNS },
	);
	// Both branches are exercised, or the property proves little.
	const built = Object.values(outcomes).reduce((n, o) => n + o.built, 0);
	const refused = Object.values(outcomes).reduce((n, o) => n + o.refused, 0);
	expect(built).toBeGreaterThan(0);
	expect(refused).toBeGreaterThan(0);
	expect(outcomes.quote).toEqual(expect.objectContaining({ built: 0 }));
});

/** Build, or the DocumentError it ends in: never another exception. */
function outcomeOf(raw: unknown): { result: UblBuildResult } | { error: DocumentError } {
	try {
		return { result: buildUbl(parseDocument(raw)) };
	} catch (error) {
		if (!(error instanceof DocumentError)) throw error;
		return { error };
	}
}

test(`${HOSTILE_RUNS} hostile structures (prototype keys, deep nesting, duplicates, huge values, unrepresentable text) end as a UBL or a DocumentError naming the field`, () => {
	fc.assert(
		fc.property(hostileArb, (hostile) => {
			const tally = (hostileOutcomes[hostile.kind] ??= { built: 0, refused: 0 });
			const outcome = outcomeOf(hostile.doc);
			if (hostile.kind === 'prototypeKeys') {
				// Prototype keys change nothing: the same UBL, or the same refusal, as without them.
				const clean = outcomeOf(hostile.clean);
				if ('result' in clean) {
					expect('result' in outcome && outcome.result.xml).toBe(clean.result.xml);
				} else {
					expect('error' in outcome && outcome.error.issues).toEqual(clean.error.issues);
				}
			} else if ('error' in outcome) {
				const issues = outcome.error.issues;
				expect(issues.length).toBeGreaterThan(0);
				// A contract field, or the unknown one the hostile part was put in.
				const fields = new Set([...TOP_LEVEL_FIELDS, hostile.path.split('.')[0]]);
				for (const issue of issues) expect(fields.has(issue.path.split('.')[0])).toBe(true);
				const names = issues.some(
					(issue) => issue.path === hostile.path || hostile.path.startsWith(`${issue.path}.`) || issue.path.startsWith(`${hostile.path}.`),
				);
				if (!names) throw new Error(`${hostile.kind} at ${hostile.path}: issues name other fields: ${JSON.stringify(issues).slice(0, 2000)}`);
			} else if (hostile.kind !== 'hugeValue') {
				throw new Error(`${hostile.kind} at ${hostile.path} was built instead of refused`);
			}
			if ('error' in outcome) tally.refused++;
			else {
				tally.built++;
				if (hostileSample.length < SAMPLE) hostileSample.push({ hostile, result: outcome.result });
			}
		}),
		{ numRuns: HOSTILE_RUNS },
	);
	// Every kind came up, and the ones that can never be right were always refused.
	expect(Object.keys(hostileOutcomes).sort()).toEqual(['deepNesting', 'duplicateLineIds', 'hugeValue', 'prototypeKeys', 'unrepresentableText']);
	for (const kind of ['deepNesting', 'duplicateLineIds', 'unrepresentableText']) expect(hostileOutcomes[kind].built).toBe(0);
	expect(hostileOutcomes.prototypeKeys.built).toBeGreaterThan(0);
});

test('the sampled UBL of all properties passes the XSD and every rule of both rule sets: 0 fatal (one ubl-validate run each)', () => {
	validSample.forEach(({ result }, i) => writeFileSync(path.join(outDir, fileFor('valid', i)), result.xml));
	corruptSample.forEach(({ result }, i) => writeFileSync(path.join(outDir, fileFor('corrupt', i)), result.xml));
	hostileSample.forEach(({ result }, i) => writeFileSync(path.join(outDir, fileFor('hostile', i)), result.xml));
	validation = validateUblDir(outDir);
	expect(validation.files).toHaveLength(validSample.length + corruptSample.length + hostileSample.length);
	const failures = describeFailures(validation);
	if (failures.length > 0) {
		const inputs = validation.files
			.filter((f) => f.fatal > 0)
			.map((f) => {
				const [prefix, index] = path.basename(f.file, '.xml').split('-');
				const source =
					prefix === 'valid' ? validSample[Number(index)].raw : prefix === 'corrupt' ? corruptSample[Number(index)].corruption : hostileSample[Number(index)].hostile;
				return `${path.basename(f.file)} from ${JSON.stringify(source).slice(0, 4000)}`;
			});
		console.error(`UBL validation failures:\n${failures.join('\n')}\n\nInputs:\n${inputs.join('\n')}`);
	}
	expect(failures).toEqual([]);
	const files = validSample.length + corruptSample.length + hostileSample.length;
	expect(countsByRules(validation)).toMatchObject({ current: { files, fatal: 0 }, next: { files, fatal: 0 } });
});
