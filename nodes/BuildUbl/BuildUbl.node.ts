import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { parseDocument } from '../../core/document';
import type { NumNumDocument } from '../../core/model';
import { buildUbl, type PdfInput, type UblProfileOption } from '../../core/ubl';
import type { DocumentSource } from '../shared/documentInput';
import { pickDocumentInput } from '../shared/documentInput';
import { pdfOrigin } from '../shared/pdfInput';
import { assertValidUbl, UblRulesError } from '../../core/validate';
import { errorText, issuesOf, itemError } from './issues';
import { buildUblProperties } from './properties';
import { ublSummary } from './summary';

interface BuildUblOptions {
	checkRules?: boolean;
	embedPdf?: boolean;
	includeXml?: boolean;
	keepInputJson?: boolean;
	pdfBinaryPropertyName?: string;
}

/** What is known of a failed item's document, so the error item can still be traced. */
function documentKeys(raw: unknown): IDataObject {
	if (raw === null || typeof raw !== 'object') return {};
	const { id, number } = raw as Record<string, unknown>;
	return {
		...(typeof id === 'string' ? { documentId: id } : {}),
		...(typeof number === 'string' ? { number } : {}),
	};
}

export class BuildUbl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Build UBL',
		name: 'buildUbl',
		icon: { light: 'file:buildUbl.svg', dark: 'file:buildUbl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"auto": "Auto profile", "peppol": "Peppol BIS Billing 3.0", "en16931": "EN 16931"}[$parameter["profile"]] }}',
		description: 'Turn a NumNum document into a Peppol BIS Billing 3.0 / EN 16931 UBL e-invoice with its PDF',
		defaults: {
			name: 'Build UBL',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// An AI agent can turn a document it holds into an e-invoice as well.
		usableAsTool: true,
		properties: buildUblProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			let raw: unknown;
			try {
				const source = this.getNodeParameter('documentSource', itemIndex, 'item') as DocumentSource;
				const field = source === 'field' ? (this.getNodeParameter('documentField', itemIndex) as string) : '';
				const profile = this.getNodeParameter('profile', itemIndex, 'auto') as UblProfileOption;
				const outputProperty = (this.getNodeParameter('binaryPropertyName', itemIndex, 'ubl') as string).trim() || 'ubl';
				const options = this.getNodeParameter('options', itemIndex, {}) as BuildUblOptions;
				const embedPdf = options.embedPdf !== false;
				const pdfProperty = (options.pdfBinaryPropertyName ?? 'pdf').trim() || 'pdf';

				raw = pickDocumentInput(item.json, source, field);
				const document: NumNumDocument = parseDocument(raw);

				// Read only when it goes in; without a binary one, buildUbl embeds the document's own.
				const pdfFrom = pdfOrigin(item, pdfProperty, raw);
				const pdfBinary: IBinaryData | undefined = pdfFrom === 'binary' ? item.binary?.[pdfProperty] : undefined;
				let pdf: PdfInput | undefined;
				if (pdfBinary && embedPdf) {
					pdf = {
						filename: pdfBinary.fileName,
						content: await this.helpers.getBinaryDataBuffer(itemIndex, pdfProperty),
						mimeType: pdfBinary.mimeType,
					};
				}

				const build = buildUbl(document, { profile, pdf, embedPdf });
				// The writer follows the rules by construction; this checks it did, with the official ones.
				if (options.checkRules === true) await assertValidUbl(build.xml);

				const binary: Record<string, IBinaryData> = { ...(item.binary ?? {}) };
				binary[outputProperty] = await this.helpers.prepareBinaryData(
					Buffer.from(build.xml, 'utf8'),
					build.fileName,
					'application/xml',
				);
				// A PDF that came inside the JSON becomes a binary too, named like the UBL, so the
				// next node can attach it separately and Yuki pairs the two files by name.
				if (pdfFrom === 'document' && document.pdf) {
					binary[pdfProperty] = await this.helpers.prepareBinaryData(
						Buffer.from(document.pdf.contentBase64, 'base64'),
						build.pdfFileName,
						'application/pdf',
					);
				}

				const summary = ublSummary(document, build);
				if (options.includeXml) summary.ublXml = build.xml;
				const json = options.keepInputJson ? { ...item.json, ubl: summary } : summary;

				returnData.push({ json, binary, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					// Only `error` and `details` at the top: n8n (2.41) then sends the item to the error output
					// and merges the input item's JSON into it, so the document stays beside its problems.
					// An item with `error` set would instead have its JSON replaced by the bare message.
					const details: IDataObject = {
						...documentKeys(raw),
						issues: issuesOf(error) as unknown as IDataObject[],
						...(error instanceof UblRulesError ? { findings: error.findings as unknown as IDataObject[] } : {}),
					};
					returnData.push({ json: { error: errorText(error), details }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw itemError(this.getNode(), error, itemIndex);
			}
		}

		return [returnData];
	}
}
