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

export async function screenshotCredentials(
	n8n: N8nInstance,
	smtp: { host: string; port: number },
): Promise<CredentialImport[]> {
	const types = await n8n.client.request<CredentialTypeDescription[]>('GET', '/types/credentials.json');
	const overrides = OVERRIDES(smtp);
	const imports: CredentialImport[] = [];
	for (const [type, values] of Object.entries(overrides)) {
		const description = types.find((t) => t.name === type);
		if (!description) continue; // not built yet: the workflows show the credential as missing
		const known = new Set(description.properties.map((p) => p.name));
		const data: Record<string, unknown> = {};
		for (const property of description.properties) {
			if (property.type !== 'notice' && property.default !== undefined) data[property.name] = property.default;
		}
		for (const [key, value] of Object.entries(values)) if (known.has(key)) data[key] = value;
		imports.push({ name: NAMES[type], type, data });
	}
	return imports;
}
