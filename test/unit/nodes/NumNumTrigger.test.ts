import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { NumNumTrigger } from '../../../nodes/NumNumTrigger/NumNumTrigger.node';
import { forgetSeenEvents } from '../../../nodes/NumNumTrigger/seenEvents';
import { sign } from '../../../core/signature';
import { envelope, exampleDocument, signedDelivery } from '../../helpers/numnumEvents';

const secret = 'whsec_unit';

interface Request {
	body: Buffer | string;
	headers?: Record<string, string | string[] | undefined>;
	/** As n8n does when it did not parse the body itself: bytes only on demand. */
	lazyBody?: boolean;
	/** What n8n's body reader throws instead of giving the bytes (e.g. raw-body's 413). */
	readError?: unknown;
	credential?: IDataObject;
	parameters?: IDataObject;
	staticData?: IDataObject;
	workflowId?: string;
	mode?: string;
}

function mockContext(request: Request) {
	const response = { status: undefined as number | undefined, body: undefined as unknown };
	const staticData = request.staticData ?? {};
	const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
	const req: { rawBody?: Buffer; readRawBody: () => Promise<void>; resume: () => void } = {
		rawBody: request.lazyBody || request.readError ? undefined : rawBody,
		readRawBody: jest.fn(async () => {
			if (request.readError) throw request.readError;
			req.rawBody = rawBody;
		}),
		resume: jest.fn(),
	};
	interface FakeResponse {
		status: (code: number) => FakeResponse;
		json: (body: unknown) => FakeResponse;
	}
	const res: FakeResponse = {
		status: jest.fn((code: number) => {
			response.status = code;
			return res;
		}),
		json: jest.fn((body: unknown) => {
			response.body = body;
			return res;
		}),
	};
	const parameters: IDataObject = {
		eventTypes: ['document.sent', 'expense.created'],
		documentTypes: ['invoice', 'credit_note', 'proforma', 'expense'],
		toleranceSeconds: 300,
		...request.parameters,
	};
	const prepareBinaryData = jest.fn(async (data: Buffer, fileName?: string, mimeType?: string) => ({
		data: data.toString('base64'),
		fileName,
		mimeType: mimeType ?? 'application/octet-stream',
		fileSize: String(data.length),
	}));
	const context = {
		getCredentials: jest.fn(async () => request.credential ?? { secret, previousSecret: '' }),
		getNodeParameter: jest.fn((name: string, fallback?: unknown) => parameters[name] ?? fallback),
		getHeaderData: jest.fn(() => request.headers ?? {}),
		getRequestObject: jest.fn(() => req),
		getResponseObject: jest.fn(() => res),
		getWorkflowStaticData: jest.fn(() => staticData),
		getNode: jest.fn(() => ({ id: 'node-1', name: 'NumNum Trigger' })),
		getWorkflow: jest.fn(() => ({ id: request.workflowId ?? 'wf-1', active: true })),
		getMode: jest.fn(() => request.mode ?? 'webhook'),
		logger: { debug: jest.fn(), warn: jest.fn(), info: jest.fn(), error: jest.fn() },
		helpers: { prepareBinaryData },
	};
	return { context: context as unknown as IWebhookFunctions, response, staticData, prepareBinaryData, req };
}

const trigger = new NumNumTrigger();
const run = (request: Request) => {
	const mock = mockContext(request);
	return trigger.webhook.call(mock.context).then((result) => ({ result, ...mock }));
};

function signed(body: unknown, timestamp?: number): Request {
	const { rawBody, signatureHeader } = signedDelivery(body, secret, timestamp);
	return { body: rawBody, headers: { 'x-numnum-signature': signatureHeader } };
}

beforeEach(() => forgetSeenEvents());

