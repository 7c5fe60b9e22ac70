// A node is a thin adapter: it imports the core, the shared node folder, n8n-workflow and Node's own
// modules or packages, never another node's folder (what two nodes share lives in nodes/shared/).
import { builtinModules } from 'module';
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

const repoRoot = join(__dirname, '..', '..', '..');
const nodesDir = join(repoRoot, 'nodes');

function sourceFilesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFilesUnder(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const importsOf = (source: string) =>
	[...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

/** Why `spec`, imported by `file`, is not allowed; undefined when it is. */
export function forbiddenImport(file: string, spec: string): string | undefined {
	if (!spec.startsWith('.')) {
		const name = spec.replace(/^node:/, '').split('/')[0];
		if (spec.startsWith('node:') || builtinModules.includes(name)) return undefined;
		if (/^n8n-|^@n8n\//.test(spec) && !spec.startsWith('n8n-workflow')) return 'of the n8n packages only n8n-workflow (the peer dependency)';
		return undefined; // a package from package.json
	}
	const target = relative(repoRoot, resolve(dirname(file), spec)).split(sep);
	const ownNode = relative(repoRoot, file).split(sep).slice(0, 2).join('/');
	if (target[0] === 'core') return undefined;
	if (target[0] === 'nodes' && (target[1] === 'shared' || `nodes/${target[1]}` === ownNode)) return undefined;
	return `not core/, nodes/shared/ or its own folder (${target.join('/')})`;
}

describe('node files import only core, nodes/shared, n8n-workflow and Node built-ins/packages', () => {
	const files = sourceFilesUnder(nodesDir);

	it('has node files to check', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files.map((f) => [relative(repoRoot, f), f]))('%s', (_name, file) => {
		const bad = importsOf(readFileSync(file, 'utf8'))
			.map((spec) => [spec, forbiddenImport(file, spec)])
			.filter(([, why]) => why !== undefined);
		expect(bad).toEqual([]);
	});

	it('catches a node reaching into another node’s folder, and n8n packages other than n8n-workflow', () => {
		const send = join(nodesDir, 'SendToYukiInbox', 'SendToYukiInbox.node.ts');
		expect(forbiddenImport(send, '../BuildUbl/documentInput')).toMatch(/^not core/);
		expect(forbiddenImport(send, '../../test/helpers/n8n')).toMatch(/^not core/);
		expect(forbiddenImport(send, 'n8n-core')).toMatch(/n8n-workflow/);
		expect(forbiddenImport(send, '../shared/documentInput')).toBeUndefined();
		expect(forbiddenImport(send, './files')).toBeUndefined();
		expect(forbiddenImport(send, '../../core/export')).toBeUndefined();
		expect(forbiddenImport(send, 'node:crypto')).toBeUndefined();
		expect(forbiddenImport(send, 'n8n-workflow')).toBeUndefined();
	});
});
