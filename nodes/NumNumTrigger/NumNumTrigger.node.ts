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
import type { DocumentType } from '../../core/document/types';
import { SIGNATURE_HEADER } from '../../core/signature';
import { testSigningSecret } from './credentialTest';
import { eventToItem } from './output';
import { numNumTriggerProperties } from './properties';
import { seenEventsFor } from './seenEvents';

interface SigningCredential {
	secret?: string;
	previousSecret?: string;
}

/** The exact request bytes: n8n keeps them on the request (we asked it not to parse them). */
async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer> {
	const request = context.getRequestObject();
	if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	return request.rawBody ?? Buffer.alloc(0);
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

		const now = Math.floor(Date.now() / 1000);
		const seen = seenEventsFor(this, now);
		const delivery = receiveEvent({
			rawBody: await rawBodyOf(this),
			signatureHeader: signatureHeaderOf(this),
			secrets,
			toleranceSeconds: this.getNodeParameter('toleranceSeconds', 300) as number,
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
