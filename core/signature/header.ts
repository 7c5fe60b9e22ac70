// The `X-NumNum-Signature` header: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`.
// Several v1 values let a sender sign with the old and the new secret during a rotation.

export const SIGNATURE_HEADER = 'x-numnum-signature';

export interface SignatureHeader {
	/** Unix seconds the sender signed at. */
	timestamp: number;
	/** The timestamp's digits exactly as sent: these are what the HMAC covers (`t=0170…` is not `t=170…`). */
	timestampText: string;
	/** Every well-formed v1 signature (32-byte HMAC-SHA256 digests). */
	signatures: Buffer[];
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,15}$/;

/** The header parsed, or undefined when it lacks one timestamp or any well-formed v1 value. */
export function parseSignatureHeader(header: string): SignatureHeader | undefined {
	let timestampText: string | undefined;
	const signatures: Buffer[] = [];
	for (const element of header.split(',')) {
		const separator = element.indexOf('=');
		if (separator < 0) continue;
		const key = element.slice(0, separator).trim();
		const value = element.slice(separator + 1).trim();
		if (key === 't') {
			// Two timestamps would make it ambiguous which one was signed.
			if (timestampText !== undefined || !UNIX_SECONDS.test(value)) return undefined;
			timestampText = value;
		} else if (key === 'v1' && HEX_SHA256.test(value)) {
			signatures.push(Buffer.from(value, 'hex'));
		}
		// Other schemes (v0, future versions) are ignored, as Stripe does.
	}
	if (timestampText === undefined || signatures.length === 0) return undefined;
	return { timestamp: Number(timestampText), timestampText, signatures };
}

export function formatSignatureHeader(timestamp: number, signaturesHex: string[]): string {
	return [`t=${timestamp}`, ...signaturesHex.map((hex) => `v1=${hex}`)].join(',');
}
