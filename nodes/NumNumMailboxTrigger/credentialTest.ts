import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { checkImapSettings, ImapSettingsError, verifyImap } from '../../core/intake';
import type { ImapSettings } from '../../core/intake';

/** Logs in to the mailbox and opens INBOX, as the trigger will. */
export async function testImapAccount(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let settings: ImapSettings;
	try {
		settings = checkImapSettings((credential.data ?? {}) as Partial<ImapSettings>);
	} catch (error) {
		return { status: 'Error', message: error instanceof ImapSettingsError ? error.message : String(error) };
	}
	const check = await verifyImap(settings);
	return { status: check.ok ? 'OK' : 'Error', message: check.message };
}
