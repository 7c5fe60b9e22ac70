// The batch's outcome as n8n sees it: one item per input item, or a NodeOperationError.
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failureLine } from '../../core/export';
import type { BatchOutcome, ExportResult } from '../../core/export';

function toJson(result: ExportResult): IDataObject {
	return {
		status: result.status,
		documentId: result.documentId ?? null,
		number: result.number ?? null,
		type: result.type ?? null,
		recipients: result.recipients,
		accepted: result.accepted,
		rejected: result.rejected.map((r) => r.recipient),
		rejections: result.rejected as unknown as IDataObject[],
		messageId: result.messageId ?? null,
		response: result.response ?? null,
		attempts: result.attempts,
		reason: result.reason ?? null,
		exportedAt: result.exportedAt ?? null,
	};
}

/**
 * The output items, or (without Continue On Fail) the error for a run-level fault or for any
 * item not sent. `logIsSaved` false: the export log of this run is not kept (see the node).
 */
export function outputItems(node: INode, outcome: BatchOutcome, options: { continueOnFail: boolean; logIsSaved: boolean }): INodeExecutionData[] {
	const { results, fatal, recordFailures } = outcome;
	const recordNote =
		recordFailures.length === 0
			? ''
			: `\nThe durable delivery record (n8n de-duplication store) failed for ${recordFailures.length} delivered document${recordFailures.length === 1 ? '' : 's'} (${recordFailures[0].message})${options.logIsSaved ? '; the export log has them' : ''}: ${recordFailures.map((f) => f.result.number ?? f.result.documentId ?? '?').join(', ')}`;

	if (!options.continueOnFail) {
		if (fatal) {
			const check = fatal.error.failure.kind === 'unreachable' ? 'Check Host and Port in the Yuki Inbox SMTP credential (use its Test button), or try again when the server is up.' : 'Check the Yuki Inbox SMTP credential (use its Test button).';
			throw new NodeOperationError(node, fatal.error.message, {
				itemIndex: Math.min(fatal.itemIndex, results.length - 1),
				description: `Nothing more was sent in this run; what was delivered before is recorded. ${check}${recordNote}`,
			});
		}
		const notSent = results.map((result, index) => ({ result, index })).filter(({ result }) => result.status === 'failed' || result.status === 'uncertain');
		if (notSent.length > 0) {
			const sent = results.filter((result) => result.status === 'sent').length;
			throw new NodeOperationError(
				node,
				`${notSent.length} of ${results.length} documents not sent: ${notSent.map(({ result, index }) => result.number ?? `item ${index}`).join(', ')}`,
				{
					itemIndex: notSent[0].index,
					description: `${sent} sent and recorded; running again sends only what was not delivered.${recordNote}\n${notSent
						.map(({ result, index }) => failureLine(result, index))
						.join('\n')}`,
				},
			);
		}
	}
	return results.map((result, itemIndex) => ({ json: toJson(result), pairedItem: { item: itemIndex } }));
}
