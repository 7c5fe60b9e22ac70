import type { INodeProperties } from 'n8n-workflow';

export const validateUblProperties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'ubl',
		required: true,
		description: 'The binary property that holds the UBL Invoice or CreditNote (Build UBL writes it to "ubl")',
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'By Date', value: 'auto', description: 'Peppol BIS 3.0.21 until 2027-02-23, 3.0.22 from 2027-02-24' },
			{ name: 'Current (Peppol BIS 3.0.21)', value: 'current', description: 'Mandatory since 2026-08-24' },
			{ name: 'Next (Peppol BIS 3.0.22)', value: 'next', description: 'Mandatory from 2027-02-24' },
		],
		description: 'Which release of the official rules to check against (EN 16931 1.3.16 in each)',
	},
	{
		displayName: 'Send Invalid UBL to a Second Output',
		name: 'invalidOutput',
		type: 'boolean',
		default: false,
		description:
			'Whether a UBL with a fatal finding leaves by a second output ("Invalid"); when off, every UBL leaves by the one output with valid set',
	},
];
