// Build UBL node against a mocked IExecuteFunctions; the core (parse, money, XML) is the real one.
// The real n8n-core binary helpers (filesystem mode) are exercised in BuildUbl.filesystem.test.ts.
import { readFileSync } from 'fs';
import * as path from 'path';
import type { IBinaryData, IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readDocumentMeta } from '../../../core/export/documentMeta';
import { BuildUbl } from '../../../nodes/BuildUbl/BuildUbl.node';

const examples = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'spec', 'examples');
const example = (name: string): IDataObject => JSON.parse(readFileSync(path.join(examples, `${name}.json`), 'utf8'));

const PEPPOL_CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
// A few bytes that look like a PDF; the node never renders it, it only embeds and names it.
const FAKE_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const node: INode = {
	id: 'build-ubl-1',
	name: 'Build UBL',
	type: 'CUSTOM.buildUbl',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

interface Run {
	output: INodeExecutionData[];
	helpers: { getBinaryDataBuffer: jest.Mock; prepareBinaryData: jest.Mock };
}

function pdfBinary(content: Buffer, fileName = 'factuur.pdf'): IBinaryData {
	return { data: content.toString('base64'), mimeType: 'application/pdf', fileName };
}

async function run(
	items: INodeExecutionData[],
	parameters: IDataObject = {},
	{ continueOnFail = false } = {},
): Promise<Run> {
	const helpers = {
		getBinaryDataBuffer: jest.fn(async (itemIndex: number, property: string) =>
			Buffer.from(items[itemIndex].binary![property].data, 'base64'),
		),
		prepareBinaryData: jest.fn(
			async (data: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				fileSize: `${data.length} B`,
			}),
		),
	};
	const context = {
		getInputData: () => items,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		continueOnFail: () => continueOnFail,
		getNode: () => node,
		helpers,
	} as unknown as IExecuteFunctions;
	const [output] = await new BuildUbl().execute.call(context);
	return { output, helpers };
}

const xmlOf = (item: INodeExecutionData, property = 'ubl') =>
	Buffer.from(item.binary![property].data, 'base64').toString('utf8');

async function failure(promise: Promise<unknown>): Promise<NodeOperationError> {
	const error = await promise.then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	return error as NodeOperationError;
}

function withBadEnterpriseNumber(document: IDataObject): IDataObject {
	const seller = { ...(document.seller as IDataObject), enterpriseNumber: '0876.543.271' };
	return { ...document, seller };
}

