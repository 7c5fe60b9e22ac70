// One "worker" process of the queue bench: exports documents [from, to) of the bench set through
// exportBatch to the SMTP sink, with the shared claims in Redis (or none: the baseline), and prints
// {"sent":…, "seconds":…} on its last line. Run by bench/queue.bench.ts as its own Node process.
import { randomBytes } from 'crypto';
import { performance } from 'perf_hooks';

import { claimsLedger, closeRedisConnections, lazyRedisClaims } from '../../core/coordination';
import { exportBatch, type ExportSettings } from '../../core/export';
import { MailSender } from '../../core/mail';
import { example } from '../../test/integration/mail/fixtures';

const [from, to] = [Number(process.env.Q_FROM), Number(process.env.Q_TO)];
const claims = process.env.Q_REDIS_PORT
	? lazyRedisClaims(
			{ host: '127.0.0.1', port: Number(process.env.Q_REDIS_PORT), db: 0, tls: false, prefix: 'bull' },
			{ prefix: 'bull:numnum-yuki', scope: process.env.Q_SCOPE ?? 'bench' },
		)
	: undefined;
const settings: ExportSettings = { from: { address: 'invoices@mycompany.be' }, to: ['inbox@yukiworks.be'] };
const base = example('invoice');
const ublBytes = Number(process.env.Q_UBL_BYTES ?? 50_000);

async function main(): Promise<void> {
	const docs = Array.from({ length: to - from }, (_, i) => ({ ...base, id: `bench_${from + i}`, number: `2026-B${from + i}` }));
	const sender = new MailSender({ host: '127.0.0.1', port: Number(process.env.Q_SMTP_PORT), secure: false, startTls: 'never' });
	const started = performance.now();
	const outcome = await exportBatch(
		docs.map((raw) => ({ raw, settings })),
		{
			sender,
			log: {},
			...(claims ? { ledger: claimsLedger(claims) } : {}),
			// 50 KB of UBL per document, made here (not read from disk), distinct per document.
			loadFiles: async (i) => ({ ubl: { fileName: `${docs[i].number}.xml`, content: Buffer.from(`<Invoice id="${docs[i].id}">${randomBytes(ublBytes * 0.75).toString('base64')}</Invoice>`) } }),
		},
	);
	const seconds = (performance.now() - started) / 1000;
	sender.close();
	await claims?.close();
	await closeRedisConnections();
	const sent = outcome.results.filter((r) => r.status === 'sent').length;
	console.log(JSON.stringify({ sent, seconds, failed: outcome.results.filter((r) => r.status === 'failed').map((r) => r.reason).slice(0, 3) }));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
