// Talks to a running n8n over HTTP the way its own editor and API users do:
// the internal REST API (/rest, session cookie of the owner) for what only it offers
// (manual runs, node type lists, binary downloads), and the public API (/api/v1, API key)
// for workflows, credentials, publishing and executions, whose data it returns as plain JSON.
import { httpRequest, type HttpResponse } from './http-request';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export class N8nHttpError extends Error {
	constructor(
		readonly status: number,
		readonly method: string,
		readonly url: string,
		readonly body: string,
	) {
		super(`${method} ${url} → HTTP ${status}: ${body.slice(0, 2000)}`);
	}
}

export class N8nClient {
	private cookie = '';
	private apiKey = '';

	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(
		method: string,
		urlPath: string,
		options: { body?: unknown; auth?: 'cookie' | 'apiKey' | 'none'; raw?: false } = {},
	): Promise<T> {
		const response = await this.send(method, urlPath, options);
		const text = response.text();
		if (response.status >= 300) throw new N8nHttpError(response.status, method, urlPath, text);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	async send(
		method: string,
		urlPath: string,
		options: { body?: unknown; auth?: 'cookie' | 'apiKey' | 'none' } = {},
	): Promise<HttpResponse> {
		const headers: Record<string, string> = { accept: 'application/json' };
		const auth = options.auth ?? (urlPath.startsWith('/api/') ? 'apiKey' : 'cookie');
		if (auth === 'cookie' && this.cookie) headers.cookie = this.cookie;
		if (auth === 'apiKey' && this.apiKey) headers['x-n8n-api-key'] = this.apiKey;
		let body: string | undefined;
		if (options.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(options.body);
		}
		const response = await httpRequest(this.baseUrl + urlPath, { method, headers, body });
		const session = (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('n8n-auth='));
		if (session) this.cookie = session.split(';')[0];
		return response;
	}

	/** Sets up the owner on a fresh instance, or logs in when that was done before (persistent folder). */
	async ensureOwner(owner: Owner): Promise<void> {
		const settings = await this.request<{ data: { userManagement: { showSetupOnFirstLoad?: boolean } } }>(
			'GET',
			'/rest/settings',
			{ auth: 'none' },
		);
		if (settings.data.userManagement.showSetupOnFirstLoad) {
			await this.request('POST', '/rest/owner/setup', { body: owner });
		} else {
			await this.request('POST', '/rest/login', {
				body: { emailOrLdapLoginId: owner.email, password: owner.password },
			});
		}
	}

	/** A fresh public-API key with every scope the owner may grant; older harness keys are removed. */
	async createApiKey(label = 'numnum-yuki-harness'): Promise<string> {
		type Key = { id: string; label: string };
		const existing = await this.request<{ data: Key[] | { items: Key[] } }>(
			'GET',
			`/rest/api-keys?label=${encodeURIComponent(label)}&take=100`,
		);
		const keys = Array.isArray(existing.data) ? existing.data : existing.data.items;
		for (const key of keys.filter((k) => k.label === label)) {
			await this.request('DELETE', `/rest/api-keys/${key.id}`);
		}
		const scopes = await this.request<{ data: string[] }>('GET', '/rest/api-keys/scopes');
		const created = await this.request<{ data: { rawApiKey: string } }>('POST', '/rest/api-keys', {
			body: { label, scopes: scopes.data, expiresAt: null },
		});
		this.apiKey = created.data.rawApiKey;
		return this.apiKey;
	}

	get sessionCookie(): string {
		return this.cookie;
	}
}
