// Credentials the screenshot instance uses: a signing secret and an SMTP account pointing at a
// local SMTP sink, so the example workflows show no "credential missing" warnings and can run.
// Every field starts from the credential type's own default as the running n8n describes it,
// so a renamed or added field does not break the import.
import type { CredentialImport, N8nInstance } from '../../test/helpers/n8n';

interface CredentialTypeDescription {
	name: string;
	properties: Array<{ name: string; type: string; default?: unknown }>;
}

export const SCREENSHOT_SIGNING_SECRET = 'screenshot-demo-secret-0123456789abcdef';

const OVERRIDES = (smtp: { host: string; port: number }): Record<string, Record<string, unknown>> => ({
	numNumWebhookApi: { secret: SCREENSHOT_SIGNING_SECRET },
	yukiSmtpApi: { host: smtp.host, port: smtp.port, secure: false, startTls: 'never' },
});

const NAMES: Record<string, string> = {
	numNumWebhookApi: 'NumNum signing secret',
	yukiSmtpApi: 'Local SMTP inbox',
};

/** Credentials shown in their own pictures only: the values a user would type, no local ports. */
const EXAMPLES: Record<string, { name: string; values: Record<string, unknown> }> = {
	numNumWebhookApi: {
		name: 'NumNum Webhook Signing Secret (example)',
		values: { secret: '5c1f0e9a7b3d4c2e8f6a1b0d9c7e5f3a2b4d6c8e0f1a3b5c7d9e2f4a6b8c0d1e' },
	},
	yukiSmtpApi: {
		name: 'Yuki Inbox SMTP (example)',
		values: {
			host: 'smtp.mycompany.be',
			port: 587,
			secure: false,
			startTls: 'required',
			user: 'invoices@mycompany.be',
			password: 'example-password',
		},
	},
};

async function credentialTypes(n8n: N8nInstance): Promise<CredentialTypeDescription[]> {
	return await n8n.client.request<CredentialTypeDescription[]>('GET', '/types/credentials.json');
}

/** A credential's data: the type's defaults, overridden by the given values it knows. */
function withDefaults(description: CredentialTypeDescription, values: Record<string, unknown>): Record<string, unknown> {
	const known = new Set(description.properties.map((p) => p.name));
	const data: Record<string, unknown> = {};
	for (const property of description.properties) {
		if (property.type !== 'notice' && property.default !== undefined) data[property.name] = property.default;
	}
	for (const [key, value] of Object.entries(values)) if (known.has(key)) data[key] = value;
	return data;
}

export async function exampleCredentials(n8n: N8nInstance): Promise<CredentialImport[]> {
	const types = await credentialTypes(n8n);
	return Object.entries(EXAMPLES).flatMap(([type, example]) => {
		const description = types.find((t) => t.name === type);
		return description ? [{ name: example.name, type, data: withDefaults(description, example.values) }] : [];
	});
}

export async function screenshotCredentials(
	n8n: N8nInstance,
	smtp: { host: string; port: number },
): Promise<CredentialImport[]> {
	const types = await credentialTypes(n8n);
	const imports: CredentialImport[] = [];
	for (const [type, values] of Object.entries(OVERRIDES(smtp))) {
		const description = types.find((t) => t.name === type);
		if (!description) continue; // not built yet: the workflows show the credential as missing
		imports.push({ name: NAMES[type], type, data: withDefaults(description, values) });
	}
	return imports;
}
