import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { YukiSmtpApi } from '../../../credentials/YukiSmtpApi.credentials';
import { BuildUbl } from '../../../nodes/BuildUbl/BuildUbl.node';
import { SendToYukiInbox } from '../../../nodes/SendToYukiInbox/SendToYukiInbox.node';

const node = new SendToYukiInbox();
const option = (name: string) =>
	(node.description.properties.find((p) => p.name === 'options')?.options as INodeProperties[]).find((o) => o.name === name);

describe('Send to Yuki Inbox description', () => {
	it('is named as the package manifest expects and tested by its own credential test', () => {
		expect(node.description.name).toBe('sendToYukiInbox');
		expect(node.description.displayName).toBe('Send to Yuki Inbox');
		expect(node.description.credentials).toEqual([{ name: 'yukiSmtpApi', required: true, testedBy: 'yukiSmtpApiTest' }]);
		expect(typeof node.methods.credentialTest.yukiSmtpApiTest).toBe('function');
	});

	it('has the parameters and options the issue names, with their defaults', () => {
		const names = node.description.properties.map((p) => p.name);
		expect(names).toEqual(expect.arrayContaining(['to', 'fromEmail', 'fromName', 'documentSource', 'documentField', 'ublBinaryPropertyName']));
		expect(node.description.properties.find((p) => p.name === 'ublBinaryPropertyName')?.default).toBe('ubl');
		for (const [name, value] of [
			['cc', ''],
			['bcc', ''],
			['replyTo', ''],
			['subjectTemplate', ''],
			['bodyTemplate', ''],
			['attachPdf', false],
			['pdfBinaryPropertyName', 'pdf'],
			['ineligible', 'skip'],
			['resend', false],
			['maxAttempts', 3],
			['initialBackoffMs', 1000],
			['rateLimit', 0],
		] as const) {
			expect(option(name)?.default).toBe(value);
		}
	});

	it('names the UBL and PDF binary fields as Build UBL does (one wording for both nodes; internal names kept)', () => {
		const build = new BuildUbl().description.properties;
		const buildOption = (name: string) => (build.find((p) => p.name === 'options')?.options as INodeProperties[]).find((o) => o.name === name);
		const label = (properties: INodeProperties[], name: string) => properties.find((p) => p.name === name)?.displayName;
		expect(label(node.description.properties, 'ublBinaryPropertyName')).toBe('UBL Binary Field');
		expect(label(build, 'binaryPropertyName')).toBe('UBL Binary Field');
		expect(option('pdfBinaryPropertyName')?.displayName).toBe('PDF Binary Field');
		expect(buildOption('pdfBinaryPropertyName')?.displayName).toBe('PDF Binary Field');
	});

	it('has a codex with the categories and aliases, and an SVG icon', () => {
		const dir = join(__dirname, '..', '..', '..', 'nodes', 'SendToYukiInbox');
		const codex = JSON.parse(readFileSync(join(dir, 'SendToYukiInbox.node.json'), 'utf8')) as { node: string; categories: string[]; alias: string[] };
		expect(codex.node).toBe('n8n-nodes-numnum-yuki.sendToYukiInbox');
		expect(codex.categories).toEqual(['Communication', 'Finance & Accounting']);
		expect(codex.alias).toEqual(expect.arrayContaining(['e-mail', 'SMTP', 'Yuki', 'accountant', 'invoice', 'export']));
		expect(node.description.icon).toEqual({ light: 'file:sendToYukiInbox.svg', dark: 'file:sendToYukiInbox.dark.svg' });
		expect(readFileSync(join(dir, 'sendToYukiInbox.svg'), 'utf8')).toMatch(/^<svg /);
		expect(readFileSync(join(dir, 'sendToYukiInbox.dark.svg'), 'utf8')).toMatch(/^<svg /);
	});
});

describe('Yuki Inbox SMTP credential', () => {
	const credential = new YukiSmtpApi();
	it('has every connection setting, the password masked', () => {
		expect(credential.name).toBe('yukiSmtpApi');
		expect(credential.displayName).toBe('Yuki Inbox SMTP');
		expect(credential.properties.map((p) => p.name)).toEqual(['host', 'port', 'secure', 'startTls', 'user', 'password', 'hostName', 'allowSelfSigned']);
		expect(credential.properties.find((p) => p.name === 'password')?.typeOptions).toEqual({ password: true });
		expect(credential.properties.find((p) => p.name === 'startTls')?.options?.map((o) => (o as { value: string }).value)).toEqual([
			'required',
			'whenOffered',
			'never',
		]);
	});
});
