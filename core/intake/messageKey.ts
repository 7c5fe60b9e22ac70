// The identity of an e-mail for "exactly once": two copies of one export (same Message-ID, same
// UBL bytes) share it; a re-export of a changed document (new UBL bytes) does not.
import { createHash } from 'node:crypto';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export function ublHash(content: Buffer): string {
	return sha256(content);
}

/**
 * sha256 of the Message-ID and the sorted UBL hashes. An e-mail without Message-ID (NumNum
 * always sets one; hand-made mail may not) is identified by its whole raw bytes instead.
 */
export function messageKey(messageId: string, ublContents: readonly Buffer[], raw: Buffer): string {
	if (messageId === '') return sha256(Buffer.concat([Buffer.from('raw\n'), raw]));
	const hashes = ublContents.map(ublHash).sort();
	return sha256(`${messageId}\n${hashes.join('\n')}`);
}
