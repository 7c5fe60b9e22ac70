import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

/** Shorter secrets are easy to guess; 32 random hex characters is what `openssl rand -hex 16` gives. */
export const MIN_SECRET_LENGTH = 16;

/**
 * NumNum has no API to check a signing secret against, so the test checks what can be known
 * here: a secret is set, long enough, and differs from the previous one.
 */
export async function testSigningSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const { secret, previousSecret } = (credential.data ?? {}) as { secret?: string; previousSecret?: string };
	if (!secret) return { status: 'Error', message: 'The signing secret is empty' };
	if (secret.length < MIN_SECRET_LENGTH) {
		return { status: 'Error', message: `The signing secret has ${secret.length} characters; use at least ${MIN_SECRET_LENGTH} (e.g. openssl rand -hex 32)` };
	}
	if (previousSecret && previousSecret === secret) {
		return { status: 'Error', message: 'The previous secret is the same as the current one; clear it or enter the old secret' };
	}
	return {
		status: 'OK',
		message: 'The secret is usable. Send a sample event (npx numnum-send-event) to check the sender uses the same one.',
	};
}
