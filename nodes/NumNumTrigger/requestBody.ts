// The exact request bytes (the signature covers them), read within n8n's body size limit.
import type { IWebhookFunctions } from 'n8n-workflow';

export type RawBody =
	| { ok: true; bytes: Buffer }
	| { ok: false; tooLarge: { limitBytes: number; declaredBytes?: number } }
	/** The sender aborted mid-body, or the stream was unreadable: nobody is left to read an answer. */
	| { ok: false; unreadable: string };

/** What raw-body (n8n's reader) throws past N8N_PAYLOAD_SIZE_MAX: `413`, type `entity.too.large`. */
interface TooLargeError {
	type: 'entity.too.large';
	limit?: number;
	expected?: number;
}

const isTooLarge = (error: unknown): error is TooLargeError =>
	typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.too.large';

/**
 * n8n keeps the bytes on the request when it did not parse them (we asked it not to). A body past
 * its limit is reported, not thrown: thrown, it would become n8n's 500 with a stack trace and an
 * error execution for anyone who knows the URL.
 */
export async function readRawBody(context: IWebhookFunctions): Promise<RawBody> {
	const request = context.getRequestObject();
	try {
		if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	} catch (error) {
		if (!isTooLarge(error)) return { ok: false, unreadable: error instanceof Error ? error.message : String(error) };
		// The reader stopped at the limit and paused the request; the sender is still uploading.
		// Closing now would reset the connection before the sender reads our 413 (it sees EPIPE),
		// so the rest is read and dropped, never kept: memory stays flat, n8n's request timeout bounds it.
		request.resume();
		return { ok: false, tooLarge: { limitBytes: error.limit ?? 0, declaredBytes: error.expected } };
	}
	return { ok: true, bytes: request.rawBody ?? Buffer.alloc(0) };
}
