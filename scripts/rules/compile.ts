// Compiles the copied official schematron files (core/validate/official) ahead of time into what
// the package ships (core/validate/compiled, copied into dist/ by gulp):
//   <set>.sef.json   the rules as a SaxonJS stylesheet (schematron -> XSLT by toXslt.ts, our own
//                    compiler; XSLT -> SEF by Saxonica's xslt3 compiler, a dev dependency)
//   <set>.rules.json the message table: rule id, flag, official text, business terms
//   stamp.json       a hash of the inputs, so ensureCompiled() knows when to recompile
// Run: npx tsx scripts/rules/compile.ts [--force]   (npm run build runs it; tests call ensureCompiled())
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { compiledDir, officialDir, repoRoot } from './paths';
import { readSchematron } from './schematron';
import { schematronToXslt } from './toXslt';
import { businessTerms } from '../../core/validate/businessTerms';

/** The compiled rule sets, by name: the file each is compiled from. */
export const ruleSets = {
	'cen-1.3.16': 'rules/CEN-EN16931-UBL.sch',
	'peppol-3.0.21': 'rules/PEPPOL-EN16931-UBL.sch',
	'peppol-3.0.22': 'rules/next/PEPPOL-EN16931-UBL.sch',
} as const;

const compilerSources = ['schematron.ts', 'toXslt.ts', 'compile.ts'].map((f) => resolve(__dirname, f));

function inputsHash(): string {
	const hash = createHash('sha256');
	for (const file of [...Object.values(ruleSets).map((f) => join(officialDir, f)), ...compilerSources]) hash.update(readFileSync(file));
	hash.update(readFileSync(resolve(repoRoot, 'core', 'validate', 'businessTerms.ts')));
	return hash.digest('hex');
}

function compileSet(name: string, file: string, work: string): void {
	const { xslt, assertions } = schematronToXslt(readSchematron(readFileSync(join(officialDir, file), 'utf8')));
	const xslPath = join(work, `${name}.xsl`);
	writeFileSync(xslPath, xslt);
	const xslt3 = require.resolve('xslt3/xslt3.js');
	execFileSync(process.execPath, [xslt3, `-xsl:${xslPath}`, `-export:${join(compiledDir, `${name}.sef.json`)}`, '-nogo', '-relocate:on'], {
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const rules = assertions.map((a) => ({ id: a.id, flag: a.flag, text: a.text, businessTerms: businessTerms(a.text) }));
	writeFileSync(join(compiledDir, `${name}.rules.json`), JSON.stringify(rules));
}

export function compileRules(): void {
	const work = join(repoRoot, '.tmp', 'rules');
	mkdirSync(work, { recursive: true });
	mkdirSync(compiledDir, { recursive: true });
	for (const [name, file] of Object.entries(ruleSets)) compileSet(name, file, work);
	writeFileSync(join(compiledDir, 'stamp.json'), JSON.stringify({ inputs: inputsHash() }));
	rmSync(work, { recursive: true, force: true });
}

/** Compiles when the compiled files are missing or older than their inputs (a hash, not mtimes). */
export function ensureCompiled(): void {
	const stamp = join(compiledDir, 'stamp.json');
	if (existsSync(stamp) && JSON.parse(readFileSync(stamp, 'utf8')).inputs === inputsHash()) return;
	compileRules();
}

if (require.main === module) {
	// --force recompiles even when the stamp says the compiled files match their inputs.
	if (process.argv.includes('--force')) compileRules();
	else ensureCompiled();
	console.log(`compiled ${Object.keys(ruleSets).join(', ')} into ${compiledDir}`);
}
