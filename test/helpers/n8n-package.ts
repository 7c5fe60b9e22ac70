// Stages the BUILT package the way n8n's N8N_CUSTOM_EXTENSIONS wants it: a folder with
// dist/ and package.json but no node_modules of its own (n8n globs **/*.node.js in it, so
// a node_modules inside would be scanned too). The runtime dependencies go into a
// node_modules one level ABOVE that folder, where Node's upward module resolution finds
// them from the node files. n8n-workflow is a peer dependency and is deliberately NOT
// staged: the nodes must use n8n's own copy (n8n puts it on NODE_PATH), or NodeOperationError
// from a second copy would not be recognised by n8n.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO_ROOT } from './n8n-install';

export const PACKAGE_NAME = 'n8n-nodes-numnum-yuki';

interface PackageJson {
	name: string;
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

export interface StagedPackage {
	/** Value for N8N_CUSTOM_EXTENSIONS. */
	extensionsDir: string;
	/** Where the package itself (dist + package.json) was copied. */
	packageDir: string;
	/** Runtime dependencies staged beside it, e.g. ['decimal.js', 'xmlbuilder2', …]. */
	dependencies: string[];
	/** Entries of package.json's n8n section not found in dist/ (nodes still being written). */
	missing: string[];
}

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Finds the folder Node would load `name` from when required from `fromDir`. */
function resolvePackageDir(name: string, fromDir: string): string | undefined {
	let dir = fromDir;
	for (;;) {
		const candidate = path.join(dir, 'node_modules', name);
		if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
		const parent = path.dirname(dir);
		if (parent === dir) return undefined;
		dir = parent;
	}
}

/** Every installed package the given package.json needs at run time (dependencies, transitively). */
export function runtimeDependencyDirs(rootDir: string = REPO_ROOT): string[] {
	const found = new Set<string>();
	const visit = (pkgDir: string, isRoot: boolean) => {
		const pkg = readJson<PackageJson>(path.join(pkgDir, 'package.json'));
		const required = Object.keys(pkg.dependencies ?? {});
		const optional = Object.keys(pkg.optionalDependencies ?? {});
		for (const name of [...required, ...optional]) {
			const dir = resolvePackageDir(name, pkgDir);
			if (!dir) {
				if (optional.includes(name)) continue;
				throw new Error(`${pkg.name} needs ${name}, which is not installed (run npm ci)`);
			}
			if (found.has(dir)) continue;
			if (!isRoot && !dir.startsWith(path.join(rootDir, 'node_modules'))) continue;
			found.add(dir);
			visit(dir, false);
		}
	};
	visit(rootDir, true);
	return [...found].sort();
}

/** True when some folder above `dir` has a node_modules/n8n-workflow that would shadow n8n's. */
function shadowingN8nWorkflow(dir: string): string | undefined {
	return resolvePackageDir('n8n-workflow', dir);
}

export function stagePackage(destRoot: string, rootDir: string = REPO_ROOT): StagedPackage {
	const pkg = readJson<PackageJson>(path.join(rootDir, 'package.json'));
	const entries = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = entries.filter((file) => !fs.existsSync(path.join(rootDir, file)));
	if (missing.length === entries.length) {
		throw new Error(`The package is not built (missing ${missing.join(', ')}): run npm run build first`);
	}
	const shadow = shadowingN8nWorkflow(destRoot);
	if (shadow) {
		throw new Error(`Cannot stage under ${destRoot}: ${shadow} would shadow n8n's own n8n-workflow`);
	}
	const extensionsDir = path.join(destRoot, 'custom-extensions');
	const packageDir = path.join(extensionsDir, PACKAGE_NAME);
	fs.rmSync(extensionsDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	fs.copyFileSync(path.join(rootDir, 'package.json'), path.join(packageDir, 'package.json'));
	fs.cpSync(path.join(rootDir, 'dist'), path.join(packageDir, 'dist'), { recursive: true });

	const modulesDir = path.join(destRoot, 'node_modules');
	fs.rmSync(modulesDir, { recursive: true, force: true });
	const rootModules = path.join(rootDir, 'node_modules');
	const dependencies: string[] = [];
	for (const dir of runtimeDependencyDirs(rootDir)) {
		const relative = path.relative(rootModules, dir);
		// Nested copies (a/node_modules/b) come along with their parent's folder.
		if (relative.includes(`${path.sep}node_modules${path.sep}`)) continue;
		fs.cpSync(dir, path.join(modulesDir, relative), { recursive: true, dereference: true });
		dependencies.push(relative.split(path.sep).join('/'));
	}
	return { extensionsDir, packageDir, dependencies, missing };
}
