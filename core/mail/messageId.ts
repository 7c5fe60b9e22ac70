// A Message-ID that is the same every time the same document goes to the same recipients,
// so a receiving system that de-duplicates on Message-ID sees a retry as the same message.
import { createHash } from 'crypto';

import { recipientsKey } from './recipients';

export const MESSAGE_ID_DOMAIN = 'n8n-nodes-numnum-yuki';

export function sha256Hex(content: Buffer | string): string {
	return createHash('sha256').update(content).digest('hex');
}

export function deriveMessageId(documentId: string, contentHash: string, recipients: readonly string[]): string {
	const hash = createHash('sha256')
		.update(['numnum-yuki/1', documentId, contentHash, recipientsKey(recipients)].join('\u0000'))
		.digest('hex')
		.slice(0, 40);
	return `<${hash}@${MESSAGE_ID_DOMAIN}>`;
}
