// Real SMTP on loopback: every connection mode the credential offers, parsed with mailparser.
import { exportBatch } from '../../../core/export';
import type { ExportLog, ExportSettings } from '../../../core/export';
import { MailSender, TYPE_LABELS, verifySmtp } from '../../../core/mail';
import type { SmtpSettings } from '../../../core/mail';
import { startSmtpSink } from '../../helpers/smtp-sink';
import type { SmtpSink, SmtpSinkOptions } from '../../helpers/smtp-sink';
import { example, filesFor } from './fixtures';

const settings: ExportSettings = {
	from: { name: 'Bakkerij De Zon BV', address: 'facturen@dezon.be' },
	to: ['dezon@yukiworks.be'],
	cc: ['boekhouding@dezon.be'],
	bcc: ['archief@dezon.be'],
	replyTo: ['an@dezon.be'],
};

const documents = (['invoice', 'credit-note', 'proforma', 'expense'] as const).map((name) => example(name));

interface Mode {
	name: string;
	sink: SmtpSinkOptions;
	smtp: Partial<SmtpSettings>;
	secure: boolean;
	user?: string;
}

const modes: Mode[] = [
	{ name: 'plain, no TLS', sink: {}, smtp: { startTls: 'never' }, secure: false },
	{
		name: 'STARTTLS (self-signed) + AUTH PLAIN',
		sink: { tls: 'starttls', auth: { user: 'dezon', pass: 's3cret', methods: ['PLAIN'] } },
		smtp: { startTls: 'required', allowUnauthorizedCerts: true, user: 'dezon', password: 's3cret' },
		secure: true,
		user: 'dezon',
	},
	{
		name: 'implicit TLS + AUTH LOGIN',
		sink: { tls: 'implicit', auth: { user: 'dezon', pass: 's3cret', methods: ['LOGIN'] } },
		smtp: { secure: true, allowUnauthorizedCerts: true, user: 'dezon', password: 's3cret' },
		secure: true,
		user: 'dezon',
	},
];

describe.each(modes)('$name', (mode) => {
	let sink: SmtpSink;
	let smtp: SmtpSettings;
	beforeAll(async () => {
		sink = await startSmtpSink(mode.sink);
		smtp = { host: '127.0.0.1', port: sink.port, secure: false, startTls: 'whenOffered', timeoutMs: 5000, ...mode.smtp };
	});
	afterAll(async () => await sink.close());
	beforeEach(() => sink.reset());

	it('delivers one message per document, complete and byte-identical, over one connection', async () => {
		const files = documents.map((doc) => filesFor(doc));
		const sender = new MailSender(smtp, { maxAttempts: 1 });
		const log: ExportLog = {};
		let results;
		try {
			({ results } = await exportBatch(
				documents.map((doc) => ({ raw: doc, settings })),
				{
					sender,
					log,
					loadFiles: async (i) => ({
						ubl: { fileName: `${String(documents[i].number)}.xml`, content: files[i].ubl },
						pdf: { fileName: 'x.pdf', content: files[i].pdf },
					}),
				},
			));
		} finally {
			sender.close();
		}

		expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
		expect(sink.received).toBe(4);
		expect(sink.connections).toBe(1);
		const mails = await sink.parsed();
		for (const [i, mail] of mails.entries()) {
			const doc = documents[i];
			const received = sink.messages[i];
			expect(received.secure).toBe(mode.secure);
			if (mode.user) expect(received.user).toBe(mode.user);
			expect(received.from).toBe('facturen@dezon.be');
			expect(received.to.sort()).toEqual(['archief@dezon.be', 'boekhouding@dezon.be', 'dezon@yukiworks.be']);
			expect(mail.messageId).toBe(results[i].messageId);
			expect(mail.headers.get('x-numnum-document-id')).toBe(doc.id);
			expect(mail.from?.value).toEqual([{ name: 'Bakkerij De Zon BV', address: 'facturen@dezon.be' }]);
			expect(mail.replyTo?.value[0].address).toBe('an@dezon.be');
			expect(mail.headers.has('bcc')).toBe(false);
			expect(mail.attachments.map((a) => a.filename)).toEqual([`${String(doc.number)}.xml`, `${String(doc.number)}.pdf`]);
			expect(mail.attachments[0].content.equals(files[i].ubl)).toBe(true);
			expect(mail.attachments[1].content.equals(files[i].pdf)).toBe(true);
			expect(mail.attachments[0].contentType).toBe('application/xml');
			expect(mail.attachments[1].contentType).toBe('application/pdf');
		}
		expect(mails[0].subject).toBe('Factuur 2026-0042 – Bakkerij De Zon BV');
		expect(mails.map((m) => m.subject)).toEqual(
			documents.map((doc) => {
				const language = (doc.language ?? 'nl') as keyof typeof TYPE_LABELS;
				const type = doc.type as keyof (typeof TYPE_LABELS)['nl'];
				return `${TYPE_LABELS[language][type]} ${String(doc.number)} – ${String((doc.seller as { name: string }).name)}`;
			}),
		);
	});

	it('credential test connects, sets up TLS and authenticates', async () => {
		const result = await verifySmtp(smtp);
		expect(result.ok).toBe(true);
		expect(result.message).toContain(`127.0.0.1:${sink.port}`);
		expect(result.message).toContain(mode.secure ? '(TLSv1.' : '(no TLS)');
		if (mode.user) expect(result.message).toMatch(/authenticated as dezon \(235 /);
	});
});

describe('stable Message-ID', () => {
	it('a resend of the same document to the same recipients carries the same Message-ID', async () => {
		const sink = await startSmtpSink();
		const smtp: SmtpSettings = { host: '127.0.0.1', port: sink.port, secure: false, startTls: 'never' };
		const doc = example('invoice');
		const files = filesFor(doc);
		const load = async () => ({ ubl: { fileName: 'a.xml', content: files.ubl } });
		try {
			for (const resend of [false, true]) {
				const sender = new MailSender(smtp);
				try {
					await exportBatch([{ raw: doc, settings: { ...settings, resend } }], { sender, log: {}, loadFiles: load });
				} finally {
					sender.close();
				}
			}
			const mails = await sink.parsed();
			expect(mails).toHaveLength(2);
			expect(mails[0].messageId).toMatch(/^<[0-9a-f]{40}@n8n-nodes-numnum-yuki>$/);
			expect(mails[1].messageId).toBe(mails[0].messageId);
		} finally {
			await sink.close();
		}
	});
});
