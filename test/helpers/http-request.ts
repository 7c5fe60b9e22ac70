// A plain HTTP request over a fresh connection each time. Node's fetch pools keep-alive
// sockets; when a test blocks its event loop (ubl-validate runs synchronously for ~10 s)
// n8n closes the idle socket and the next fetch fails with "fetch failed". One connection
// per request on loopback costs nothing and cannot go stale.
import * as http from 'node:http';

export interface HttpResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	text(): string;
}

export async function httpRequest(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<HttpResponse> {
	return await new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{ method: options.method ?? 'GET', headers: options.headers, agent: false, timeout: options.timeoutMs ?? 120_000 },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('error', reject);
				response.on('end', () => {
					const body = Buffer.concat(chunks);
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body,
						text: () => body.toString('utf8'),
					});
				});
			},
		);
		request.on('timeout', () => request.destroy(new Error(`HTTP ${options.method ?? 'GET'} ${url} timed out`)));
		request.on('error', reject);
		request.end(options.body);
	});
}