describe('Build UBL node', () => {
	it('describes itself as n8n expects', () => {
		const { description } = new BuildUbl();
		expect(description.name).toBe('buildUbl');
		expect(description.displayName).toBe('Build UBL');
		expect(description.group).toEqual(['transform']);
		expect(description.version).toBe(1);
		expect(description.subtitle).toContain('$parameter["profile"]');
		expect(description.icon).toEqual({ light: 'file:buildUbl.svg', dark: 'file:buildUbl.dark.svg' });
	});

	it('turns an invoice item into a ubl binary and a summary', async () => {
		const { output, helpers } = await run([{ json: example('invoice') }]);

		expect(output).toHaveLength(1);
		const [item] = output;
		const ubl = item.binary!.ubl;
		expect(ubl.mimeType).toBe('application/xml');
		expect(ubl.fileName).toBe('invoice-2026-0042.xml');
		expect(helpers.prepareBinaryData).toHaveBeenCalledWith(expect.any(Buffer), 'invoice-2026-0042.xml', 'application/xml');

		const xml = xmlOf(item);
		expect(xml).toMatch(/^<\?xml/);
		expect(xml).toContain('<cbc:ID>2026-0042</cbc:ID>');
		expect(xml).toContain(`<cbc:CustomizationID>${PEPPOL_CUSTOMIZATION}</cbc:CustomizationID>`);

		// Hand-checked: 6 % base 390.00 + 73.80 = 463.80 → VAT 27.83; 21 % base 45.00 → 9.45.
		expect(item.json).toMatchObject({
			id: 'doc_2026_0042',
			type: 'invoice',
			status: 'sent',
			number: '2026-0042',
			profile: 'peppol',
			customizationId: PEPPOL_CUSTOMIZATION,
			profileId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
			typeCode: '380',
			fileName: 'invoice-2026-0042.xml',
			pdfFileName: 'invoice-2026-0042.pdf',
			dueDate: '2026-12-20',
			seller: { name: 'Bakkerij De Zon BV', vatNumber: 'BE0876543270' },
			buyer: { name: 'Hotel Zeezicht NV', vatNumber: 'BE0555121201' },
			totals: {
				lineExtension: '508.80',
				allowances: '0.00',
				charges: '0.00',
				taxExclusive: '508.80',
				tax: '37.28',
				taxInclusive: '546.08',
				prepaid: '0.00',
				rounding: '0.00',
				payable: '546.08',
			},
		});
		expect(item.json.vatBreakdown).toEqual([
			{ category: 'S', rate: '6', taxableAmount: '463.80', taxAmount: '27.83' },
			{ category: 'S', rate: '21', taxableAmount: '45.00', taxAmount: '9.45' },
		]);
		expect(item.json.warnings).toEqual(expect.any(Array));
		expect(item.json.ublXml).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('outputs a summary that Send to Yuki Inbox reads like the document itself', async () => {
		const { output } = await run([{ json: example('credit-note') }]);
		// Same id, type, status, number, language, parties and dates; plus the total, which only the
		// summary knows: 2 × 32.50 = 65.00 + 6 % VAT 3.90.
		expect(readDocumentMeta(output[0].json)).toEqual({ ...readDocumentMeta(example('credit-note')), total: '68.90' });
	});

	it('reads the document from a named field, by dot path or as JSON text', async () => {
		const parameters = { documentSource: 'field', documentField: 'data.document' };
		const { output } = await run(
			[
				{ json: { data: { document: example('credit-note') } } },
				{ json: { data: { document: JSON.stringify(example('invoice')) } } },
			],
			parameters,
		);

		expect(output.map((item) => item.json.number)).toEqual(['CN-2026-0007', '2026-0042']);
		expect(output[0].json.typeCode).toBe('381');
		expect(xmlOf(output[0])).toContain('<CreditNote');
	});

	it('names the missing field when the document field is absent', async () => {
		const error = await failure(
			run([{ json: { other: 1 } }], { documentSource: 'field', documentField: 'data.document' }),
		);
		expect(error.message).toContain('data.document');
		expect(error.context.itemIndex).toBe(0);
	});

	it('embeds the PDF from the binary property and keeps the input binaries', async () => {
		const { output, helpers } = await run([{ json: example('invoice'), binary: { pdf: pdfBinary(FAKE_PDF) } }]);

		expect(helpers.getBinaryDataBuffer).toHaveBeenCalledWith(0, 'pdf');
		const [item] = output;
		expect(item.binary!.pdf.fileName).toBe('factuur.pdf');
		const xml = xmlOf(item);
		expect(xml).toContain('mimeCode="application/pdf"');
		expect(xml).toContain(FAKE_PDF.toString('base64'));
		expect(item.json.pdfEmbedded).toBe(true);
	});

	it('reads the PDF from a configured binary property', async () => {
		const { output, helpers } = await run(
			[{ json: example('invoice'), binary: { invoicePdf: pdfBinary(FAKE_PDF) } }],
			{ options: { pdfBinaryPropertyName: 'invoicePdf' } },
		);
		expect(helpers.getBinaryDataBuffer).toHaveBeenCalledWith(0, 'invoicePdf');
		expect(xmlOf(output[0])).toContain(FAKE_PDF.toString('base64'));
	});

	it('leaves the PDF out when Embed PDF is off, without reading it', async () => {
		const { output, helpers } = await run(
			[{ json: example('invoice'), binary: { pdf: pdfBinary(FAKE_PDF) } }],
			{ options: { embedPdf: false } },
		);
		expect(helpers.getBinaryDataBuffer).not.toHaveBeenCalled();
		expect(xmlOf(output[0])).not.toContain('EmbeddedDocumentBinaryObject');
		expect(output[0].json.pdfEmbedded).toBe(false);
		expect(output[0].binary!.pdf).toBeDefined();
	});

	it("falls back to the document's own pdf and hands it on as a binary named like the UBL", async () => {
		const document = { ...example('invoice'), pdf: { filename: 'x.pdf', contentBase64: FAKE_PDF.toString('base64') } };
		const { output } = await run([{ json: document }]);

		const [item] = output;
		expect(xmlOf(item)).toContain(FAKE_PDF.toString('base64'));
		expect(item.binary!.pdf.fileName).toBe('invoice-2026-0042.pdf');
		expect(Buffer.from(item.binary!.pdf.data, 'base64')).toEqual(FAKE_PDF);
	});

	it('writes the UBL to a configured binary property and can include the XML text', async () => {
		const { output } = await run([{ json: example('invoice') }], {
			binaryPropertyName: 'eInvoice',
			options: { includeXml: true },
		});
		const [item] = output;
		expect(item.binary!.ubl).toBeUndefined();
		expect(item.json.ublXml).toBe(xmlOf(item, 'eInvoice'));
	});

	it('keeps the input JSON and puts the summary under "ubl" when asked', async () => {
		const input = { ...example('invoice'), crmId: 77 };
		const { output } = await run([{ json: input }], { options: { keepInputJson: true } });
		expect(output[0].json).toMatchObject({ crmId: 77, number: '2026-0042', buyerReference: 'PO-7781' });
		expect(output[0].json.ubl).toMatchObject({ fileName: 'invoice-2026-0042.xml', profile: 'peppol' });
	});

	it('follows the profile parameter', async () => {
		const { output } = await run([{ json: example('invoice') }], { profile: 'en16931' });
		expect(output[0].json.profile).toBe('en16931');
		expect(output[0].json.customizationId).toBe('urn:cen.eu:en16931:2017');
	});

	it('makes a proforma an EN 16931 invoice 325 and says why', async () => {
		const { output } = await run([{ json: example('proforma') }]);
		expect(output[0].json).toMatchObject({ typeCode: '325', customizationId: 'urn:cen.eu:en16931:2017' });
		expect((output[0].json.warnings as string[]).join(' ')).toMatch(/325|Peppol/);
	});

	it('fails an invalid item with a NodeOperationError naming the field', async () => {
		const error = await failure(run([{ json: example('invoice') }, { json: withBadEnterpriseNumber(example('invoice')) }]));

		expect(error.message).toContain('seller.enterpriseNumber');
		expect(error.description).toContain('seller.enterpriseNumber');
		expect(error.context.itemIndex).toBe(1);
	});

	it('lists every problem of an item in the error description', async () => {
		const document = { ...withBadEnterpriseNumber(example('invoice')), issueDate: '2026-02-30', currency: 'EURO' };
		const error = await failure(run([{ json: document }]));

		for (const field of ['seller.enterpriseNumber', 'issueDate', 'currency']) {
			expect(error.description).toContain(field);
		}
	});

	it('refuses a quote', async () => {
		const error = await failure(run([{ json: { ...example('invoice'), type: 'quote', status: 'draft' } }]));
		expect(error.message).toMatch(/quote/i);
	});

	it('with continue-on-fail, turns a bad item into an error item and goes on', async () => {
		const bad = withBadEnterpriseNumber(example('invoice'));
		const quote = { ...example('proforma'), id: 'q_1', number: 'Q-1', type: 'quote' };
		const { output } = await run([{ json: bad }, { json: quote }, { json: example('expense') }], {}, { continueOnFail: true });

		expect(output).toHaveLength(3);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		expect(output[0].binary).toBeUndefined();
		// n8n sends an item whose JSON is only error/message/details to the error output, when one is configured.
		for (const failed of [output[0], output[1]]) expect(Object.keys(failed.json).sort()).toEqual(['details', 'error']);
		expect(output[0].json.error).toContain('seller.enterpriseNumber');
		expect(output[0].json.details).toEqual({
			documentId: 'doc_2026_0042',
			number: '2026-0042',
			issues: [expect.objectContaining({ path: 'seller.enterpriseNumber' })],
		});

		expect(output[1].json.details).toMatchObject({ documentId: 'q_1', number: 'Q-1' });
		expect(output[1].json.error).toMatch(/quote/i);

		expect(output[2].json).toMatchObject({ id: 'exp_2026_0311', typeCode: '380' });
		expect(output[2].binary!.ubl.mimeType).toBe('application/xml');
	});

	it('sets pairedItem on every output item of a batch', async () => {
		const batch = ['invoice', 'credit-note', 'proforma', 'expense', 'intra-community'].map((name) => ({ json: example(name) }));
		const { output } = await run(batch);
		expect(output.map((item) => item.pairedItem)).toEqual(batch.map((_, item) => ({ item })));
		expect(new Set(output.map((item) => item.binary!.ubl.fileName)).size).toBe(batch.length);
	});
});
