// The per-node documentation (docs/nodes/*.md) names every parameter, option and credential field
// the panels show, by the name the panel shows, and embeds pictures that exist. A renamed or added
// parameter fails here until the docs say what it does.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ICredentialType, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { NumNumImapApi } from '../../../credentials/NumNumImapApi.credentials';
import { NumNumWebhookApi } from '../../../credentials/NumNumWebhookApi.credentials';
import { YukiSmtpApi } from '../../../credentials/YukiSmtpApi.credentials';
import { BuildUbl } from '../../../nodes/BuildUbl/BuildUbl.node';
import { NumNumMailboxTrigger } from '../../../nodes/NumNumMailboxTrigger/NumNumMailboxTrigger.node';
import { NumNumTrigger } from '../../../nodes/NumNumTrigger/NumNumTrigger.node';
import { ReadUbl } from '../../../nodes/ReadUbl/ReadUbl.node';
import { SendToYukiInbox } from '../../../nodes/SendToYukiInbox/SendToYukiInbox.node';
import { ValidateUbl } from '../../../nodes/ValidateUbl/ValidateUbl.node';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCS_DIR = path.join(REPO_ROOT, 'docs', 'nodes');

const PAGES: Array<{ page: string; node: INodeType; credentials: ICredentialType[] }> = [
	{ page: 'numnum-trigger.md', node: new NumNumTrigger(), credentials: [new NumNumWebhookApi()] },
	{ page: 'build-ubl.md', node: new BuildUbl(), credentials: [] },
	{ page: 'send-to-yuki-inbox.md', node: new SendToYukiInbox(), credentials: [new YukiSmtpApi()] },
	{ page: 'read-ubl.md', node: new ReadUbl(), credentials: [] },
	{ page: 'validate-ubl.md', node: new ValidateUbl(), credentials: [] },
	{ page: 'numnum-mailbox-trigger.md', node: new NumNumMailboxTrigger(), credentials: [new NumNumImapApi()] },
];

/** Display names a user sees and sets: notices and hidden fields are not parameters to explain. */
function shownNames(properties: INodeProperties[]): string[] {
	const names: string[] = [];
	for (const property of properties) {
		if (property.type === 'notice' || property.type === 'hidden') continue;
		names.push(property.displayName);
		for (const option of property.options ?? []) {
			if ('type' in option) names.push(...shownNames([option as INodeProperties]));
			else if ('values' in option) names.push(...shownNames((option as INodePropertyCollection).values));
		}
	}
	return names;
}

/** Choice labels of options / multiOptions parameters (e.g. "Peppol BIS Billing 3.0"). */
function choiceNames(properties: INodeProperties[]): string[] {
	const names: string[] = [];
	for (const property of properties) {
		if (property.type === 'options' || property.type === 'multiOptions') {
			for (const option of property.options ?? []) if ('value' in option) names.push(option.name);
		}
		if (property.type === 'collection') {
			names.push(...choiceNames((property.options ?? []).filter((o): o is INodeProperties => 'type' in o)));
		}
	}
	return names;
}

describe.each(PAGES)('docs/nodes/$page', ({ page, node, credentials }) => {
	const text = fs.readFileSync(path.join(DOCS_DIR, page), 'utf8');

	it('is titled with the node name the editor shows', () => {
		expect(text.split('\n')[0]).toBe(`# ${node.description.displayName}`);
	});

	it('explains every parameter and option, by its panel name in bold', () => {
		const missing = shownNames(node.description.properties).filter((name) => !text.includes(`**${name}**`));
		expect(missing).toEqual([]);
	});

	it('names every choice of every list parameter', () => {
		const missing = choiceNames(node.description.properties).filter((name) => !text.includes(name));
		expect(missing).toEqual([]);
	});

	it('explains every field of its credentials', () => {
		for (const credential of credentials) {
			expect(text).toContain(credential.displayName);
			const missing = shownNames(credential.properties).filter((name) => !text.includes(`**${name}**`));
			expect(missing).toEqual([]);
		}
	});

	it('embeds only pictures that exist', () => {
		const images = [...text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
		expect(images.length).toBeGreaterThan(0);
		const absent = images.filter((image) => !fs.existsSync(path.resolve(DOCS_DIR, image)));
		expect(absent).toEqual([]);
	});

	it('links only to files that exist', () => {
		const links = [...text.matchAll(/(?<!!)\[[^\]]*\]\(([^)#]+)(#[^)]*)?\)/g)]
			.map((match) => match[1])
			.filter((link) => !/^[a-z]+:/.test(link));
		const absent = links.filter((link) => !fs.existsSync(path.resolve(DOCS_DIR, link)));
		expect(absent).toEqual([]);
	});
});

describe('README node guide', () => {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

	it('has a section per node, so the nodes\' documentation links (README#numnum-trigger …) land', () => {
		for (const { node } of PAGES) expect(readme).toContain(`\n### ${node.description.displayName}\n`);
	});

	it('links every node page and embeds only pictures that exist', () => {
		for (const { page } of PAGES) expect(readme).toContain(`(docs/nodes/${page}`);
		const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
		expect(images.length).toBeGreaterThanOrEqual(PAGES.length);
		expect(images.filter((image) => !fs.existsSync(path.resolve(REPO_ROOT, image)))).toEqual([]);
	});
});
