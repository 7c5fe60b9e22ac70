import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The SMTP account the Send to Yuki Inbox node sends with (the user's own mail server or
 * provider). Tested by the node's `yukiSmtpApiTest` method: connect, TLS, authenticate.
 */
export class YukiSmtpApi implements ICredentialType {
	name = 'yukiSmtpApi';

	displayName = 'Yuki Inbox SMTP';

	icon = { light: 'file:yukiSmtp.svg', dark: 'file:yukiSmtp.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-numnum-yuki#send-to-yuki-inbox';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'smtp.example.com',
			description: 'The SMTP server that sends the e-mails (your own mail provider, not Yuki)',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			required: true,
			default: 587,
			description: 'Usually 587 (STARTTLS), 465 (SSL/TLS) or 25',
		},
		{
			displayName: 'SSL/TLS',
			name: 'secure',
			type: 'boolean',
			default: false,
			description: 'Whether the connection uses TLS from the first byte (implicit TLS, usually port 465)',
		},
		{
			displayName: 'STARTTLS',
			name: 'startTls',
			type: 'options',
			default: 'whenOffered',
			displayOptions: { show: { secure: [false] } },
			options: [
				{ name: 'Required', value: 'required', description: 'Fail when the server does not offer STARTTLS' },
				{ name: 'When Offered', value: 'whenOffered', description: 'Upgrade when the server offers it' },
				{ name: 'Never', value: 'never', description: 'Stay on a plain connection (only for a local relay)' },
			],
			description: 'Whether to upgrade a plain connection to TLS',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'Leave empty for a server that needs no login',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Client Host Name',
			name: 'hostName',
			type: 'string',
			default: '',
			placeholder: 'mail.mycompany.be',
			description: 'The name given in EHLO; the machine\'s host name when empty',
		},
		{
			displayName: 'Accept Self-Signed Certificates (Insecure)',
			name: 'allowSelfSigned',
			type: 'boolean',
			default: false,
			description: 'Whether to accept a self-signed or otherwise untrusted server certificate',
		},
	];
}
