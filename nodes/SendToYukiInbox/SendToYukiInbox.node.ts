import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { DeliveryLookupError, exportBatch } from '../../core/export';
import type { BatchItem, BatchOutcome, ExportLog, ExportSettings } from '../../core/export';
import { MailSender, verifySmtp } from '../../core/mail';
import { pickDocumentInput } from '../shared/documentInput';
import type { DocumentSource } from '../shared/documentInput';
import { joinNodeDeliveries } from './deliveryStore';
import { loadFiles } from './files';
import type { FileOptions } from './files';
import { outputItems } from './output';
import { sendToYukiInboxProperties } from './properties';
import { exportSettingsFor, senderOptionsFrom, smtpSettingsFrom } from './settings';
import type { SendOptions } from './settings';

export class SendToYukiInbox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send to Yuki Inbox',
		name: 'sendToYukiInbox',
		icon: { light: 'file:sendToYukiInbox.svg', dark: 'file:sendToYukiInbox.dark.svg' },
		group: ['output'],
		usableAsTool: true,
		version: 1,
		subtitle: '={{ "to " + $parameter["to"] }}',
		description:
			"E-mail each invoice, credit note, proforma and expense with its UBL to an accountant's Yuki inbox: once per recipient, never silently dropped",
		defaults: {
			name: 'Send to Yuki Inbox',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'yukiSmtpApi',
				required: true,
				testedBy: 'yukiSmtpApiTest',
			},
		],
		properties: sendToYukiInboxProperties,
	};

	methods = {
		credentialTest: {
			async yukiSmtpApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const settings = smtpSettingsFrom(credential.data ?? {}, 15_000);
				if (settings.host === '') return { status: 'Error', message: 'Host is empty' };
				const result = await verifySmtp(settings);
				return { status: result.ok ? 'OK' : 'Error', message: result.message };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (items.length === 0) return [[]];
		const firstSettings = configuredSettings(this);
		// Connection, retries and files hold for the whole run (one pooled connection); e-mail settings may vary per item.
		const runOptions = this.getNodeParameter('options', 0, {}) as SendOptions;
		const smtp = smtpSettingsFrom(await this.getCredentials('yukiSmtpApi'), runOptions.timeoutMs);
		const fileOptions: FileOptions = {
			ublProperty: (this.getNodeParameter('ublBinaryPropertyName', 0, 'ubl') as string).trim() || 'ubl',
			attachPdf: runOptions.attachPdf === true,
			pdfProperty: (runOptions.pdfBinaryPropertyName ?? 'pdf').trim() || 'pdf',
			checkRules: runOptions.refuseInvalidUbl === true,
		};

		// The export log lives in the workflow's static data (saved by n8n after the execution, also
		// when it ends in an error, except in manual runs); the processed-data store is written at
		// once and covers manual runs and retries.
		const staticData = this.getWorkflowStaticData('node');
		const log = ((staticData.exportLog as ExportLog | undefined) ?? {}) as ExportLog;
		const batch = readBatch(this, items, firstSettings);
		const deliveries = joinNodeDeliveries(this);
		// A retry "with the original workflow" runs on n8n's snapshot of the workflow, which carries
		// no static data: its log starts empty, and saving it would REPLACE the stored log (which holds
		// what was delivered before the failure). Such a run records in the processed-data store only.
		const logIsSaved = !(this.getMode() === 'retry' && Object.keys(log).length === 0 && deliveries !== undefined);

		const sender = new MailSender(smtp, senderOptionsFrom(runOptions));
		let outcome: BatchOutcome;
		try {
			outcome = await exportBatch(batch, {
				sender,
				log,
				logIsSaved,
				ledger: deliveries?.ledger,
				loadFiles: async (itemIndex, meta) => await loadFiles(this, itemIndex, batch[itemIndex].raw, meta, fileOptions),
			});
		} catch (error) {
			const lookup = error instanceof DeliveryLookupError;
			throw new NodeOperationError(this.getNode(), (lookup ? error.cause : error) as Error, {
				...(lookup ? { description: "Looking up earlier deliveries in n8n's de-duplication store failed; nothing was sent." } : {}),
			});
		} finally {
			sender.close();
			deliveries?.release();
		}
		// Assigned only when something was recorded: marking static data changed without need would
		// make n8n save it, and a retry that started without it would overwrite the stored log.
		if (outcome.logChanged && logIsSaved) staticData.exportLog = log;
		return [outputItems(this.getNode(), outcome, { continueOnFail: this.continueOnFail(), logIsSaved })];
	}
}

/** The first item's e-mail settings; a configuration error there stops the node whatever Continue On Fail says. */
function configuredSettings(context: IExecuteFunctions): ExportSettings {
	try {
		return exportSettingsFor(context, 0);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex: 0 });
	}
}

/** Each item's document and settings (parameters may be expressions), read once, before anything is sent. */
function readBatch(context: IExecuteFunctions, items: INodeExecutionData[], firstSettings: ExportSettings): BatchItem[] {
	return items.map((item, itemIndex) => {
		let raw: unknown;
		try {
			const source = context.getNodeParameter('documentSource', itemIndex, 'item') as DocumentSource;
			const field = source === 'field' ? (context.getNodeParameter('documentField', itemIndex, '') as string) : '';
			raw = pickDocumentInput(item.json, source, field);
			return { raw, settings: itemIndex === 0 ? firstSettings : exportSettingsFor(context, itemIndex) };
		} catch (error) {
			return { raw, error };
		}
	});
}
