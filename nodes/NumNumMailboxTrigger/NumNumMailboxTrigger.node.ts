import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { checkImapSettings, describeImapError, ImapSettingsError, MailboxWatcher, ublReaderFor } from '../../core/intake';
import type { ImapSettings, MessageIntake } from '../../core/intake';
import { testImapAccount } from './credentialTest';
import { intakeStateFor } from './intakeState';
import { intakeToOutputs } from './output';
import { numNumMailboxTriggerProperties } from './properties';

interface TriggerOptions {
	maxMessageBytes?: number;
	ourCompany?: string;
	pollSeconds?: number;
}

async function imapSettingsOf(context: ITriggerFunctions): Promise<ImapSettings> {
	const credential = await context.getCredentials<Partial<ImapSettings>>('numNumImapApi');
	try {
		return checkImapSettings(credential);
	} catch (error) {
		const reason = error instanceof ImapSettingsError ? error.message : String(error);
		throw new NodeOperationError(context.getNode(), `The NumNum Export Mailbox credential is incomplete: ${reason}`);
	}
}

/**
 * n8n refuses a second execution with the same key (a unique column of its executions table), so
 * an e-mail started before a restart or a re-publish is not started again, even when its
 * $NumNumIntake keyword could not be set. Scoped to the workflow and node: two workflows
 * watching one mailbox each get every e-mail.
 */
function deduplicationKey(context: ITriggerFunctions, intake: MessageIntake): string {
	const node = context.getNode();
	return `numnum-mailbox:${context.getWorkflow().id ?? ''}:${node.id ?? node.name}:${intake.key}`;
}

export class NumNumMailboxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NumNum Mailbox Trigger',
		name: 'numNumMailboxTrigger',
		icon: { light: 'file:numNumMailbox.svg', dark: 'file:numNumMailbox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["folder"] }}',
		description: "Starts the workflow for each NumNum export e-mail (UBL attached) that arrives in an IMAP mailbox: one item per document",
		defaults: {
			name: 'NumNum Mailbox Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Documents', 'Not Read'],
		credentials: [
			{
				name: 'numNumImapApi',
				required: true,
				testedBy: 'testImapAccount',
			},
		],
		properties: numNumMailboxTriggerProperties,
	};

	methods = {
		credentialTest: { testImapAccount },
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const settings = await imapSettingsOf(this);
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const manual = this.getMode() === 'manual';
		const state = intakeStateFor(this);
		const node = this.getNode();
		const watcher = new MailboxWatcher({
			settings,
			folder: (this.getNodeParameter('folder', 'INBOX') as string).trim() || 'INBOX',
			afterHandling: {
				markSeen: this.getNodeParameter('markSeen', true) as boolean,
				moveTo: (this.getNodeParameter('moveTo', '') as string).trim(),
			},
			readUbl: ublReaderFor(options.ourCompany?.trim() ? { ourCompany: options.ourCompany.trim() } : {}),
			maxMessageBytes: options.maxMessageBytes,
			pollIntervalMs: (options.pollSeconds ?? 30) * 1000,
			// A test run (the editor's "Fetch Test Event") shows the newest e-mail and marks nothing.
			preview: manual,
			seen: state.seen,
			loadCursor: state.loadCursor,
			saveCursor: state.saveCursor,
			deliver: async (intake) => {
				const outputs = await intakeToOutputs(this, intake);
				this.emit(outputs, undefined, undefined, manual ? undefined : deduplicationKey(this, intake));
			},
			onGaveUp: (error) => this.emitError(new NodeOperationError(node, error.message)),
			logger: {
				debug: (message) => this.logger.debug(`NumNum Mailbox Trigger: ${message}`),
				info: (message) => this.logger.info(`NumNum Mailbox Trigger: ${message}`),
				warn: (message) => this.logger.warn(`NumNum Mailbox Trigger: ${message}`),
			},
		});
		const start = async () => {
			try {
				await watcher.start();
			} catch (error) {
				await watcher.close();
				throw new NodeOperationError(node, `Could not open the mailbox ${settings.user}@${settings.host}: ${describeImapError(error)}`);
			}
		};
		if (manual) return { manualTriggerFunction: start, closeFunction: async () => await watcher.close() };
		await start();
		return { closeFunction: async () => await watcher.close() };
	}
}
