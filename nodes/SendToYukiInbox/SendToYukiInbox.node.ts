import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	allRecipients,
	exportKey,
	ExportRun,
	FatalSmtpError,
	lookupExport,
	MailSender,
	readDocumentMeta,
	RecipientError,
	TemplateError,
	verifySmtp,
} from '../../core/mail';
import type { DeliveryLedger, DocumentMeta, ExportLog, ExportResult, ExportSettings, NextItem, RecordFailure } from '../../core/mail';
import { loadFiles } from './files';
import type { FileOptions } from './files';
import { pickDocumentInput } from '../BuildUbl/documentInput';
import type { DocumentSource } from '../BuildUbl/documentInput';
import { runLedger } from './ledger';
import { sendToYukiInboxProperties } from './properties';
import { exportSettingsFor, smtpSettingsFrom } from './settings';
import type { SendOptions } from './settings';

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

function failedResult(reason: string, raw?: unknown): ExportResult {
	const doc = (raw && typeof raw === 'object' ? raw : {}) as { id?: unknown; number?: unknown };
	return {
		status: 'failed',
		...(typeof doc.id === 'string' ? { documentId: doc.id } : {}),
		...(typeof doc.number === 'string' ? { number: doc.number } : {}),
		recipients: [],
		accepted: [],
		rejected: [],
		attempts: 0,
		reason,
	};
}

/** "2026-0042 (doc_1): not delivered to … after 3 attempts" */
function failureLine(result: ExportResult, itemIndex: number): string {
	const name = result.number ? `${result.number}${result.documentId ? ` (${result.documentId})` : ''}` : `item ${itemIndex}`;
	return `${name}: ${result.reason ?? 'failed'}`;
}

/** Ledger keys (document × recipient) of the items whose delivery the export log does not know. */
function ledgerKeys(prepared: Array<{ raw: unknown; settings?: ExportSettings }>, log: ExportLog): string[] {
	const keys: string[] = [];
	for (const { raw, settings } of prepared) {
		if (!settings || settings.resend) continue;
		let documentId: string;
		try {
			documentId = readDocumentMeta(raw).id;
		} catch {
			continue; // reported when the item's turn comes
		}
		for (const recipient of lookupExport(log, documentId, allRecipients(settings)).pending) keys.push(exportKey(documentId, recipient));
	}
	return keys;
}

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
		const continueOnFail = this.continueOnFail();

		// Connection settings hold for the whole run (one pooled connection); e-mail settings may vary per item.
		const runOptions = this.getNodeParameter('options', 0, {}) as SendOptions;
		let firstSettings: ExportSettings;
		try {
			firstSettings = exportSettingsFor(this, 0);
		} catch (error) {
			// A configuration error: nothing is sent, whatever Continue On Fail says.
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: 0 });
		}
		const credentials = await this.getCredentials('yukiSmtpApi');
		const smtp = smtpSettingsFrom(credentials, runOptions.timeoutMs);

		// The export log lives in the workflow's static data (saved by n8n after the execution,
		// also when it ends in an error, except in manual runs); the processed-data ledger is
		// written at once and covers manual runs and retries.
		const staticData = this.getWorkflowStaticData('node');
		// Assigned only once something is recorded: marking static data changed without need would
		// make n8n save it, and a retry that started without it would overwrite the stored log.
		const log = ((staticData.exportLog as ExportLog | undefined) ?? {}) as ExportLog;

		// Settings and document of every item first (parameters may be expressions), so the
		// delivery ledger is asked about the whole batch in one call.
		const prepared = items.map((item, itemIndex) => {
			let raw: unknown;
			try {
				const source = this.getNodeParameter('documentSource', itemIndex, 'item') as DocumentSource;
				const field = source === 'field' ? (this.getNodeParameter('documentField', itemIndex, '') as string) : '';
				raw = pickDocumentInput(item.json, source, field);
				return { raw, settings: itemIndex === 0 ? firstSettings : exportSettingsFor(this, itemIndex) };
			} catch (error) {
				return { raw, error };
			}
		});
		const run = await runLedger(this, ledgerKeys(prepared, log));
		try {
			return await sendAll(this, { items, prepared, log, staticData, runOptions, smtp, continueOnFail, ledger: run?.ledger });
		} finally {
			run?.leave();
		}
	}
}

interface SendAllInput {
	items: INodeExecutionData[];
	prepared: Array<{ raw: unknown; settings?: ExportSettings; error?: unknown }>;
	log: ExportLog;
	staticData: IDataObject;
	runOptions: SendOptions;
	smtp: ReturnType<typeof smtpSettingsFrom>;
	continueOnFail: boolean;
	ledger?: DeliveryLedger;
}

