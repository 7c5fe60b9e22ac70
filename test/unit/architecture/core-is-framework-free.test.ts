// The domain core must stay usable outside n8n (library entry, CLI): no n8n imports in core/.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const repoRoot = join(__dirname, '..', '..', '..');

function sourceFilesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFilesUnder(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const importsOf = (source: string) =>
	[...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('core/ is framework-free', () => {
	const files = sourceFilesUnder(join(repoRoot, 'core'));

	it('has source files to check', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files.map((f) => [relative(repoRoot, f), f]))('%s imports nothing from n8n', (_name, file) => {
		const n8nImports = importsOf(readFileSync(file, 'utf8')).filter((spec) => /(^|\/)n8n-|^@n8n\//.test(spec));
		expect(n8nImports).toEqual([]);
	});

	it.each(files.map((f) => [relative(repoRoot, f), f]))('%s does not reach into nodes/ or credentials/', (_name, file) => {
		const outward = importsOf(readFileSync(file, 'utf8')).filter((spec) => /(^|\/)(nodes|credentials)\//.test(spec));
		expect(outward).toEqual([]);
	});
});
