import type { IBinaryKeyData, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { NumNumEvent } from '../../core/events';

export const PDF_BINARY_PROPERTY = 'pdf';

/**
 * The document as received, plus the event's id, type and time. An embedded PDF moves to the
 * binary property `pdf` (stored by n8n's binary data manager, filesystem mode included)
 * instead of staying in the JSON as base64.
 */
export async function eventToItem(context: IWebhookFunctions, event: NumNumEvent): Promise<INodeExecutionData> {
	const { pdf, ...document } = event.documentJson as { pdf?: { filename?: unknown; contentBase64?: unknown } };
	const item: INodeExecutionData = {
		json: { ...document, event: { id: event.id, type: event.type, createdAt: event.createdAt } },
	};
	if (pdf && typeof pdf.contentBase64 === 'string') {
		const fileName = typeof pdf.filename === 'string' && pdf.filename !== '' ? pdf.filename : `${event.document.number}.pdf`;
		const binary: IBinaryKeyData = {
			[PDF_BINARY_PROPERTY]: await context.helpers.prepareBinaryData(
				Buffer.from(pdf.contentBase64, 'base64'),
				fileName,
				'application/pdf',
			),
		};
		item.binary = binary;
	}
	return item;
}