/** Sends every item, waits until each delivery is durably recorded, then returns or fails. */
async function sendAll(context: IExecuteFunctions, input: SendAllInput): Promise<INodeExecutionData[][]> {
	const { items, prepared, log, staticData, runOptions, smtp, continueOnFail, ledger } = input;
	// A retry "with the original workflow" runs on n8n's snapshot of the workflow, which carries
	// no static data: its log starts empty, and saving it would REPLACE the stored log (which holds
	// what was delivered before the failure). Such a run records in the ledger only.
	const logIsSnapshot = context.getMode() === 'retry' && Object.keys(log).length === 0 && ledger !== undefined;

	const sender = new MailSender(smtp, {
		maxAttempts: runOptions.maxAttempts ?? 3,
		initialBackoffMs: runOptions.initialBackoffMs ?? 1000,
		ratePerSecond: runOptions.rateLimit ?? 0,
	});
	const run = new ExportRun(sender, log, {
		ledger,
		logKept: !logIsSnapshot,
		// Re-assigning marks the static data changed, so n8n saves the new records.
		onRecorded: () => {
			if (!logIsSnapshot) staticData.exportLog = log;
		},
	});

	const fileOptions: FileOptions = {
		ublProperty: (context.getNodeParameter('ublBinaryPropertyName', 0, 'ubl') as string).trim() || 'ubl',
		attachPdf: runOptions.attachPdf === true,
		pdfProperty: (runOptions.pdfBinaryPropertyName ?? 'pdf').trim() || 'pdf',
		checkRules: runOptions.refuseInvalidUbl !== false,
	};
	const filesOf = (itemIndex: number) => async (meta: DocumentMeta) => await loadFiles(context, itemIndex, prepared[itemIndex].raw, meta, fileOptions);
	// The run reads and builds the next e-mail while the current one is on the wire.
	const nextItem = (itemIndex: number): NextItem | undefined => {
		const next = prepared[itemIndex];
		if (!next || next.error !== undefined || !next.settings) return undefined;
		return { itemIndex, raw: next.raw, settings: next.settings, loadFiles: filesOf(itemIndex) };
	};
	const results: ExportResult[] = [];
	let fatal: { error: FatalSmtpError; itemIndex: number } | undefined;
	let recordFailures: RecordFailure[];
	try {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { raw, settings, error } = prepared[itemIndex];
			try {
				if (error !== undefined || !settings) throw error;
				results.push(await run.exportItem(itemIndex, raw, settings, filesOf(itemIndex), () => nextItem(itemIndex + 1)));
			} catch (error) {
				if (error instanceof FatalSmtpError) {
					fatal = { error, itemIndex };
					break;
				}
				const prefix = error instanceof RecipientError || error instanceof TemplateError ? '' : 'could not export: ';
				results.push(failedResult(`${prefix}${(error as Error).message}`, raw));
			}
		}
	} finally {
		sender.close();
		// Whatever happened, every delivery's durable record is written (or its failure noted) first.
		recordFailures = await run.settle();
	}
	const recordNote =
		recordFailures.length === 0
			? ''
			: `\nThe durable delivery record (n8n de-duplication store) failed for ${recordFailures.length} delivered document${recordFailures.length === 1 ? '' : 's'} (${recordFailures[0].message})${logIsSnapshot ? '' : '; the export log has them'}: ${recordFailures.map((f) => f.result.number ?? f.result.documentId ?? '?').join(', ')}`;

	if (fatal) {
		const description = `Nothing more was sent in this run; what was delivered before is recorded. Check the Yuki Inbox SMTP credential (use its Test button).${recordNote}`;
		if (!continueOnFail) {
			throw new NodeOperationError(context.getNode(), fatal.error.message, { itemIndex: fatal.itemIndex, description });
		}
		for (let itemIndex = fatal.itemIndex; itemIndex < items.length; itemIndex++) {
			results.push(failedResult(fatal.error.message, items[itemIndex].json));
		}
	}

	if (!continueOnFail) {
		const failed = results.map((result, index) => ({ result, index })).filter(({ result }) => result.status === 'failed');
		if (failed.length > 0) {
			const sent = results.filter((result) => result.status === 'sent').length;
			throw new NodeOperationError(
				context.getNode(),
				`${failed.length} of ${items.length} documents not sent: ${failed.map(({ result, index }) => result.number ?? `item ${index}`).join(', ')}`,
				{
					itemIndex: failed[0].index,
					description: `${sent} sent and recorded; running again sends only what was not delivered.${recordNote}\n${failed
						.map(({ result, index }) => failureLine(result, index))
						.join('\n')}`,
				},
			);
		}
	}

	return [results.map((result, itemIndex) => ({ json: toJson(result), pairedItem: { item: itemIndex } }))];
}
