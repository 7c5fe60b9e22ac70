import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret NumNum events are signed with (X-NumNum-Signature). There is no NumNum
 * API to call, so nothing here authenticates outgoing requests; the NumNum Trigger's
 * testSigningSecret checks what can be checked locally.
 */
export class NumNumWebhookApi implements ICredentialType {
	name = 'numNumWebhookApi';

	// Not an API credential (nothing is called with it): the name says what it holds.
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
	displayName = 'NumNum Webhook Signing Secret';

	icon = { light: 'file:numNum.svg', dark: 'file:numNum.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-numnum-yuki#numnum-trigger';

	properties: INodeProperties[] = [
		{
			displayName:
				'Paste the same secret in whatever sends NumNum events (NumNum, a relay or the numnum-send-event script). Any long random string works, e.g. the output of <code>openssl rand -hex 32</code>.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The secret the X-NumNum-Signature header is computed with (HMAC-SHA256)',
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'While rotating: the old secret, still accepted until every sender uses the new one. Leave empty otherwise.',
		},
	];
}
