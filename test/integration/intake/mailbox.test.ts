// The mailbox watcher against a real Dovecot (scripts/dovecot.ts): every e-mail handed over
// once, in order, across rescans, a second copy, a server restart mid-IDLE, a new watcher (an
// n8n restart) and a server without IDLE; a server that stays away is reported, not waited on
// silently. The connection test against plain, STARTTLS and TLS with a self-signed certificate.
import { HANDLED_KEYWORD, MailboxWatcher, readUblForIntake, verifyImap } from '../../../core/intake';
import type { ImapSettings, MailboxCursor, MailboxWatcherOptions, MessageIntake } from '../../../core/intake';
import { dropMails, exportEmail, folderState, numberedDocument, startDovecot, type DovecotServer } from '../../helpers/imap';

jest.setTimeout(120_000);

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };

function settingsOf(server: DovecotServer, overrides: Partial<ImapSettings> = {}): ImapSettings {
	const user = server.users[0];
	return { host: server.host, port: server.port, security: 'starttls', user: user.user, password: user.password, allowSelfSigned: true, ...overrides };
}

/** A watcher with a shared record of keys and cursor (what the node keeps), collecting deliveries. */
function harness(server: DovecotServer, shared = { keys: new Set<string>(), cursor: undefined as MailboxCursor | undefined }) {
	const delivered: MessageIntake[] = [];
	const errors: Error[] = [];
	const make = (overrides: Partial<MailboxWatcherOptions> = {}) =>
		new MailboxWatcher({
			settings: settingsOf(server),
			folder: 'INBOX',
			afterHandling: { markSeen: true, moveTo: '' },
			readUbl: readUblForIntake,
			seen: shared.keys,
			deliver: async (intake) => {
				delivered.push(intake);
			},
			loadCursor: () => shared.cursor,
			saveCursor: (cursor) => (shared.cursor = cursor),
			pollIntervalMs: 1_000,
			initialBackoffMs: 100,
			maxBackoffMs: 500,
			onGaveUp: (error) => errors.push(error),
			logger: quiet,
			...overrides,
		});
	return { delivered, errors, make, shared };
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

const numbersOf = (delivered: MessageIntake[]) => delivered.flatMap((d) => d.documents.map((doc) => String(doc.document.number)));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MailboxWatcher on a real Dovecot', () => {
	let server: DovecotServer;
	beforeEach(async () => {
		server = await startDovecot();
	});
	afterEach(async () => {
		await server.destroy();
	});

	it('hands over each e-mail once, in order, and marks it; rescans and a second copy start nothing', async () => {
		const { delivered, make } = harness(server);
		await dropMails(server, [await exportEmail({ documents: [numberedDocument(1)] })]);
		const watcher = make();
		await watcher.start();
		try {
			await until(() => delivered.length === 1, 'the mail that was there before');
			const twoDocuments = await exportEmail({ documents: [numberedDocument(2), numberedDocument(3, 'credit-note')], messageId: '<two@numnum.test>' });
			await dropMails(server, [twoDocuments, await exportEmail({ documents: [] }), twoDocuments]);
			await until(() => delivered.length === 3, 'three new e-mails (the copy is not one)');
			await pause(2_500); // two rescans
			expect(delivered).toHaveLength(3);
			expect(numbersOf(delivered)).toEqual(['2026-M0001', '2026-M0002', '2026-M0003']);
			expect(delivered[2].rejections).toEqual([{ reason: expect.stringContaining('no attachment') }]);
			expect(watcher.connections).toBe(1);
		} finally {
			await watcher.close();
		}
		const state = await folderState(server);
		expect(state).toHaveLength(4);
		for (const message of state) expect(message.flags).toEqual(expect.arrayContaining([HANDLED_KEYWORD, '\\Seen']));
	});

	it('moves handled e-mails into the folder asked for, creating it', async () => {
		const { delivered, make } = harness(server);
		const watcher = make({ afterHandling: { markSeen: false, moveTo: 'NumNum/Done' } });
		await watcher.start();
		try {
			await dropMails(server, [await exportEmail({ documents: [numberedDocument(4)] })]);
			await until(() => delivered.length === 1, 'the e-mail');
			await until(() => false, 'nothing', 300).catch(() => undefined);
		} finally {
			await watcher.close();
		}
		expect(await folderState(server)).toEqual([]);
		const moved = await folderState(server, 'NumNum/Done');
		expect(moved).toHaveLength(1);
		expect(moved[0].flags).not.toContain('\\Seen');
	});

	it('survives the server restarting mid-IDLE: mail from before, during and after arrives once', async () => {
		const { delivered, make } = harness(server);
		const watcher = make();
		await watcher.start();
		try {
			await dropMails(server, [await exportEmail({ documents: [numberedDocument(10)] })]);
			await until(() => delivered.length === 1, 'the first e-mail');
			await server.stop();
			await pause(500);
			await server.start();
			// Dropped before the watcher is back (its first retry waits ~100 ms, then doubles).
			await dropMails(server, [await exportEmail({ documents: [numberedDocument(11)] })]);
			await until(() => watcher.connections >= 2 && delivered.length === 2, 'the reconnect and the e-mail that came meanwhile');
			await dropMails(server, [await exportEmail({ documents: [numberedDocument(12)] })]);
			await until(() => delivered.length === 3, 'an e-mail after the reconnect');
			await pause(1_500);
			expect(numbersOf(delivered)).toEqual(['2026-M0010', '2026-M0011', '2026-M0012']);
		} finally {
			await watcher.close();
		}
	});

	it('a new watcher (n8n restarted, keys forgotten, cursor kept) starts nothing that was handled', async () => {
		const first = harness(server);
		const watcher = first.make();
		await watcher.start();
		await dropMails(server, [await exportEmail({ documents: [numberedDocument(20)] }), await exportEmail({ documents: [numberedDocument(21)] })]);
		await until(() => first.delivered.length === 2, 'two e-mails');
		await watcher.close();

		// Keys gone (a new process); the keyword on the messages is what stops a second start.
		const second = harness(server, { keys: new Set(), cursor: undefined });
		const again = second.make();
		await again.start();
		try {
			await dropMails(server, [await exportEmail({ documents: [numberedDocument(22)] })]);
			await until(() => second.delivered.length === 1, 'only the new e-mail');
			await pause(1_500);
			expect(numbersOf(second.delivered)).toEqual(['2026-M0022']);
		} finally {
			await again.close();
		}
	});

	it('an e-mail whose hand-over failed is not lost: the next scan hands it over, once', async () => {
		const { delivered, make } = harness(server);
		let failures = 1;
		const watcher = make({
			deliver: async (intake) => {
				if (failures-- > 0) throw new Error('disk full while storing the binary data');
				delivered.push(intake);
			},
		});
		await watcher.start();
		try {
			await dropMails(server, [await exportEmail({ documents: [numberedDocument(50)] })]);
			await until(() => delivered.length === 1, 'the e-mail, on the rescan after the failure');
			await pause(2_500);
			expect(numbersOf(delivered)).toEqual(['2026-M0050']);
		} finally {
			await watcher.close();
		}
		expect((await folderState(server))[0].flags).toContain(HANDLED_KEYWORD);
	});

	it('reports a server that stays away after the given attempts, instead of stopping silently', async () => {
		const { errors, make } = harness(server);
		const watcher = make({ giveUpAfterAttempts: 3 });
		await watcher.start();
		try {
			await server.stop();
			await until(() => errors.length === 1, 'the give-up report', 20_000);
			expect(errors[0].message).toMatch(/could not be reached after 3 attempts/);
		} finally {
			await watcher.close();
		}
	});

	it('a preview (the editor\'s test run) shows the newest e-mail and marks nothing', async () => {
		await dropMails(server, [await exportEmail({ documents: [numberedDocument(30)] }), await exportEmail({ documents: [numberedDocument(31)] })]);
		const { delivered, make } = harness(server);
		const watcher = make({ preview: true });
		await watcher.start();
		try {
			await until(() => delivered.length === 1, 'the newest e-mail');
			expect(numbersOf(delivered)).toEqual(['2026-M0031']);
		} finally {
			await watcher.close();
		}
		for (const message of await folderState(server)) expect(message.flags).toEqual([]);
	});
});

