import type { INodeProperties } from 'n8n-workflow';

// The Build UBL panel. Names here are the parameter keys stored in workflow JSON: never rename them.
export const buildUblProperties: INodeProperties[] = [
	{
		displayName: 'Profile',
		name: 'profile',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description:
					'Peppol BIS Billing 3.0 for invoices, credit notes and expenses; plain EN 16931 for proformas (Peppol forbids type code 325)',
			},
			{
				name: 'Peppol BIS Billing 3.0',
				value: 'peppol',
				description: 'Belgian B2B e-invoices since 2026; what Yuki books automatically',
			},
			{
				name: 'EN 16931',
				value: 'en16931',
				description: 'The European core standard without the Peppol rules',
			},
		],
		default: 'auto',
		description: 'Which e-invoice rules the UBL follows',
	},
	{
		displayName: 'Document Source',
		name: 'documentSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Whole Item',
				value: 'item',
				description: 'The item JSON is the NumNum document, as the NumNum Trigger emits it',
			},
			{
				name: 'Field',
				value: 'field',
				description: 'The NumNum document sits in one field of the item',
			},
		],
		default: 'item',
		description: 'Where the NumNum document is in each input item',
	},
	{
		displayName: 'Document Field',
		name: 'documentField',
		type: 'string',
		default: 'document',
		required: true,
		placeholder: 'e.g. data.document',
		requiresDataPath: 'single',
		displayOptions: { show: { documentSource: ['field'] } },
		description:
			"The field holding the NumNum document (an object or its JSON text). Use dot-notation for deep fields (e.g. 'data.document').",
	},
	{
		displayName: 'UBL Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'ubl',
		required: true,
		placeholder: 'e.g. ubl',
		hint: 'The binary field the UBL XML file is put in. Send to Yuki Inbox reads "ubl" (its UBL Binary Field).',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Check Against the Official Rules',
				name: 'checkRules',
				type: 'boolean',
				// Off until the in-process validator is fast enough for every document (~1.5 s each today).
				default: false,
				description:
					'Whether to check each UBL against the official rules (UBL 2.1 XSD, EN 16931, Peppol BIS 3.0, release by date) before passing it on; a UBL that fails is an error with the findings (the error output with On Error: Continue)',
			},
			{
				displayName: 'Embed PDF',
				name: 'embedPdf',
				type: 'boolean',
				default: true,
				description:
					'Whether to embed the PDF in the UBL (AdditionalDocumentReference), so Yuki shows the document as the customer saw it',
			},
			{
				displayName: 'Include XML in JSON',
				name: 'includeXml',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the UBL text to the output JSON as "ublXml" as well, e.g. to post it to an API. Large with an embedded PDF.',
			},
			{
				displayName: 'Keep Input JSON',
				name: 'keepInputJson',
				type: 'boolean',
				default: false,
				description:
					'Whether to keep the input JSON and add the summary under "ubl", instead of replacing the JSON by the summary',
			},
			{
				displayName: 'PDF Binary Field',
				name: 'pdfBinaryPropertyName',
				type: 'string',
				default: 'pdf',
				placeholder: 'e.g. pdf',
				description:
					"The binary field holding the document's PDF. When the item has none, the document's own pdf.contentBase64 is used.",
			},
		],
	},
];
