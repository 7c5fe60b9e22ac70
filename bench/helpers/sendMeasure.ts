// Measuring tools of the send benchmark: the peak RSS of n8n's process tree (main process plus
// its task runners), a sink without smtp-server's 100 ms greeting pause, and the bare pooled
// nodemailer client the issue names as the ceiling.
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { connect as netConnect } from 'net';
import type { Socket } from 'net';
import { performance } from 'perf_hooks';

import { createTransport } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

import { RECIPIENT, SENDER } from './sendWorkflow';


function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0; // the process ended between listing and reading
	}
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
	const parentOf = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// Field 4 of /proc/<pid>/stat, after the parenthesised command name (which may hold spaces).
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parentOf.set(Number(entry), Number(fields[1]));
		} catch {
			// gone
		}
	}
	const tree = [root];
	for (let i = 0; i < tree.length; i++) {
		for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
	}
	return tree;
}

export interface RssPeak {
	/** Highest sum of VmRSS over the tree seen by polling (MB). */
	treeMb: number;
	/** The main n8n process's own high-water mark (VmHWM, reset before the run) (MB). */
	mainHwmMb: number;
	/** Tree RSS when sampling started (MB). */
	startMb: number;
}

/** Polls the tree's RSS every `intervalMs` until stop(); resets the main process's VmHWM first. */
export function sampleRss(mainPid: number, intervalMs = 50): { stop(): RssPeak } {
	let hwmReset = true;
	try {
		writeFileSync(`/proc/${mainPid}/clear_refs`, '5'); // "5": reset the peak RSS (Linux ≥ 4.0)
	} catch {
		hwmReset = false;
	}
	let pids = processTree(mainPid);
	const treeKb = () => pids.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0);
	const startKb = treeKb();
	let peakKb = startKb;
	let ticks = 0;
	const timer = setInterval(() => {
		if (++ticks % 20 === 0) pids = processTree(mainPid); // runners may come and go
		peakKb = Math.max(peakKb, treeKb());
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			peakKb = Math.max(peakKb, treeKb());
			return {
				treeMb: peakKb / 1024,
				mainHwmMb: hwmReset ? statusKb(mainPid, 'VmHWM') / 1024 : Number.NaN,
				startMb: startKb / 1024,
			};
		},
	};
}

let greetingPatched = false;
const noPausePorts = new Set<number>();

/**
 * smtp-server waits 100 ms before every greeting (early-talker detection), hard-coded in
 * SMTPConnection.init. For the "without the delay" figures this greets at once on the given
 * ports; every other server keeps the stock behaviour.
 */
export function greetWithoutPause(port: number): void {
	noPausePorts.add(port);
	if (greetingPatched) return;
	greetingPatched = true;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SMTPConnection } = require('smtp-server/lib/smtp-connection.js') as {
		SMTPConnection: { prototype: Record<string, unknown> };
	};
	const proto = SMTPConnection.prototype as {
		init: (this: SmtpConnectionInternals) => void;
	};
	const stockInit = proto.init;
	proto.init = function init(this: SmtpConnectionInternals) {
		if (!noPausePorts.has(this.localPort)) return stockInit.call(this);
		this._setListeners(() => {
			const max = this._server.options.maxClients;
			if (max && this._server.connections.size > max) {
				this.send(421, `${this.name} Too many connected clients, try again in a moment`, false);
				return;
			}
			this.connectionReady();
		});
	};
}

interface SmtpConnectionInternals {
	localPort: number;
	name: string;
	_server: { options: { maxClients?: number }; connections: Set<unknown> };
	_setListeners(callback: () => void): void;
	connectionReady(): void;
	send(code: number, message: string, close?: boolean): void;
}

/**
 * The ceiling: nodemailer on ONE pooled connection with Nagle off, messages sent one after the
 * other (as a node sends its items), each attachment read from disk when its message is built.
 */
export async function bareNodemailer(host: string, port: number, files: string[]): Promise<{ sent: number; seconds: number }> {
	const options = {
		pool: true,
		maxConnections: 1,
		maxMessages: Infinity,
		host,
		port,
		secure: false,
		ignoreTLS: true,
		getSocket: (options: { host?: string; port?: number }, callback: (error: Error | null, socket?: { connection: Socket }) => void) => {
			const socket = netConnect({ host: options.host ?? host, port: options.port ?? port, noDelay: true });
			socket.once('error', (error) => callback(error));
			socket.once('connect', () => callback(null, { connection: socket }));
		},
	};
	const transport = createTransport(options as unknown as SMTPPool.Options);
	const started = performance.now();
	let sent = 0;
	try {
		for (const [n, file] of files.entries()) {
			await transport.sendMail({
				from: `Bakkerij De Zon BV <${SENDER}>`,
				to: RECIPIENT,
				subject: `Factuur 2026-${String(n + 1).padStart(5, '0')} – Bakkerij De Zon BV`,
				text: 'In bijlage de factuur als UBL.',
				attachments: [{ filename: `Factuur_${n}.xml`, content: readFileSync(file), contentType: 'application/xml' }],
			});
			sent++;
		}
	} finally {
		transport.close();
	}
	return { sent, seconds: (performance.now() - started) / 1000 };
}

export const mb = (value: number) => `${Math.round(value)} MB`;
export const perSecond = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)}/s`;
