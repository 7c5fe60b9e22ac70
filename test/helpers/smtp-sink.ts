// A real SMTP server (the `smtp-server` package) on a free loopback port that keeps what it
// receives, with scripted faults. Used by the integration tests, the real-n8n e2e tests, the
// benchmark and the demo:
//
//   const sink = await startSmtpSink({ tls: 'starttls', auth: { user: 'u', pass: 'p' } });
//   … send to sink.host:sink.port …
//   const mails = await sink.parsed();          // mailparser ParsedMail[], in arrival order
//   await sink.close();
//
// Faults fire in order of the list, each `times` times (default once), e.g.
//   { stage: 'connect', reply: { code: 421 } }           421 instead of the greeting
//   { stage: 'connect', hang: true }                      never greet (client time-out)
//   { stage: 'rcpt', recipient: 'b@x.be', reply: { code: 550 }, times: Infinity }
//   { stage: 'data', drop: true }                         cut the connection in the middle of DATA
//   { stage: 'data', afterEnd: 'drop' }                   take the whole message (kept, counted), then cut
//                                                         the connection instead of answering ('hang': never answer)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';

import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions, SMTPServerSession } from 'smtp-server';

export type SinkTls = 'none' | 'starttls' | 'implicit';

export interface SinkReply {
	code: number;
	message?: string;
}

export type SinkFault = { times?: number } & (
	| { stage: 'connect'; reply?: SinkReply; hang?: boolean }
	| { stage: 'mail'; reply: SinkReply }
	| { stage: 'rcpt'; reply: SinkReply; recipient?: string }
	/** `contains`: only messages whose raw text contains it (e.g. a document id); not with `drop`. */
	| { stage: 'data'; reply?: SinkReply; drop?: boolean; contains?: string; afterEnd?: 'drop' | 'hang' }
);

export interface SmtpSinkOptions {
	/** Plain (default), STARTTLS offered, or implicit TLS; a self-signed certificate for `localhost`. */
	tls?: SinkTls;
	/** Require AUTH with these credentials (methods default PLAIN and LOGIN). */
	auth?: { user: string; pass: string; methods?: Array<'PLAIN' | 'LOGIN'> };
	/** Extra wait before the greeting, on top of smtp-server's own 100 ms early-talker pause. */
	greetingDelayMs?: number;
	faults?: SinkFault[];
	/** Advertised SIZE limit; a bigger message gets `552 5.3.4 Message exceeds fixed maximum message size`. */
	maxSize?: number;
	/** `raw` (default) keeps every message; `count` keeps only counts and sizes (benchmarks). */
	keep?: 'raw' | 'count';
	/** Also write every message as `<n>.eml` into this folder (the demo's inbox). */
	mailDir?: string;
	host?: string;
	port?: number;
}

export interface ReceivedMail {
	index: number;
	from: string;
	to: string[];
	/** Empty when `keep: 'count'`. */
	raw: Buffer;
	size: number;
	secure: boolean;
	user?: string;
	sessionId: string;
}

