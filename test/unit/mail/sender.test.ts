// The retry logic of MailSender, with a scripted transport (the real SMTP paths are in test/integration/mail).
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

import { FatalSmtpError, MailSender } from '../../../core/mail';
import type { OutgoingMail } from '../../../core/mail';

type Step = (envelopeTo: string[]) => { accepted: string[]; rejectedErrors?: object[]; response: string } | Error;

function scriptedTransport(steps: Step[]) {
	const calls: Mail.Options[] = [];
	const transport = {
		async sendMail(options: Mail.Options) {
			calls.push(options);
			const step = steps[Math.min(calls.length - 1, steps.length - 1)];
			const outcome = step((options.envelope as { to: string[] }).to);
			if (outcome instanceof Error) throw outcome;
			return { ...outcome, rejected: [], envelope: options.envelope, messageId: options.messageId };
		},
		close: jest.fn(),
		verify: jest.fn(),
	};
	return { transport: transport as unknown as Transporter, calls, close: transport.close };
}

const smtpError = (message: string, extra: Record<string, unknown>) => Object.assign(new Error(message), extra);
const mail: OutgoingMail = {
	messageId: '<m@n8n-nodes-numnum-yuki>',
	from: { address: 'me@x.be' },
	to: ['a@x.be', 'b@x.be'],
	subject: 'S',
	text: 'T',
	ubl: { fileName: 'f.xml', content: Buffer.from('<x/>') },
};
const settings = { host: 'unused', port: 25, secure: false, startTls: 'never' as const };

function sender(steps: Step[], maxAttempts = 3) {
	const scripted = scriptedTransport(steps);
	const sleeps: number[] = [];
	const instance = new MailSender(settings, {
		transport: scripted.transport as never,
		maxAttempts,
		initialBackoffMs: 100,
		sleep: async (ms) => void sleeps.push(ms),
	});
	return { instance, sleeps, ...scripted };
}

describe('MailSender', () => {
	it('sends once when all is well', async () => {
		const { instance, calls } = sender([(to) => ({ accepted: to, response: '250 ok' })]);
		const outcome = await instance.send(mail, ['a@x.be', 'b@x.be']);
		expect(outcome).toEqual({ status: 'sent', accepted: ['a@x.be', 'b@x.be'], rejected: [], response: '250 ok', attempts: 1 });
		expect(calls).toHaveLength(1);
	});

	it('retries transient failures with doubling back-off, then succeeds', async () => {
		const { instance, sleeps, calls } = sender([
			() => smtpError('connect ECONNREFUSED', { code: 'ESOCKET' }),
			() => smtpError('Invalid greeting', { code: 'EPROTOCOL', responseCode: 421 }),
			(to) => ({ accepted: to, response: '250 ok' }),
		]);
		const outcome = await instance.send(mail, ['a@x.be', 'b@x.be']);
		expect(outcome.status).toBe('sent');
		expect(outcome.attempts).toBe(3);
		expect(sleeps).toEqual([100, 200]);
		expect(calls).toHaveLength(3);
	});

	it('gives up after max attempts, reporting the last failure', async () => {
		const { instance, calls } = sender([() => smtpError('Timeout', { code: 'ETIMEDOUT' })], 2);
		const outcome = await instance.send(mail, ['a@x.be']);
		expect(outcome).toMatchObject({ status: 'failed', accepted: [], attempts: 2, failure: { kind: 'transient', message: 'Timeout' } });
		expect(outcome.rejected).toEqual([{ recipient: 'a@x.be', response: 'Timeout' }]);
		expect(calls).toHaveLength(2);
	});

	it('does not retry a permanent refusal', async () => {
		const { instance, calls } = sender([() => smtpError('Message failed', { code: 'EMESSAGE', responseCode: 552, response: '552 too big' })]);
		const outcome = await instance.send(mail, ['a@x.be', 'b@x.be']);
		expect(outcome.status).toBe('failed');
		expect(outcome.rejected.map((r) => r.responseCode)).toEqual([552, 552]);
		expect(calls).toHaveLength(1);
	});

	it('retries only the recipient refused for now; the one who accepted gets it once', async () => {
		const { instance, calls } = sender([
			() => ({
				accepted: ['a@x.be'],
				rejectedErrors: [smtpError('Recipient command failed', { recipient: 'b@x.be', responseCode: 450, response: '450 busy' })],
				response: '250 ok 1',
			}),
			(to) => ({ accepted: to, response: '250 ok 2' }),
		]);
		const outcome = await instance.send(mail, ['a@x.be', 'b@x.be']);
		expect(outcome).toMatchObject({ status: 'sent', accepted: ['a@x.be', 'b@x.be'], attempts: 2, response: '250 ok 2' });
		expect(calls.map((c) => (c.envelope as { to: string[] }).to)).toEqual([['a@x.be', 'b@x.be'], ['b@x.be']]);
		// The same message both times (the same bytes, one Message-ID), headers list both recipients.
		const raw = calls.map((c) => (c.raw as Buffer).toString('utf8'));
		expect(raw[1]).toBe(raw[0]);
		expect(raw[1]).toContain(`\r\nMessage-ID: ${mail.messageId}\r\n`);
		expect(raw[1]).toMatch(/\r\nTo: a@x\.be, b@x\.be\r\n/);
	});

	it('reports a recipient refused for good while the other accepted', async () => {
		const { instance, calls } = sender([
			() => ({
				accepted: ['a@x.be'],
				rejectedErrors: [smtpError('Recipient command failed', { recipient: 'b@x.be', responseCode: 550, response: '550 no such user' })],
				response: '250 ok',
			}),
		]);
		const outcome = await instance.send(mail, ['a@x.be', 'b@x.be']);
		expect(outcome).toMatchObject({
			status: 'failed',
			accepted: ['a@x.be'],
			rejected: [{ recipient: 'b@x.be', response: '550 no such user', responseCode: 550 }],
			attempts: 1,
		});
		expect(calls).toHaveLength(1);
	});

	it('stops at once on rejected credentials', async () => {
		const { instance, calls } = sender([() => smtpError('Invalid login', { code: 'EAUTH', responseCode: 535, response: '535 bad password' })]);
		await expect(instance.send(mail, ['a@x.be'])).rejects.toThrow(new FatalSmtpError({ kind: 'auth', message: '', response: '535 bad password' }).message);
		expect(calls).toHaveLength(1);
	});

	it('closes its transport once', () => {
		const { instance, close } = sender([]);
		instance.close();
		instance.close();
		expect(close).toHaveBeenCalledTimes(1);
	});
});
