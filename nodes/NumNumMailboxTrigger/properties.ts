import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_MESSAGE_BYTES } from '../../core/intake';

export const numNumMailboxTriggerProperties: INodeProperties[] = [
	{
		displayName:
			"In NumNum, export to accountant with this mailbox's address (by hand, or the accountant's automatic export). Each e-mail with a UBL becomes one item per document on the first output; an e-mail without a readable UBL comes out on the second output with the reason.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Folder',
		name: 'folder',
		type: 'string',
		default: 'INBOX',
		required: true,
		description: 'The IMAP folder to watch, e.g. INBOX or INBOX/NumNum (a server filter can put the exports there)',
	},
	{
		displayName: 'Mark as Read',
		name: 'markSeen',
		type: 'boolean',
		default: true,
		description: 'Whether to mark a handled e-mail as read',
	},
	{
		displayName: 'Move To Folder',
		name: 'moveTo',
		type: 'string',
		default: '',
		placeholder: 'Processed',
		description: 'Move a handled e-mail into this folder (created when missing); leave empty to leave it where it is',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max E-Mail Size (Bytes)',
				name: 'maxMessageBytes',
				type: 'number',
				typeOptions: { minValue: 1024 },
				default: DEFAULT_MAX_MESSAGE_BYTES,
				description: 'A bigger e-mail is not read; it comes out on the second output with the reason',
			},
			{
				displayName: 'Our Enterprise Number',
				name: 'ourCompany',
				type: 'string',
				default: '',
				placeholder: 'BE0123456789',
				description: 'Your company\'s enterprise or VAT number: a UBL in which you are the buyer becomes an expense (a purchase invoice), not an invoice',
			},
			{
				displayName: 'Rescan Interval (Seconds)',
				name: 'pollSeconds',
				type: 'number',
				typeOptions: { minValue: 5 },
				default: 30,
				description: 'New mail shows at once through IMAP IDLE; the folder is also rescanned this often, for servers whose IDLE is missing or unreliable',
			},
		],
	},
];
