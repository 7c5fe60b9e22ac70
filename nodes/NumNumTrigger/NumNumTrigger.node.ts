import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { duplicateDelivery, receiveEvent } from '../../core/events';
import type { EventType } from '../../core/events';
import type { DocumentType } from '../../core/model';
import { DEFAULT_TOLERANCE_SECONDS, SIGNATURE_HEADER } from '../../core/signature';
import { testSigningSecret } from './credentialTest';
import { eventToItem } from './output';
import { numNumTriggerProperties } from './properties';
import { readRawBody } from './requestBody';
import { seenEventsFor } from './seenEvents';

interface SigningCredential {
	secret?: string;
	previousSecret?: string;
}

function signatureHeaderOf(context: IWebhookFunctions): string | undefined {
	const value = context.getHeaderData()[SIGNATURE_HEADER];
	return Array.isArray(value) ? value.join(',') : value;
}

/** Answers the sender directly and starts no execution. */
function respond(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

export class NumNumTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NumNum Trigger',
		name: 'numNumTrigger',
		icon: { light: 'file:numNum.svg', dark: 'file:numNum.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["eventTypes"] || []).join(", ") || "all events" }}',
		description: 'Starts the workflow when a signed NumNum event arrives: document sent or expense created',
		defaults: {
			name: 'NumNum Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'numNumWebhookApi',
				required: true,
				testedBy: 'testSigningSecret',
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty, so that n8n answers an accepted event with our webhookResponse
				// ({ received, eventId }) once the execution is registered; n8n's fallback
				// would send the literal text "firstEntryJson".
				responseData: '',
				path: 'numnum',
			},
		],
		properties: numNumTriggerProperties,
	};

	methods = {
		credentialTest: { testSigningSecret },
	};

	// NumNum offers no API to register a webhook: the user pastes the URL where events come from.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credential = await this.getCredentials<SigningCredential>('numNumWebhookApi');
		const secrets = [credential.secret, credential.previousSecret].filter(
			(secret): secret is string => typeof secret === 'string' && secret !== '',
		);
		if (secrets.length === 0) {
			this.logger.warn('NumNum Trigger: the credential has no signing secret; refusing the event');
			return respond(this, 500, {
				error: 'not configured',
				message: 'the NumNum Trigger has no signing secret; set one in its NumNum Webhook Signing Secret credential',
			});
		}

		const toleranceSeconds = this.getNodeParameter('toleranceSeconds', DEFAULT_TOLERANCE_SECONDS) as unknown;
		if (typeof toleranceSeconds !== 'number' || !Number.isFinite(toleranceSeconds) || toleranceSeconds <= 0) {
			// An expression may give anything; a window that is not a positive number never accepts.
			this.logger.warn(`NumNum Trigger: Timestamp Tolerance is not a positive number (${String(toleranceSeconds)}); refusing the event`);
			return respond(this, 500, {
				error: 'not configured',
				message: `the NumNum Trigger's Timestamp Tolerance (Seconds) must be a positive number; it is ${String(toleranceSeconds)}`,
			});
		}

		const body = await readRawBody(this);
		if (!body.ok && 'unreadable' in body) {
			this.logger.debug(`NumNum Trigger: the request body could not be read (${body.unreadable})`);
			return respond(this, 400, { error: 'unreadable body', message: 'the request body could not be read to its end' });
		}
		if (!body.ok) {
			const { limitBytes, declaredBytes } = body.tooLarge;
			const limit = `${Math.round(limitBytes / 1024 / 1024)} MiB`;
			this.logger.warn(
				`NumNum Trigger: refused a request body over this n8n's limit of ${limit}${declaredBytes ? ` (${declaredBytes} bytes declared)` : ''}`,
			);
			return respond(this, 413, {
				error: 'payload too large',
				message: `the request body is larger than this n8n accepts (${limit}, N8N_PAYLOAD_SIZE_MAX); send the event without an oversized PDF`,
			});
		}

		const now = Math.floor(Date.now() / 1000);
		const seen = seenEventsFor(this, now);
		const delivery = receiveEvent({
			rawBody: body.bytes,
			signatureHeader: signatureHeaderOf(this),
			secrets,
			toleranceSeconds,
			filters: {
				eventTypes: this.getNodeParameter('eventTypes', []) as EventType[],
				documentTypes: this.getNodeParameter('documentTypes', []) as DocumentType[],
			},
			seen: seen.store,
			now,
		});

		if (delivery.outcome !== 'accepted') {
			this.logger.debug(`NumNum Trigger: ${delivery.outcome} (${delivery.status})`, { response: delivery.response });
			return respond(this, delivery.status, delivery.response as unknown as IDataObject);
		}
		const across = await seen.acrossProcesses(delivery.event.id);
		if (across === 'duplicate') {
			const duplicate = duplicateDelivery(delivery.event.id);
			return respond(this, duplicate.status, duplicate.response as unknown as IDataObject);
		}
		if (across !== 'new') {
			// Queue mode without its Redis: no run on a guess; the sender retries later.
			return respond(this, 503, { error: 'replay protection unavailable', message: `${across.unavailable}; not run, retry later` });
		}
		seen.persist();
		return {
			workflowData: [[await eventToItem(this, delivery.event)]],
			webhookResponse: delivery.response,
		};
	}
}
