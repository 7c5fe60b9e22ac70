// A real IMAP server for the tests, the benchmark and the demo: Debian's Dovecot (dovecot-imapd,
// installed by .ci/run), started by us in the foreground on loopback with a throwaway
// configuration, passwd-file users and Maildir under one folder. No system service is touched.
//
//   const imap = await startDovecot({ users: [{ user: 'exports', password: 'secret' }] });
//   … connect to imap.host:imap.port (plain, STARTTLS offered) or imap.tlsPort (implicit TLS) …
//   await imap.stop();   // the server goes away, the mail stays
//   await imap.start();  // same ports, same mail (fault tests)
//   await imap.destroy(); // stop and remove the folder
//
// As a command: `npx tsx scripts/dovecot.ts` starts one and prints how to reach it (Ctrl-C stops).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { generate } from 'selfsigned';

export const DOVECOT_BINARY = process.env.DOVECOT_BINARY ?? '/usr/sbin/dovecot';

export interface ImapUser {
	user: string;
	password: string;
}

export interface StartDovecotOptions {
	users?: ImapUser[];
	/** Plain IMAP port (STARTTLS offered); default (or 0): a free one. */
	port?: number;
	/** Implicit-TLS port; default: a free one. */
	tlsPort?: number;
	/** Folder for configuration, mail and logs; default: a fresh temp folder. As root its parents must be enterable by Dovecot's own users. */
	dir?: string;
	/** Leave out the IDLE capability, to exercise the poll fallback. */
	withoutIdle?: boolean;
}

export interface DovecotServer {
	host: string;
	port: number;
	tlsPort: number;
	users: ImapUser[];
	dir: string;
	/** The self-signed certificate the server presents (PEM). */
	certPem: string;
	readonly running: boolean;
	/** Starts the server again with the same ports, users and mail. */
	start(): Promise<void>;
	/** Stops the server (SIGTERM to the master; its children follow); open connections drop. */
	stop(): Promise<void>;
	/** Stops and removes the folder. */
	destroy(): Promise<void>;
	logTail(lines?: number): string;
}

export const DEFAULT_IMAP_USER: ImapUser = { user: 'exports', password: 'exports-secret-2026' };

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** Dovecot refuses uid 0 for mail and needs unprivileged users for its own processes. */
function processUsers(): { internal: string; login: string; mailUid: number; mailGid: number } {
	const uid = process.getuid?.() ?? 0;
	if (uid !== 0) {
		const name = os.userInfo().username;
		return { internal: name, login: name, mailUid: uid, mailGid: process.getgid?.() ?? uid };
	}
	// As root (CI containers): Debian's package creates these two users.
	const passwd = fs.readFileSync('/etc/passwd', 'utf8');
	const entry = passwd.split('\n').find((line) => line.startsWith('dovecot:'));
	if (!entry) throw new Error('running as root needs the "dovecot" system user (apt-get install dovecot-imapd)');
	const [, , mailUid, mailGid] = entry.split(':');
	return { internal: 'dovecot', login: 'dovenull', mailUid: Number(mailUid), mailGid: Number(mailGid) };
}

function configText(dir: string, port: number, tlsPort: number, withoutIdle: boolean): string {
	const who = processUsers();
	return `# Throwaway Dovecot configuration written by scripts/dovecot.ts
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = numnum-yuki-${path.basename(dir)}
protocols = imap
listen = 127.0.0.1
default_internal_user = ${who.internal}
default_internal_group = ${who.internal === 'dovecot' ? 'dovecot' : os.userInfo().username}
default_login_user = ${who.login}
first_valid_uid = ${who.mailUid}
last_valid_uid = ${who.mailUid}
first_valid_gid = 0
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
mail_plugins =
imap_capability = ${withoutIdle ? 'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ NAMESPACE UIDPLUS MOVE SPECIAL-USE' : '+IDLE'}
imap_idle_notify_interval = 10 secs
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${who.mailUid} gid=${who.mailGid} home=${dir}/home/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Processed {
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
  chroot =
}
service anvil {
  chroot =
}
`;
}

