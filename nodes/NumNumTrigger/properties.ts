import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TOLERANCE_SECONDS } from '../../core/signature';

export const numNumTriggerProperties: INodeProperties[] = [
	{
		displayName:
			"NumNum has no API to register webhooks: copy this node's Production URL (Webhook URLs above) and the credential's signing secret into whatever sends NumNum events — NumNum, a relay, or <code>npx numnum-send-event --url URL --secret SECRET</code>. Each event must carry the X-NumNum-Signature header.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: [
			{
				name: 'Document Sent',
				value: 'document.sent',
				description: 'An invoice, credit note, proforma or quote was sent to the customer',
			},
			{
				name: 'Expense Created',
				value: 'expense.created',
				description: 'A purchase invoice or receipt was recorded',
			},
		],
		default: ['document.sent', 'expense.created'],
		description:
			'Events to start the workflow for; others are answered 200 with the reason and start nothing. Leave empty for all.',
	},
	{
		displayName: 'Document Types',
		name: 'documentTypes',
		type: 'multiOptions',
		// eslint-disable-next-line n8n-nodes-base/node-param-multi-options-type-unsorted-items
		options: [
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Credit Note', value: 'credit_note' },
			{ name: 'Proforma', value: 'proforma' },
			{ name: 'Expense', value: 'expense' },
			{ name: 'Quote', value: 'quote', description: 'Never exported to Yuki; select only for other uses' },
		],
		default: ['invoice', 'credit_note', 'proforma', 'expense'],
		description:
			'Document types to start the workflow for; others are answered 200 with the reason and start nothing. Leave empty for all.',
	},
	{
		displayName: 'Timestamp Tolerance (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_TOLERANCE_SECONDS,
		description:
			"How far the signature's timestamp may lie from this server's clock; older (replayed) or future events are refused with 401",
	},
	{
		// n8n parses request bodies itself and answers malformed JSON with its own 422 before the
		// node runs, unless a version-1 webhook node sets options.binaryData. We need the untouched
		// bytes anyway (the signature covers them) and our own 401/400 answers, so it is always set.
		displayName: 'Raw Body',
		name: 'options',
		type: 'hidden',
		default: { binaryData: true },
	},
];
