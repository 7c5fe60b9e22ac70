import type { INodeProperties } from 'n8n-workflow';

// The Read UBL panel. Names here are the parameter keys stored in workflow JSON: never rename them.
export const readUblProperties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'ubl',
		required: true,
		placeholder: 'e.g. ubl or attachment_0',
		hint: 'The binary field holding the UBL XML file. It is passed on as "ubl", byte for byte, for Send to Yuki Inbox.',
	},
	{
		displayName: 'Our Company',
		name: 'ourCompany',
		type: 'string',
		default: '',
		placeholder: 'e.g. 0876.543.270 or BE0876543270',
		description:
			'Your own enterprise number or VAT number. A UBL invoice whose buyer is your company is read as an expense (a purchase invoice, status "received"); leave empty to read every invoice as a sales invoice.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				options: [
					{ name: 'Dutch', value: 'nl' },
					{ name: 'English', value: 'en' },
					{ name: 'French', value: 'fr' },
					{ name: 'German', value: 'de' },
				],
				default: 'nl',
				description: 'The language field of the document (UBL has none): the language of the e-mail text',
			},
			{
				displayName: 'Put PDF in Field',
				name: 'pdfBinaryPropertyName',
				type: 'string',
				default: 'pdf',
				description: 'The binary field for the PDF embedded in the UBL (Send to Yuki Inbox and Build UBL read "pdf")',
			},
		],
	},
];
