import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The mailbox NumNum's export e-mails go to, read by the NumNum Mailbox Trigger over IMAP with a
 * password or app password (OAuth2 is not supported). Tested by the node's `testImapAccount`
 * method: connect, TLS, log in, open the folder.
 */
export class NumNumImapApi implements ICredentialType {
	name = 'numNumImapApi';

	displayName = 'NumNum Export Mailbox (IMAP)';

	icon = { light: 'file:numNumMailbox.svg', dark: 'file:numNumMailbox.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-numnum-yuki#numnum-mailbox-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'imap.gmail.com',
			description: 'The IMAP server of the mailbox NumNum exports to (imap.gmail.com, outlook.office365.com, …)',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			required: true,
			default: 993,
			description: 'Usually 993 (TLS) or 143 (STARTTLS)',
		},
		{
			displayName: 'Security',
			name: 'security',
			type: 'options',
			default: 'tls',
			options: [
				{ name: 'TLS', value: 'tls', description: 'Encrypted from the first byte (port 993)' },
				{ name: 'STARTTLS', value: 'starttls', description: 'Plain connection upgraded to TLS before logging in; refused when the server cannot (port 143)' },
				{ name: 'None (Insecure)', value: 'none', description: 'Never encrypted: the password crosses the network readable; only for a server on this machine' },
			],
			description: 'How the connection is encrypted',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'exports@mycompany.be',
			description: 'Usually the full e-mail address',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The mailbox password, or an app password (Gmail, Microsoft 365 and most providers with two-step sign-in need one)',
		},
		{
			displayName: 'Allow Self-Signed Certificate',
			name: 'allowSelfSigned',
			type: 'boolean',
			default: false,
			description: 'Whether to accept a certificate no public authority signed (a self-hosted server); the connection stays encrypted but the server is not verified',
		},
	];
}