describe('MailboxWatcher on a server without IDLE', () => {
	it('sees new mail through the rescan', async () => {
		const server = await startDovecot({ withoutIdle: true });
		try {
			const { delivered, make } = harness(server);
			const watcher = make();
			await watcher.start();
			try {
				await dropMails(server, [await exportEmail({ documents: [numberedDocument(40)] })]);
				await until(() => delivered.length === 1, 'the e-mail, by polling', 10_000);
			} finally {
				await watcher.close();
			}
		} finally {
			await server.destroy();
		}
	});
});

describe('verifyImap (the credential test)', () => {
	let server: DovecotServer;
	beforeAll(async () => {
		server = await startDovecot();
	});
	afterAll(async () => {
		await server.destroy();
	});

	it('logs in over STARTTLS and over TLS with the self-signed certificate allowed', async () => {
		expect(await verifyImap(settingsOf(server))).toEqual({ ok: true, message: expect.stringContaining('folder INBOX has') });
		expect(await verifyImap(settingsOf(server, { security: 'tls', port: server.tlsPort }))).toMatchObject({ ok: true });
	});

	it('names what is wrong: the password, the certificate, the folder, the port', async () => {
		expect(await verifyImap(settingsOf(server, { password: 'wrong' }))).toEqual({ ok: false, message: expect.stringContaining('refused the user name or password') });
		expect(await verifyImap(settingsOf(server, { security: 'tls', port: server.tlsPort, allowSelfSigned: false }))).toEqual({
			ok: false,
			message: expect.stringMatching(/certificate/i),
		});
		expect(await verifyImap(settingsOf(server), 'Nope')).toEqual({ ok: false, message: expect.stringContaining('"Nope" cannot be opened') });
		const stopped = await startDovecot();
		await stopped.destroy();
		expect(await verifyImap(settingsOf(stopped))).toEqual({ ok: false, message: expect.stringContaining('connection refused') });
	});
});
