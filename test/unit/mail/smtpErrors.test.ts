import { classifySmtpError } from '../../../core/mail';

const error = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe('classifySmtpError', () => {
	it.each([
		['refused', error('connect ECONNREFUSED 127.0.0.1:25', { code: 'ESOCKET' }), 'transient'],
		['reset', error('read ECONNRESET', { code: 'ESOCKET' }), 'transient'],
		['greeting time-out', error('Timeout', { code: 'ETIMEDOUT' }), 'transient'],
		['421 greeting', error('Invalid greeting', { code: 'EPROTOCOL', responseCode: 421, response: '421 try later' }), 'transient'],
		['450 mailbox busy', error('Recipient command failed', { code: 'EENVELOPE', responseCode: 450 }), 'transient'],
		['dropped', error('Connection closed unexpectedly', { code: 'ECONNECTION' }), 'transient'],
		['550 no such user', error('Recipient command failed', { code: 'EENVELOPE', responseCode: 550 }), 'permanent'],
		['552 too large', error('Message failed', { code: 'EMESSAGE', responseCode: 552 }), 'permanent'],
		['535 wrong password', error('Invalid login', { code: 'EAUTH', responseCode: 535 }), 'auth'],
		['no credentials', error('Missing credentials for "PLAIN"', { code: 'EAUTH' }), 'auth'],
		['self-signed', error('self-signed certificate', { code: 'ESOCKET' }), 'tls'],
		['no STARTTLS', error('No STARTTLS support', { code: 'ETLS' }), 'tls'],
		['reset during handshake', error('Client network socket disconnected before secure TLS connection was established ECONNRESET', { code: 'ESOCKET' }), 'transient'],
	])('%s → %s', (_name, input, kind) => {
		expect(classifySmtpError(input).kind).toBe(kind);
	});

	it('keeps the server answer on one line', () => {
		const failure = classifySmtpError(error('Message failed', { code: 'EMESSAGE', responseCode: 552, response: '552 5.3.4\r\n too big' }));
		expect(failure).toMatchObject({ responseCode: 552, response: '552 5.3.4 too big', code: 'EMESSAGE' });
	});
});