export interface SmtpSink {
	host: string;
	port: number;
	tls: SinkTls;
	/** The certificate the server presents (PEM), for clients that want to trust it. */
	certPem?: string;
	messages: ReceivedMail[];
	/** Messages accepted so far (also counted when `keep: 'count'`). */
	readonly received: number;
	readonly bytes: number;
	/** TCP connections opened to the sink. */
	readonly connections: number;
	/** AUTH attempts that failed. */
	readonly authFailures: number;
	/** How often each fault of the list has fired. */
	readonly faultsFired: number[];
	parsed(): Promise<ParsedMail[]>;
	/** Replaces the fault script (the counters restart). */
	setFaults(faults: SinkFault[]): void;
	/** Forgets received messages and counters. */
	reset(): void;
	/** Resolves once `count` messages have arrived (rejects after `timeoutMs`). */
	waitFor(count: number, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

interface LiveConnection {
	session: SMTPServerSession;
	_socket: Socket;
}

let cachedCert: Promise<{ key: string; cert: string }> | undefined;

/** One self-signed certificate per process (generating a key takes a moment). */
function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
	cachedCert ??= generate([{ name: 'commonName', value: 'localhost' }], {
		keySize: 2048,
		algorithm: 'sha256',
		days: 30,
		extensions: [
			{
				name: 'subjectAltName',
				altNames: [
					{ type: 2, value: 'localhost' },
					{ type: 7, ip: '127.0.0.1' },
				],
			},
		],
	} as Parameters<typeof generate>[1]).then((pems) => ({ key: pems.private, cert: pems.cert }));
	return cachedCert;
}

function replyError(reply: SinkReply, fallback: string): Error & { responseCode: number } {
	const error = new Error(reply.message ?? fallback) as Error & { responseCode: number };
	error.responseCode = reply.code;
	return error;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
	const tls = options.tls ?? 'none';
	const host = options.host ?? '127.0.0.1';
	const keep = options.keep ?? 'raw';
	const messages: ReceivedMail[] = [];
	let faults: SinkFault[] = [...(options.faults ?? [])];
	let fired: number[] = faults.map(() => 0);
	let received = 0;
	let bytes = 0;
	let connections = 0;
	let authFailures = 0;
	const waiters: Array<{ count: number; resolve: () => void }> = [];
	const hanging = new Set<() => void>();
	if (options.mailDir) mkdirSync(options.mailDir, { recursive: true });

	/** The first fault of `stage` that still has shots left and matches; it is consumed. */
	function takeFault<S extends SinkFault['stage']>(stage: S, match: (fault: Extract<SinkFault, { stage: S }>) => boolean = () => true) {
		for (let i = 0; i < faults.length; i++) {
			const fault = faults[i];
			if (fault.stage !== stage) continue;
			if (fired[i] >= (fault.times ?? 1)) continue;
			if (!match(fault as Extract<SinkFault, { stage: S }>)) continue;
			fired[i]++;
			return fault as Extract<SinkFault, { stage: S }>;
		}
		return undefined;
	}

	const certificate = tls === 'none' ? undefined : await selfSignedCertificate();
	const serverOptions: SMTPServerOptions = {
		secure: tls === 'implicit',
		...(certificate ? { key: certificate.key, cert: certificate.cert } : {}),
		disabledCommands: [...(tls === 'none' ? ['STARTTLS'] : []), ...(options.auth ? [] : ['AUTH'])],
		authOptional: !options.auth,
		allowInsecureAuth: true,
		authMethods: options.auth?.methods ?? ['PLAIN', 'LOGIN'],
		disableReverseLookup: true,
		logger: false,
		...(options.maxSize ? { size: options.maxSize } : {}),
		onConnect(_session, callback) {
			connections++;
			const fault = takeFault('connect');
			if (fault?.hang) {
				// Never greet: keep the callback so close() can let go of the connection.
				hanging.add(() => callback(new Error('closing')));
				return;
			}
			const proceed = () => callback(fault?.reply ? replyError(fault.reply, 'Service not available, try again later') : undefined);
			if (options.greetingDelayMs) setTimeout(proceed, options.greetingDelayMs);
			else proceed();
		},
		onAuth(auth, _session, callback) {
			if (auth.username === options.auth?.user && auth.password === options.auth?.pass) {
				callback(null, { user: auth.username });
				return;
			}
			authFailures++;
			callback(new Error('Invalid username or password'));
		},
		onMailFrom(_address, _session, callback) {
			const fault = takeFault('mail');
			callback(fault ? replyError(fault.reply, 'Sender refused') : undefined);
		},
		onRcptTo(address, _session, callback) {
			const recipient = address.address.toLowerCase();
			const fault = takeFault('rcpt', (f) => !f.recipient || f.recipient.toLowerCase() === recipient);
			callback(fault ? replyError(fault.reply, 'Recipient refused') : undefined);
		},
		onData(stream, session, callback) {
			const drop = takeFault('data', (f) => f.drop === true && !f.contains && f.afterEnd === undefined);
			const chunks: Buffer[] = [];
			let size = 0;
			if (drop) {
				stream.once('data', () => {
					const live = [...(server as unknown as { connections: Set<LiveConnection> }).connections].find((c) => c.session === session);
					live?._socket.destroy();
				});
			}
			stream.on('data', (chunk: Buffer) => {
				size += chunk.length;
				chunks.push(chunk);
			});
			stream.on('end', () => {
				if (drop) return; // the connection is gone; nothing was accepted
				if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
					callback(replyError({ code: 552, message: '5.3.4 Message exceeds fixed maximum message size' }, ''));
					return;
				}
				const raw = Buffer.concat(chunks);
				const fault = takeFault('data', (f) => !f.drop && f.afterEnd === undefined && (!f.contains || raw.includes(f.contains)));
				if (fault?.reply) {
					callback(replyError(fault.reply, 'Message refused'));
					return;
				}
				const unanswered = takeFault('data', (f) => f.afterEnd !== undefined && (!f.contains || raw.includes(f.contains)));
				const index = received++;
				bytes += size;
				if (options.mailDir) writeFileSync(join(options.mailDir, `${String(index + 1).padStart(5, '0')}.eml`), raw);
				messages.push({
					index,
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: keep === 'raw' ? raw : Buffer.alloc(0),
					size,
					secure: session.secure,
					...(session.user ? { user: String(session.user) } : {}),
					sessionId: session.id,
				});
				if (keep === 'count') messages.length = 0;
				if (unanswered?.afterEnd === 'drop') {
					// The server has it all (as if queued) but its answer never leaves: a crash after the final ".".
					const live = [...(server as unknown as { connections: Set<LiveConnection> }).connections].find((c) => c.session === session);
					live?._socket.destroy();
				} else if (unanswered?.afterEnd === 'hang') {
					hanging.add(() => callback(new Error('closing')));
				} else {
					callback(null, `2.0.0 Ok: queued as ${index + 1}`);
				}
				for (const waiter of [...waiters]) {
					if (received >= waiter.count) {
						waiters.splice(waiters.indexOf(waiter), 1);
						waiter.resolve();
					}
				}
			});
		},
	};
	const server = new SMTPServer(serverOptions);
	server.on('error', () => {
		// Client-side faults (resets, failed handshakes) are expected here; the tests judge outcomes.
	});