async function waitForGreeting(port: number, child: ChildProcess, timeoutMs: number, logOf: () => string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`dovecot exited (${child.exitCode ?? child.signalCode}) before it listened:\n${logOf()}`);
		}
		const greeted = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			const done = (ok: boolean) => {
				socket.destroy();
				resolve(ok);
			};
			socket.setTimeout(1_000, () => done(false));
			socket.once('data', (data) => done(data.toString().startsWith('* OK')));
			socket.once('error', () => done(false));
		});
		if (greeted) return;
		if (Date.now() > deadline) throw new Error(`dovecot did not greet on port ${port} within ${timeoutMs} ms:\n${logOf()}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of running) if (child.pid) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
});

export async function startDovecot(options: StartDovecotOptions = {}): Promise<DovecotServer> {
	if (!fs.existsSync(DOVECOT_BINARY)) {
		throw new Error(`${DOVECOT_BINARY} not found: apt-get install dovecot-imapd (the tests start it themselves)`);
	}
	const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'numnum-yuki-dovecot-'));
	const users = options.users ?? [DEFAULT_IMAP_USER];
	const port = options.port || (await freePort());
	const tlsPort = options.tlsPort || (await freePort());
	const who = processUsers();
	for (const sub of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
	const cert = await generate([{ name: 'commonName', value: 'localhost' }], {
		keySize: 2048,
		algorithm: 'sha256',
		days: 30,
		extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
	} as Parameters<typeof generate>[1]);
	fs.writeFileSync(path.join(dir, 'cert.pem'), cert.cert);
	fs.writeFileSync(path.join(dir, 'key.pem'), cert.private, { mode: 0o600 });
	fs.writeFileSync(path.join(dir, 'users'), users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''), { mode: 0o600 });
	const configFile = path.join(dir, 'dovecot.conf');
	fs.writeFileSync(configFile, configText(dir, port, tlsPort, options.withoutIdle ?? false));
	// Dovecot's auth and mail processes drop to the unprivileged user before they read the users
	// file or touch the mail: it must be able to enter the folder and own what it reads.
	fs.chmodSync(dir, 0o755);
	for (const file of ['users', 'mail', 'home']) fs.chownSync(path.join(dir, file), who.mailUid, who.mailGid);

	const logFile = path.join(dir, 'dovecot.log');
	const logTail = (lines = 40) => {
		try {
			return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	};
	let child: ChildProcess | undefined;

	const server: DovecotServer = {
		host: '127.0.0.1',
		port,
		tlsPort,
		users,
		dir,
		certPem: cert.cert,
		get running() {
			return child !== undefined && child.exitCode === null && child.signalCode === null;
		},
		async start() {
			if (server.running) return;
			// -F: stay in the foreground, so the server is our child and dies with its group.
			const started = spawn(DOVECOT_BINARY, ['-F', '-c', configFile], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
			let stderr = '';
			started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child = started;
			running.add(started);
			started.once('exit', () => running.delete(started));
			await waitForGreeting(port, started, 15_000, () => `${stderr}\n${logTail()}`);
		},
		async stop() {
			const current = child;
			if (!current || !server.running) return;
			const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
			process.kill(current.pid!, 'SIGTERM');
			const timer = setTimeout(() => {
				try {
					process.kill(-current.pid!, 'SIGKILL');
				} catch {
					// gone
				}
			}, 5_000);
			await exited;
			clearTimeout(timer);
			// imap processes serving open connections belong to the same group: end them too.
			try {
				process.kill(-current.pid!, 'SIGKILL');
			} catch {
				// gone
			}
			running.delete(current);
		},
		async destroy() {
			await server.stop();
			if (!options.dir && !process.env.DOVECOT_KEEP) fs.rmSync(dir, { recursive: true, force: true });
		},
		logTail,
	};
	await server.start();
	return server;
}

if (require.main === module) {
	void (async () => {
		const server = await startDovecot();
		const user = server.users[0];
		console.log(`Dovecot listening: imap://127.0.0.1:${server.port} (STARTTLS offered), imaps://127.0.0.1:${server.tlsPort} (self-signed)`);
		console.log(`user ${user.user}  password ${user.password}  folder ${server.dir}`);
		const stop = () => void server.destroy().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	})();
}
