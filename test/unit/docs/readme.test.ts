// The README as a newcomer follows it (issue 9, item 17): the setup block runs on a bare machine
// in the order given, the demo's inbox folder and links are where the README says, the npm ci
// warnings are explained, and every node type n8n shows (the Tool variants included) is listed.
import { existsSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';

import { repoRoot } from '../../helpers/numnumEvents';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const demo = readFileSync(path.join(repoRoot, 'scripts', 'demo.ts'), 'utf8');

describe('README', () => {
	it('runs apt-get update first in the setup block, two set-up commands in all', () => {
		const block = /## Try it, test it[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1];
		const commands = block.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
		expect(commands[0]).toMatch(/^sudo apt-get update && sudo apt-get install -y /);
		expect(commands[1]).toBe('npm ci');
	});

	it('says where the demo writes its .eml files: one folder per start, as the banner prints it', () => {
		expect(readme).toContain('`.tmp/demo/inbox/<start time>/`');
		expect(demo).toMatch(/\.eml files\s+\$\{sessionInbox\}/);
	});

	it('promises the embedded PDF link the web inbox has, and a new sample on every start', () => {
		expect(readme).toContain('*PDF inside the UBL*');
		expect(readFileSync(path.join(repoRoot, 'scripts', 'demo-inbox.ts'), 'utf8')).toContain('PDF inside the UBL');
		expect(readme).toMatch(/new\s+invoice on every start/);
	});

	it('explains the npm ci warnings', () => {
		expect(readme).toContain('EBADENGINE');
		expect(readme).toContain('allowScripts');
		const allowScripts = Object.keys((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { allowScripts: object }).allowScripts);
		for (const name of allowScripts) expect(readme).toContain(`\`${name}\``);
	});

	it('lists every node type in the node table, the Tool variants of the usableAsTool nodes included', () => {
		const table = readme.slice(readme.indexOf('## Nodes and credentials'), readme.indexOf('## Install in n8n'));
		const names: string[] = [];
		// Every node folder (nodes/shared holds no node).
		for (const folder of readdirSync(path.join(repoRoot, 'nodes'))) {
			const file = path.join(repoRoot, 'nodes', folder, `${folder}.node.ts`);
			if (!existsSync(file)) continue;
			const source = readFileSync(file, 'utf8');
			const name = /\bname: '(\w+)'/.exec(source)![1];
			names.push(name, ...(/usableAsTool: true/.test(source) ? [`${name}Tool`] : []));
		}
		expect(names).toEqual(expect.arrayContaining(['numNumTrigger', 'buildUbl', 'buildUblTool', 'sendToYukiInbox', 'sendToYukiInboxTool']));
		for (const name of names) {
			expect(table).toContain(`(\`n8n-nodes-numnum-yuki.${name}\`)`);
		}
	});
});
