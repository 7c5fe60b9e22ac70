import type { IBinaryKeyData, IDataObject, INodeExecutionData, ITriggerFunctions } from 'n8n-workflow';

import type { IntakeDocument, MessageIntake } from '../../core/intake';

export const UBL_BINARY_PROPERTY = 'ubl';
export const PDF_BINARY_PROPERTY = 'pdf';

async function documentItem(context: ITriggerFunctions, intake: MessageIntake, found: IntakeDocument): Promise<INodeExecutionData> {
	// The UBL's bytes exactly as received, so Send to Yuki Inbox forwards them unchanged.
	const binary: IBinaryKeyData = {
		[UBL_BINARY_PROPERTY]: await context.helpers.prepareBinaryData(found.ubl.content, found.ubl.fileName, 'application/xml'),
	};
	if (found.pdf) {
		binary[PDF_BINARY_PROPERTY] = await context.helpers.prepareBinaryData(found.pdf.content, found.pdf.fileName, 'application/pdf');
	}
	const json = { ...found.document, email: { ...intake.email }, ...(found.notCarried ? { notCarried: found.notCarried.map((entry) => ({ ...entry })) } : {}) };
	return { json: json as IDataObject, binary };
}

/**
 * Output 0: one item per document. Output 1 ("Not Read"): one item per reason an e-mail or one
 * of its UBL files gave no document, with the e-mail it came from.
 */
export async function intakeToOutputs(context: ITriggerFunctions, intake: MessageIntake): Promise<INodeExecutionData[][]> {
	const documents: INodeExecutionData[] = [];
	for (const found of intake.documents) documents.push(await documentItem(context, intake, found));
	const notRead: INodeExecutionData[] = intake.rejections.map((rejection) => ({
		json: { reason: rejection.reason, ...(rejection.fileName ? { fileName: rejection.fileName } : {}), email: { ...intake.email } },
	}));
	return [documents, notRead];
}
