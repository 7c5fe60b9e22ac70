// The layering of core/, enforced: each folder is a layer and imports only folders of a lower layer
// (and npm packages); the model at the bottom imports nothing of ours; core never imports nodes/,
// credentials/ or n8n (see core-is-framework-free.test.ts). A new core folder gets its row here.
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const repoRoot = join(__dirname, '..', '..', '..');
const coreDir = join(repoRoot, 'core');

/**
 * Lower numbers sit lower. A folder may import a folder with a smaller number only: siblings on one
 * layer stay independent of each other. Later folders go above what they build on.
 */
const LAYERS: Record<string, number> = {
	model: 0, // the document model: imports nothing of ours
	codes: 1, // code lists of the official rules
	belgium: 1, // Belgian identifiers and check digits
	signature: 1, // webhook signatures
	money: 2, // amounts, VAT breakdown, totals
	rules: 3, // EN 16931 / Peppol rules both parser and writer enforce
	document: 4, // the NumNum JSON contract → the model (parser)
	ubl: 5, // the model → UBL (writer)
	events: 5, // signed NumNum events
	mail: 6, // e-mail composition and transport
	read: 7, // UBL → the model (Read UBL)
	validate: 8, // the official rules in-process (Validate UBL)
	export: 9, // the send path: run, log, ledgers
	intake: 10, // mailbox intake
	coordination: 10, // cross-process claims and seen event ids (queue mode, Redis)
};

function sourceFilesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFilesUnder(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const importsOf = (source: string) => [...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);

/** The core folder a file or import target is in, or undefined when it is outside core/. */
function coreFolderOf(path: string): string | undefined {
	const inCore = relative(coreDir, path);
	if (inCore.startsWith('..')) return undefined;
	return inCore.split(/[\\/]/)[0];
}

const folders = readdirSync(coreDir).filter((name) => statSync(join(coreDir, name)).isDirectory());
const files = sourceFilesUnder(coreDir);

describe('core layering', () => {
	it.each(folders)('core/%s has a layer in the table', (folder) => {
		expect(LAYERS[folder]).toEqual(expect.any(Number));
	});

	it.each(files.map((file) => [relative(repoRoot, file), file]))('%s imports only lower layers', (_name, file) => {
		const from = coreFolderOf(file)!;
		const wrong: string[] = [];
		for (const spec of importsOf(readFileSync(file, 'utf8'))) {
			if (!spec.startsWith('.')) continue; // an npm package
			const target = resolve(dirname(file), spec);
			const to = coreFolderOf(target);
			if (to === undefined) wrong.push(`${spec} (outside core/)`);
			else if (to !== from && !(LAYERS[to] < LAYERS[from])) wrong.push(`${spec} (core/${to}, layer ${LAYERS[to]}, is not below core/${from}, layer ${LAYERS[from]})`);
		}
		expect(wrong).toEqual([]);
	});

	it('the model imports nothing of ours', () => {
		const ours = files
			.filter((file) => coreFolderOf(file) === 'model')
			.flatMap((file) => importsOf(readFileSync(file, 'utf8')).filter((spec) => spec.startsWith('.') && coreFolderOf(resolve(dirname(file), spec)) !== 'model'));
		expect(ours).toEqual([]);
	});
});