describe('NumNum Trigger webhook()', () => {
	const invoiceEvent = envelope(exampleDocument('invoice'), { id: 'evt_inv_1' });

	it('starts the workflow with the document as received, the event, and the PDF as binary', async () => {
		const { result, response, prepareBinaryData } = await run(signed(invoiceEvent));
		expect(response.status).toBeUndefined();
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toEqual({ received: true, eventId: 'evt_inv_1' });
		expect(result.workflowData).toHaveLength(1);
		const [item] = result.workflowData![0];

		const { pdf, ...documentWithoutPdf } = exampleDocument('invoice') as IDataObject & {
			pdf: { filename: string; contentBase64: string };
		};
		expect(item.json).toEqual({
			...documentWithoutPdf,
			event: { id: 'evt_inv_1', type: 'document.sent', createdAt: '2026-11-20T10:15:00Z' },
		});
		expect(item.json).not.toHaveProperty('pdf');
		expect(prepareBinaryData).toHaveBeenCalledWith(
			Buffer.from(pdf.contentBase64, 'base64'),
			'factuur-2026-0150.pdf',
			'application/pdf',
		);
		expect(item.binary?.pdf).toMatchObject({ fileName: 'factuur-2026-0150.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(item.binary!.pdf.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('outputs no binary when the document has no PDF', async () => {
		const { result } = await run(signed(envelope(exampleDocument('credit-note'))));
		expect(result.workflowData![0][0].binary).toBeUndefined();
	});

	it('reads the raw body itself when n8n has not read it yet', async () => {
		const { result, req } = await run({ ...signed(invoiceEvent), lazyBody: true });
		expect(req.readRawBody).toHaveBeenCalled();
		expect(result.workflowData).toHaveLength(1);
	});

	it.each([
		['missing', () => ({ body: JSON.stringify(invoiceEvent), headers: {} })],
		['malformed', () => ({ body: JSON.stringify(invoiceEvent), headers: { 'x-numnum-signature': 'sha256=abc' } })],
		[
			'mismatch',
			() => ({
				body: JSON.stringify(invoiceEvent),
				headers: { 'x-numnum-signature': sign('wrong', JSON.stringify(invoiceEvent)) },
			}),
		],
		['stale', () => signed(invoiceEvent, Math.floor(Date.now() / 1000) - 3600)],
	])('answers 401 for a %s signature and starts nothing', async (reason, request) => {
		const { result, response } = await run(request());
		expect(response.status).toBe(401);
		expect(response.body).toMatchObject({ error: 'invalid signature', reason });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers 401 for a tampered body', async () => {
		const request = signed(invoiceEvent);
		const tampered = JSON.stringify({ ...invoiceEvent, id: 'evt_other' });
		const { result, response } = await run({ ...request, body: tampered });
		expect(response.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('honours the tolerance parameter', async () => {
		const request = signed(invoiceEvent, Math.floor(Date.now() / 1000) - 600);
		expect((await run(request)).response.status).toBe(401);
		const { result } = await run({ ...request, parameters: { toleranceSeconds: 900 } });
		expect(result.workflowData).toHaveLength(1);
	});

	it('accepts the previous secret from the credential (rotation)', async () => {
		const { rawBody, signatureHeader } = signedDelivery(invoiceEvent, 'old');
		const { result } = await run({
			body: rawBody,
			headers: { 'x-numnum-signature': signatureHeader },
			credential: { secret: 'new', previousSecret: 'old' },
		});
		expect(result.workflowData).toHaveLength(1);
	});

	it('answers 400 with the problem for signed malformed JSON', async () => {
		const { result, response } = await run(signed('{"id": "evt_1", "type": '));
		expect(response.status).toBe(400);
		expect(response.body).toEqual({
			error: 'invalid event',
			issues: [{ path: '(root)', message: expect.stringMatching(/not valid JSON/) }],
		});
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers 400 listing every problem of an invalid document', async () => {
		const broken = { ...exampleDocument('invoice'), currency: 'EURO', lines: [] };
		const { result, response } = await run(signed(envelope(broken)));
		expect(response.status).toBe(400);
		const issues = (response.body as { issues: Array<{ path: string }> }).issues;
		expect(issues.map((issue) => issue.path)).toEqual(
			expect.arrayContaining(['data.document.currency', 'data.document.lines']),
		);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers 200 with the reason and starts nothing for a filtered document type', async () => {
		const { result, response } = await run(signed(envelope(exampleDocument('quote'), { id: 'evt_q' })));
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ received: true, eventId: 'evt_q', ignored: expect.stringMatching(/quote/) });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers 200 and starts nothing for a filtered event type', async () => {
		const { result, response } = await run({
			...signed(envelope(exampleDocument('expense'))),
			parameters: { eventTypes: ['document.sent'] },
		});
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ ignored: expect.stringMatching(/expense\.created/) });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('starts the workflow once for the same event id, and says so the second time', async () => {
		const staticData: IDataObject = {};
		const first = await run({ ...signed(invoiceEvent), staticData });
		expect(first.result.workflowData).toHaveLength(1);
		const second = await run({ ...signed(invoiceEvent), staticData });
		expect(second.response.status).toBe(200);
		expect(second.response.body).toMatchObject({ duplicate: true, eventId: 'evt_inv_1' });
		expect(second.result).toEqual({ noWebhookResponse: true });
	});

	it('lets only one of two concurrent deliveries of one event through', async () => {
		const results = await Promise.all([run(signed(invoiceEvent)), run(signed(invoiceEvent))]);
		expect(results.filter(({ result }) => result.workflowData).length).toBe(1);
	});

	it('remembers event ids in static data, so a restarted process still refuses a replay', async () => {
		const staticData: IDataObject = {};
		await run({ ...signed(invoiceEvent), staticData });
		expect(Object.keys(staticData.seenEventIds as object)).toEqual(['evt_inv_1']);

		forgetSeenEvents(); // the process restarts; only static data survives
		const replay = await run({ ...signed(invoiceEvent), staticData });
		expect(replay.response.body).toMatchObject({ duplicate: true });
	});

	it('keeps test runs and other workflows apart from production', async () => {
		await run(signed(invoiceEvent));
		expect((await run({ ...signed(invoiceEvent), mode: 'manual' })).result.workflowData).toHaveLength(1);
		expect((await run({ ...signed(invoiceEvent), workflowId: 'wf-2' })).result.workflowData).toHaveLength(1);
	});

	it('answers 500 and starts nothing when the credential has no secret', async () => {
		const { result, response } = await run({ ...signed(invoiceEvent), credential: { secret: '' } });
		expect(response.status).toBe(500);
		expect(response.body).toMatchObject({ error: 'not configured' });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it.each<[string, string | number]>([
		['text', 'abc'],
		['0', 0],
		['negative', -1],
		['NaN', NaN],
	])('answers 500 and starts nothing when Timestamp Tolerance is %s (fails closed)', async (_case, toleranceSeconds) => {
		const dayOld = signed(invoiceEvent, Math.floor(Date.now() / 1000) - 86_400);
		const { result, response } = await run({ ...dayOld, parameters: { toleranceSeconds } });
		expect(response.status).toBe(500);
		expect(response.body).toEqual({
			error: 'not configured',
			message: expect.stringContaining('Timestamp Tolerance (Seconds) must be a positive number'),
		});
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers 413 for a body past n8n\'s limit, drains the rest, starts nothing and logs one warning', async () => {
		const tooLarge = Object.assign(new Error('request entity too large'), {
			type: 'entity.too.large',
			status: 413,
			limit: 16 * 1024 * 1024,
			expected: 26_214_400,
		});
		const { result, response, req, context } = await run({ ...signed(invoiceEvent), readError: tooLarge });
		expect(response.status).toBe(413);
		expect(response.body).toEqual({
			error: 'payload too large',
			message: expect.stringContaining('larger than this n8n accepts (16 MiB, N8N_PAYLOAD_SIZE_MAX)'),
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(req.resume).toHaveBeenCalled();
		expect(context.logger.warn).toHaveBeenCalledTimes(1);
		expect(context.logger.error).not.toHaveBeenCalled();
	});

	it('answers 400 when the sender broke off mid-body', async () => {
		const aborted = Object.assign(new Error('Request body stream was aborted mid-read or is not readable'), { type: 'request.aborted' });
		const { result, response } = await run({ ...signed(invoiceEvent), readError: aborted });
		expect(response.status).toBe(400);
		expect(response.body).toMatchObject({ error: 'unreadable body' });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('has no-op webhook lifecycle methods (nothing to register)', async () => {
		const methods = trigger.webhookMethods.default;
		const hook = {} as never;
		await expect(methods.checkExists.call(hook)).resolves.toBe(true);
		await expect(methods.create.call(hook)).resolves.toBe(true);
		await expect(methods.delete.call(hook)).resolves.toBe(true);
	});

	it('describes a POST webhook at path numnum that asks n8n for the raw body', () => {
		const { description } = trigger;
		expect(description.name).toBe('numNumTrigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.webhooks).toEqual([
			expect.objectContaining({
				name: 'default',
				httpMethod: 'POST',
				path: 'numnum',
				responseMode: 'onReceived',
				responseData: '',
			}),
		]);
		expect(description.credentials).toEqual([
			{ name: 'numNumWebhookApi', required: true, testedBy: 'testSigningSecret' },
		]);
		const rawBodyOption = description.properties.find((property) => property.name === 'options');
		expect(rawBodyOption).toMatchObject({ type: 'hidden', default: { binaryData: true } });
	});

	describe('credential test', () => {
		const test = (data: Record<string, string>) =>
			trigger.methods.credentialTest.testSigningSecret.call({} as never, {
				id: '1',
				name: 'secret',
				type: 'numNumWebhookApi',
				data,
			});

		it('accepts a long secret and says how to check the sender', async () => {
			await expect(test({ secret: 'a'.repeat(32) })).resolves.toEqual({
				status: 'OK',
				message: expect.stringMatching(/numnum-send-event/),
			});
		});

		it.each([
			[{ secret: '' }, /empty/],
			[{ secret: 'short' }, /5 characters; use at least 16/],
			[{ secret: 'x'.repeat(20), previousSecret: 'x'.repeat(20) }, /same as the current/],
		])('refuses %j', async (data, message) => {
			await expect(test(data)).resolves.toEqual({ status: 'Error', message: expect.stringMatching(message) });
		});
	});
});
