// npx tsx bench/helpers/sendInProcess.ts [docs]
// MailSender alone (no n8n) against a loopback sink that greets at once: e-mails/s and where the
// sender's own CPU goes, for comparing changes to the sender. Not the benchmark (see send.bench.ts).
import { randomBytes } from 'crypto';
import { performance } from 'perf_hooks';

import { MailSender } from '../../core/mail';
import { startSmtpSink } from '../../test/helpers/smtp-sink';
import { greetWithoutPause } from './sendMeasure';

async function main(): Promise<void> {
	const docs = Number(process.argv[2] ?? 500);
	const sink = await startSmtpSink({ keep: 'count' });
	greetWithoutPause(sink.port);
	const ubl = Buffer.from(`<?xml version="1.0"?><Invoice>${randomBytes(37_000).toString('base64')}</Invoice>`);
	const sender = new MailSender({ host: sink.host, port: sink.port, secure: false, startTls: 'never' }, { maxAttempts: 1 });
	try {
		for (const [label, count] of [
			['warm-up', 50],
			['measured', docs],
		] as const) {
			const cpu = process.cpuUsage();
			const started = performance.now();
			for (let n = 0; n < count; n++) {
				const outcome = await sender.send(
					{
						messageId: `<${label}-${n}@bench>`,
						from: { name: 'Bakkerij De Zon BV', address: 'facturen@dezon.be' },
						to: ['bench@yukiworks.be'],
						subject: `Factuur 2026-${n}`,
						text: 'In bijlage de factuur als UBL.',
						ubl: { fileName: `Factuur_${n}.xml`, content: ubl, contentType: 'application/xml' },
					},
					['bench@yukiworks.be'],
				);
				if (outcome.status !== 'sent') throw new Error(JSON.stringify(outcome));
			}
			const seconds = (performance.now() - started) / 1000;
			const used = process.cpuUsage(cpu);
			console.log(`${label}: ${count} e-mails of ${(ubl.length / 1024).toFixed(0)} KB: ${(count / seconds).toFixed(0)}/s, this process's CPU ${(((used.user + used.system) / 1000 / count)).toFixed(2)} ms per e-mail (sink included)`);
		}
	} finally {
		sender.close();
		await sink.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
