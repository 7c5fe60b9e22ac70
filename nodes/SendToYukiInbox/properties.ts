import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_SUBJECT, PLACEHOLDERS } from '../../core/mail';

const placeholderList = PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ');

export const sendToYukiInboxProperties: INodeProperties[] = [
	{
		displayName:
			'One e-mail per document, with its UBL attached. Each delivery is recorded the moment the server accepts it, so running or retrying again sends only what was not delivered yet (turn on <b>Resend</b> to send again).',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'administration@yukiworks.be',
		description: "The administration's Yuki inbox. Several addresses may be separated by commas, semicolons, spaces or new lines.",
	},
	{
		displayName: 'From Email',
		name: 'fromEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'invoices@mycompany.be',
		description: 'The sender address; your SMTP server must allow it',
	},
	{
		displayName: 'From Name',
		name: 'fromName',
		type: 'string',
		default: '',
		placeholder: 'My Company BV',
	},
	{
		displayName: 'Document Source',
		name: 'documentSource',
		type: 'options',
		default: 'item',
		options: [
			{ name: 'Whole Item', value: 'item', description: 'The item is the document (e.g. the output of Build UBL or NumNum Trigger)' },
			{ name: 'Field', value: 'field', description: 'One field of the item holds the document' },
		],
		description: 'Where the document (ID, type, status, number…) is found',
	},
	{
		displayName: 'Document Field',
		name: 'documentField',
		type: 'string',
		default: 'document',
		required: true,
		displayOptions: { show: { documentSource: ['field'] } },
		description: 'Dot path of the field holding the document, e.g. <code>data.document</code>',
	},
	{
		displayName: 'UBL Binary Field',
		name: 'ublBinaryPropertyName',
		type: 'string',
		default: 'ubl',
		required: true,
		description: "The binary field holding the UBL file: Build UBL's UBL Binary Field",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Attach PDF Separately',
				name: 'attachPdf',
				type: 'boolean',
				default: false,
				description: 'Whether to attach the PDF beside the UBL, with the same base file name so Yuki pairs them',
			},
			{
				displayName: 'BCC',
				name: 'bcc',
				type: 'string',
				default: '',
				description: 'Addresses that get a blind copy, separated by commas, semicolons or spaces',
			},
			{
				displayName: 'Body Template',
				name: 'bodyTemplate',
				type: 'string',
				typeOptions: { rows: 5 },
				default: '',
				description: `Plain-text body; empty = a default text in the document's language (nl, fr, en, de). Placeholders: ${placeholderList}.`,
			},
			{
				displayName: 'CC',
				name: 'cc',
				type: 'string',
				default: '',
				description: 'Addresses that get a copy, separated by commas, semicolons or spaces',
			},
			{
				displayName: 'Connection Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 100 },
				default: 30000,
				description: 'How long to wait for the server to connect, greet or answer',
			},
			{
				displayName: 'If Not Exportable',
				name: 'ineligible',
				type: 'options',
				default: 'skip',
				options: [
					{ name: 'Skip the Item', value: 'skip', description: 'Output it with status skipped and the reason' },
					{ name: 'Fail the Item', value: 'fail', description: 'Output it with status failed (the node fails unless Continue On Fail)' },
				],
				description:
					'What to do with a quote, or an invoice, credit note or proforma not yet sent to the customer (status other than sent, paid, partially_paid, overdue)',
			},
			{
				displayName: 'Initial Back-Off (Ms)',
				name: 'initialBackoffMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1000,
				description: 'Pause before the second attempt after a temporary failure; it doubles with each further attempt',
			},
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 3,
				description:
					'Attempts per e-mail on temporary failures (refused, reset, time-out, 421, other 4xx); permanent refusals (5xx) are not retried',
			},
			{
				displayName: 'PDF Binary Field',
				name: 'pdfBinaryPropertyName',
				type: 'string',
				default: 'pdf',
				displayOptions: { show: { attachPdf: [true] } },
				description: "The binary field holding the PDF (Build UBL's PDF Binary Field); without one, the document's own pdf.contentBase64 is used",
			},
			{
				displayName: 'Rate Limit (Messages/s)',
				name: 'rateLimit',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'At most this many e-mails per second, so a big batch does not look like spam; 0 = no limit',
			},
			{
				displayName: 'Refuse UBL That Fails the Official Rules',
				name: 'refuseInvalidUbl',
				type: 'boolean',
				// Off until the in-process validator is fast enough for every document (~1.5 s each today).
				default: false,
				description:
					'Whether to check each UBL against the official rules (UBL 2.1 XSD, EN 16931, Peppol BIS 3.0, release by date) before sending; a UBL that fails is not sent and its item fails with the rules it breaks',
			},
			{
				displayName: 'Reply-To',
				name: 'replyTo',
				type: 'string',
				default: '',
				description: 'Where replies go, if not to the sender',
			},
			{
				displayName: 'Resend',
				name: 'resend',
				type: 'boolean',
				default: false,
				description: 'Whether to send even documents the export log says were already delivered to these recipients',
			},
			{
				displayName: 'Subject Template',
				name: 'subjectTemplate',
				type: 'string',
				default: '',
				placeholder: DEFAULT_SUBJECT,
				description: `Empty = <code>${DEFAULT_SUBJECT}</code> in the document's language, e.g. "Factuur 2026-0042 – Bakkerij De Zon BV". Placeholders: ${placeholderList}.`,
			},
		],
	},
];