	const port = await new Promise<number>((resolve, reject) => {
		server.server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			const address = server.server.address();
			resolve(typeof address === 'object' && address ? address.port : 0);
		});
	});

	const sink: SmtpSink = {
		host,
		port,
		tls,
		...(certificate ? { certPem: certificate.cert } : {}),
		messages,
		get received() {
			return received;
		},
		get bytes() {
			return bytes;
		},
		get connections() {
			return connections;
		},
		get authFailures() {
			return authFailures;
		},
		get faultsFired() {
			return [...fired];
		},
		async parsed() {
			return await Promise.all(messages.map((m) => simpleParser(m.raw)));
		},
		setFaults(next) {
			faults = [...next];
			fired = faults.map(() => 0);
		},
		reset() {
			messages.length = 0;
			received = 0;
			bytes = 0;
			connections = 0;
			authFailures = 0;
			fired = faults.map(() => 0);
		},
		waitFor(count, timeoutMs = 10_000) {
			if (received >= count) return Promise.resolve();
			return new Promise((resolve, reject) => {
				const waiter = { count, resolve: () => (clearTimeout(timer), resolve()) };
				const timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(waiter), 1);
					reject(new Error(`smtp sink: ${received} of ${count} messages after ${timeoutMs} ms`));
				}, timeoutMs);
				waiters.push(waiter);
			});
		},
		async close() {
			for (const release of hanging) release();
			hanging.clear();
			for (const live of (server as unknown as { connections: Set<LiveConnection> }).connections) live._socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return sink;
}
