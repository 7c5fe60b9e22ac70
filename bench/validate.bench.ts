// npm run bench -- validate
// validateUbl (UBL 2.1 XSD with xmllint-wasm, EN 16931 + Peppol rules compiled to SaxonJS) beside
// the Java oracle ../shared/tools/ubl-validate (xmllint + Saxon-HE), on the same Peppol BIS 3.0
// invoices built by this package: ten lines and 500 lines.
//  - ours: sequential in one process; docs/s by wall clock and by CPU time (all threads: the XSD
//    runs in xmllint-wasm's worker thread), RSS added by loading and running the validator;
//  - first validation in a fresh process (node start, module load, rules load, one document);
//  - the oracle: one call over 200 files (a warm JVM), its time divided by the file count.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { buildUbl, parseDocument } from '..';
import { belgianInvoice } from './helpers/belgianInvoices';

const TEN_LINE_DOCS = 60;
const BIG_DOCS = 5;
const ORACLE_TEN = 200;
const ORACLE_BIG = 20;
const ubl = (n: number, lines: number) => buildUbl(parseDocument(belgianInvoice(n, lines)), { profile: 'peppol' }).xml;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function firstInFreshProcess(xml: string): { ms: number; valid: boolean } {
	const dir = mkdtempSync(path.join(tmpdir(), 'validate-first-'));
	const file = path.join(dir, 'doc.xml');
	writeFileSync(file, xml);
	const script = `const { validateUbl } = require(${JSON.stringify(path.resolve(__dirname, '..', 'dist'))});
validateUbl(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'), { rules: 'current' })
  .then((r) => console.log(JSON.stringify({ ms: process.uptime() * 1000, valid: r.valid })));`;
	const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
	rmSync(dir, { recursive: true, force: true });
	if (run.status !== 0) throw new Error(run.stderr);
	return JSON.parse(run.stdout) as { ms: number; valid: boolean };
}

function oraclePerDoc(xmls: string[]): number {
	const dir = mkdtempSync(path.join(tmpdir(), 'validate-oracle-'));
	xmls.forEach((xml, i) => writeFileSync(path.join(dir, `doc-${i}.xml`), xml));
	const start = performance.now();
	const run = spawnSync(path.resolve(__dirname, '..', '..', 'shared', 'tools', 'ubl-validate'), ['--json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
	const seconds = (performance.now() - start) / 1000;
	rmSync(dir, { recursive: true, force: true });
	if (run.status !== 0) throw new Error(`the oracle refused the bench documents (exit ${run.status}): ${run.stdout.slice(0, 400)}`);
	return seconds / xmls.length;
}

async function main(): Promise<void> {
	console.log(`node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
	const ten = Array.from({ length: 20 }, (_, i) => ubl(i + 1, 10));
	const big = [ubl(1, 500), ubl(2, 500)];

	const first = firstInFreshProcess(ten[0]);
	if (!first.valid) throw new Error('the bench document is not valid');

	global.gc?.();
	const rssBefore = process.memoryUsage().rss;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { validateUbl } = require('../dist/core/validate') as typeof import('../core/validate');
	for (const xml of ten.slice(0, 3)) await validateUbl(xml, { rules: 'current' }); // load the rules, warm up

	const measure = async (docs: string[], count: number) => {
		const cpu = process.cpuUsage();
		const start = performance.now();
		let peak = 0;
		for (let i = 0; i < count; i++) {
			const result = await validateUbl(docs[i % docs.length], { rules: 'current' });
			if (!result.valid) throw new Error(`bench document ${i} is not valid: ${JSON.stringify(result.findings[0])}`);
			peak = Math.max(peak, process.memoryUsage().rss);
		}
		const wall = (performance.now() - start) / 1000;
		const used = process.cpuUsage(cpu);
		return { perSecond: count / wall, perCpuSecond: count / ((used.user + used.system) / 1e6), msPerDoc: (wall * 1000) / count, peak };
	};
	const tenRun = await measure(ten, TEN_LINE_DOCS);
	const bigRun = await measure(big, BIG_DOCS);
	global.gc?.();
	const rssLoaded = process.memoryUsage().rss;

	const oracleTen = oraclePerDoc(Array.from({ length: ORACLE_TEN }, (_, i) => ten[i % ten.length]));
	const oracleBig = oraclePerDoc(Array.from({ length: ORACLE_BIG }, (_, i) => big[i % big.length]));

	const row = (name: string, ours: { perSecond: number; perCpuSecond: number; msPerDoc: number }, oracle: number) =>
		console.log(
			`${name}: ours ${ours.perSecond.toFixed(1)} docs/s wall, ${ours.perCpuSecond.toFixed(1)} per CPU-second (${ours.msPerDoc.toFixed(0)} ms each) | ` +
				`ubl-validate (warm JVM) ${(1 / oracle).toFixed(1)} docs/s (${(oracle * 1000).toFixed(0)} ms each) | ratio ours/oracle ${(ours.perSecond * oracle).toFixed(2)}×`,
		);
	row('ten-line invoice', tenRun, oracleTen);
	row('500-line invoice', bigRun, oracleBig);
	console.log(
		`memory: RSS ${mb(rssBefore)} MB before loading the validator, ${mb(rssLoaded)} MB after (${mb(rssLoaded - rssBefore)} MB extra), peak ${mb(Math.max(tenRun.peak, bigRun.peak))} MB`,
	);
	console.log(`first validation in a fresh process (node start + load + one ten-line document): ${first.ms.toFixed(0)} ms`);
	console.log('goals: >= 25 ten-line docs/s, <= 150 MB extra RSS, first validation < 2000 ms');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
