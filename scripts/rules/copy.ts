// Copies the official validation artefacts (EN 16931 and Peppol schematron, current and next, and
// the OASIS UBL 2.1 XSD) from ../shared/validation into core/validate/official, unchanged, with a
// SOURCES.md that names their source and licence. Run: npx tsx scripts/rules/copy.ts
// A unit test (test/unit/validate/officialRules.test.ts) fails when the copy drifts from the source.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { officialDir, officialFiles, sharedValidation } from './paths';

export function xsdFiles(): string[] {
	const root = resolve(sharedValidation, 'xsd');
	return ['common', 'maindoc'].flatMap((dir) =>
		readdirSync(join(root, dir))
			.filter((name) => name.endsWith('.xsd'))
			.sort()
			.map((name) => `xsd/${dir}/${name}`),
	);
}

/** Every file the copy holds, by its path relative to ../shared/validation and to officialDir. */
export function copiedFiles(): string[] {
	return [...officialFiles, ...xsdFiles()];
}

const sources = (shared: string) => {
	const readme = readFileSync(resolve(shared, 'README.md'), 'utf8');
	const table = readme.slice(readme.indexOf('## Files'), readme.indexOf('## How the compiled rules are checked'));
	return `# The official rules, as copied (do not edit)

Copied unchanged from the project's shared validation folder by \`scripts/rules/copy.ts\`
(a unit test fails when they drift). \`scripts/rules/compile.ts\` compiles the schematron files into
\`core/validate/compiled/\`, which the package ships. Source and licence of each file, from the
shared folder's README:

${table.trim()}
`;
};

export function copyOfficialRules(shared = sharedValidation, target = officialDir): void {
	rmSync(target, { recursive: true, force: true });
	for (const file of copiedFiles()) {
		mkdirSync(dirname(join(target, file)), { recursive: true });
		writeFileSync(join(target, file), readFileSync(join(shared, file))); // not copyFileSync: it keeps the source's read-only mode
	}
	writeFileSync(join(target, 'SOURCES.md'), sources(shared));
}

if (require.main === module) {
	copyOfficialRules();
	console.log(`copied ${copiedFiles().length} files into ${officialDir}`);
}
