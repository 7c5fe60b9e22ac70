// Agreement with the oracle on the official unit cases: our compiled rules must reproduce every case
// ../shared/tools/lib/unit-cases reproduces with the oracle (see ../shared/validation/README.md).
import { readFileSync } from 'fs';
import * as path from 'path';
import { ensureCompiled } from '../../../scripts/rules/compile';
import { compiledDir, runRules } from '../../../core/validate/schematron';
import { mismatches, readUnitCases, unitFolders } from '../../helpers/unit-cases';

// The one case the oracle does not reproduce either: the only stored version of that unit file
// expects R056-2 as fatal; in 3.0.21 and 3.0.22 the rule is a warning.
const KNOWN = ['unit-UBL-PEPPOL/PEPPOL-COMMON-R056-2.xml case 2: PEPPOL-COMMON-R056-2 expected fatal, got warning'];

/** The rule ids a compiled set holds. */
const idsOf = (set: string) =>
	new Set((JSON.parse(readFileSync(path.join(compiledDir, `${set}.rules.json`), 'utf8')) as { id: string }[]).map((r) => r.id));

function run(release: string, compiled: string[]): { cases: number; bad: string[] } {
	let cases = 0;
	const bad: string[] = [];
	const ids = new Map(compiled.map((set) => [set, idsOf(set)]));
	for (const folder of unitFolders(release)) {
		for (const unit of readUnitCases(folder)) {
			cases += 1;
			// A case reproduces or not by its expected ids alone, so a set holding none of them need
			// not run (a Peppol case through the CEN rules): the same verdict, in a fraction of the time.
			const expected = [...unit.success, ...unit.error, ...unit.warning];
			const sets = compiled.filter((set) => expected.some((id) => ids.get(set)!.has(id)));
			const problems = mismatches(unit, sets.flatMap((set) => runRules(set, unit.document)));
			if (problems.length) bad.push(`${unit.name}: ${problems.join('; ')}`);
		}
	}
	return { cases, bad };
}

beforeAll(() => ensureCompiled(), 600_000);

describe('official unit cases', () => {
	it('EN 16931 1.3.16: all 1,131 cases reproduce with the CEN rules', () => {
		const { cases, bad } = run('cen-1.3.16', ['cen-1.3.16']);
		expect(bad).toEqual([]);
		expect(cases).toBe(1131);
	});

	it('Peppol 3.0.21: every case but the known one reproduces with the CEN and Peppol rules', () => {
		const { cases, bad } = run('peppol-3.0.21', ['cen-1.3.16', 'peppol-3.0.21']);
		expect(bad).toEqual(KNOWN);
		expect(cases).toBe(335 + 333);
	});

	it('Peppol 3.0.22: every case but the known one reproduces with the CEN and next Peppol rules', () => {
		const { cases, bad } = run('peppol-3.0.22', ['cen-1.3.16', 'peppol-3.0.22']);
		expect(bad).toEqual(KNOWN);
		expect(cases).toBe(338 + 3 + 333);
	});
});
