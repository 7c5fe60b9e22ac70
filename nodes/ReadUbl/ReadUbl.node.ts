import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { formatReadIssue, readUbl, UblReadError, type ReadUblOptions } from '../../core/read';
import { readUblProperties } from './properties';

interface ReadUblNodeOptions {
	language?: ReadUblOptions['language'];
	pdfBinaryPropertyName?: string;
}

/** The binary field the read UBL is passed on in: what Send to Yuki Inbox forwards. */
const UBL_PROPERTY = 'ubl';
const MESSAGE_ISSUES = 3;

/** `Cannot read the UBL: /Invoice/cbc:IssueDate (line 6, column 3): … (and 2 more problems)` */
function errorText(error: unknown): string {
	if (!(error instanceof UblReadError)) return error instanceof Error ? error.message : String(error);
	const named = error.issues.slice(0, MESSAGE_ISSUES).map(formatReadIssue).join('; ');
	const more = error.issues.length - MESSAGE_ISSUES;
	return `Cannot read the UBL: ${named}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}

const MISSING_UBL_HINT = 'Set Input Binary Field to the field that holds the UBL XML file (e.g. attachment_0 after an e-mail trigger).';

export class ReadUbl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Read UBL',
		name: 'readUbl',
		icon: { light: 'file:readUbl.svg', dark: 'file:readUbl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "from binary " + $parameter["binaryPropertyName"] }}',
		description: 'Read a UBL e-invoice (Peppol BIS 3.0, EN 16931) back into a NumNum document with its PDF',
		defaults: {
			name: 'Read UBL',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// An AI agent can read an e-invoice it received into a document it can reason about.
		usableAsTool: true,
		properties: readUblProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				const property = (this.getNodeParameter('binaryPropertyName', itemIndex, UBL_PROPERTY) as string).trim() || UBL_PROPERTY;
				const ourCompany = (this.getNodeParameter('ourCompany', itemIndex, '') as string).trim() || undefined;
				const options = this.getNodeParameter('options', itemIndex, {}) as ReadUblNodeOptions;
				const pdfProperty = (options.pdfBinaryPropertyName ?? 'pdf').trim() || 'pdf';
				const ublBinary = item.binary?.[property];
				if (!ublBinary) {
					throw new NodeOperationError(this.getNode(), `No UBL: the item has no binary field '${property}'`, { itemIndex, description: MISSING_UBL_HINT });
				}

				const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
				const read = readUbl(bytes, { ourCompany, language: options.language });

				// The UBL goes on as it came (same binary, same bytes), so it can be forwarded unchanged.
				const binary: Record<string, IBinaryData> = { ...(item.binary ?? {}), [UBL_PROPERTY]: ublBinary };
				if (read.pdf) binary[pdfProperty] = await this.helpers.prepareBinaryData(read.pdf.bytes, read.pdf.fileName, read.pdf.mimeType);
				for (const [i, file] of read.attachments.entries()) {
					binary[`attachment_${i + 1}`] = await this.helpers.prepareBinaryData(file.bytes, file.fileName, file.mimeType);
				}
				const json: IDataObject = {
					...(read.document as unknown as IDataObject),
					// Beside the document (parseDocument ignores it): what the UBL said of itself and what the document does not carry.
					ublRead: {
						...read.ubl,
						pdf: read.pdf ? { fileName: read.pdf.fileName, mimeType: read.pdf.mimeType, size: read.pdf.bytes.length } : null,
						attachments: read.attachments.map((file) => ({ fileName: file.fileName, mimeType: file.mimeType, size: file.bytes.length })),
						notCarried: read.notCarried as unknown as IDataObject[],
					},
				};
				returnData.push({ json, binary, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					// `error` and `details` only: n8n then routes the item to the error output with its input JSON.
					const issues = error instanceof UblReadError ? (error.issues as unknown as IDataObject[]) : [];
					returnData.push({ json: { error: errorText(error), details: { issues } }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), errorText(error), {
							itemIndex,
							description: error instanceof UblReadError ? error.issues.map((issue) => `• ${formatReadIssue(issue)}`).join('\n') : undefined,
						});
			}
		}

		return [returnData];
	}
}
