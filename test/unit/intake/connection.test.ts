import { checkImapSettings, imapFlowOptions, ImapSettingsError } from '../../../core/intake';

const good = { host: 'imap.example.com', port: 993, security: 'tls' as const, user: 'u@example.com', password: 'app-password', allowSelfSigned: false };

describe('checkImapSettings', () => {
	it.each([
		[{ host: ' ' }, 'host'],
		[{ port: 0 }, 'port'],
		[{ port: 70000 }, 'port'],
		[{ port: '99x' }, 'port'],
		[{ security: 'ssl' }, 'security'],
		[{ user: '' }, 'user'],
		[{ password: '' }, 'password'],
	])('%j is refused, naming %s', (change, field) => {
		expect(() => checkImapSettings({ ...good, ...(change as object) })).toThrow(ImapSettingsError);
		try {
			checkImapSettings({ ...good, ...(change as object) });
		} catch (error) {
			expect((error as ImapSettingsError).field).toBe(field);
		}
	});

	it('maps the three security choices onto imapflow, verifying the certificate unless told not to', () => {
		expect(imapFlowOptions(checkImapSettings(good))).toMatchObject({ secure: true, tls: { rejectUnauthorized: true } });
		expect(imapFlowOptions(checkImapSettings({ ...good, security: 'starttls', port: 143 }))).toMatchObject({ secure: false, doSTARTTLS: true });
		expect(imapFlowOptions(checkImapSettings({ ...good, security: 'none', allowSelfSigned: true }))).toMatchObject({ secure: false, doSTARTTLS: false, tls: { rejectUnauthorized: false } });
	});
});
