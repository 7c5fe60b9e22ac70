// Send to Yuki Inbox's "Refuse UBL That Fails the Official Rules" (default off while a check costs ~1.5 s): the UBL is checked
// when its files are read, before any e-mail is built; a failing one is an ExportInputError, which
// the export run turns into a failed item with that reason (nothing sent).
import { readFileSync } from 'fs';
import * as path from 'path';
import type { IExecuteFunctions } from 'n8n-workflow';

import { ExportInputError } from '../../../core/export';
import { loadFiles } from '../../../nodes/SendToYukiInbox/files';
import { SendToYukiInbox } from '../../../nodes/SendToYukiInbox/SendToYukiInbox.node';
import { ensureCompiled } from '../../../scripts/rules/compile';
import { sharedDir } from '../../helpers/ubl-validate';

const good = readFileSync(path.join(sharedDir, 'validation', 'examples', 'base-example.xml'));
const bad = Buffer.from(good.toString('utf8').replace('<cbc:DocumentCurrencyCode>EUR<', '<cbc:DocumentCurrencyCode>EURO<'));
const meta = { id: 'doc_1', number: 'Snippet1' } as never;

const contextWith = (ubl: Buffer) =>
	({
		getInputData: () => [{ json: {}, binary: { ubl: { data: ubl.toString('base64'), mimeType: 'application/xml', fileName: 'a.xml' } } }],
		helpers: { getBinaryDataBuffer: async () => ubl },
	}) as unknown as IExecuteFunctions;
const options = (checkRules: boolean) => ({ ublProperty: 'ubl', attachPdf: false, pdfProperty: 'pdf', checkRules });

beforeAll(() => ensureCompiled(), 600_000);

describe('Send to Yuki Inbox: Refuse UBL That Fails the Official Rules', () => {
	it('is an option, off by default', () => {
		const collection = new SendToYukiInbox().description.properties.find((p) => p.name === 'options');
		expect((collection?.options as { name: string; default: unknown }[]).find((o) => o.name === 'refuseInvalidUbl')?.default).toBe(false);
	});

	it('refuses a failing UBL with the rules it breaks, before anything is sent', async () => {
		const error = await loadFiles(contextWith(bad), 0, {}, meta, options(true)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ExportInputError);
		expect((error as Error).message).toMatch(/^The UBL fails the official rules .*\[BR-CL-04\]/);
	}, 120_000);

	it('passes a valid UBL, and a failing one when switched off', async () => {
		expect((await loadFiles(contextWith(good), 0, {}, meta, options(true))).ubl.content.equals(good)).toBe(true);
		expect((await loadFiles(contextWith(bad), 0, {}, meta, options(false))).ubl.content.equals(bad)).toBe(true);
	}, 120_000);
});
