// Locates the pinned n8n (and the Node 24 it needs) through scripts/install-n8n.sh,
// which installs it into a cache folder outside the repo the first time and reuses it after.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface N8nInstall {
	/** Folder of the Node 24 distribution (bin/node inside). */
	node24Home: string;
	/** Folder holding node_modules/n8n. */
	n8nDir: string;
	nodeBinary: string;
	n8nEntry: string;
}

let cached: N8nInstall | undefined;

export function locateN8n(): N8nInstall {
	if (cached) return cached;
	// stderr is inherited so a first-time install (several minutes) shows its progress.
	const stdout = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-n8n.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 16 * 1024 * 1024,
	});
	const value = (key: string) => {
		const line = stdout.split('\n').find((l) => l.startsWith(`${key}=`));
		if (!line) throw new Error(`scripts/install-n8n.sh printed no ${key}=… line:\n${stdout}`);
		return line.slice(key.length + 1).trim();
	};
	const node24Home = value('NODE24_HOME');
	const n8nDir = value('N8N_DIR');
	cached = {
		node24Home,
		n8nDir,
		nodeBinary: path.join(node24Home, 'bin', 'node'),
		n8nEntry: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
	return cached;
}
