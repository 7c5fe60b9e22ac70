// npm run bench -- ubl
// The same ten-line Belgian invoices built as Peppol BIS 3.0 UBL by this package (parse + money + XML,
// from the JSON contract) and by @e-invoice-eu/core (from its own input format, mapped beforehand
// from the same documents, totals handed over ready-made). One process, one core, sequential.
// Also: a 500-line invoice and a 2 MB embedded PDF, and one ubl-validate run over both builders'
// output so the comparison is between equally valid documents.
import { InvoiceService } from '@e-invoice-eu/core';
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import { buildUbl, computeTotals, parseDocument } from '..';
import { belgianInvoice, pdfOfSize } from './helpers/belgianInvoices';
import { toEInvoiceEuInput } from './helpers/eInvoiceEuInput';

const OURS_WARMUP = 1_000;
const OURS_DOCS = 10_000;
const PEER_WARMUP = 5;
const PEER_DOCS = 200;
const DISTINCT_DOCS = 1_000;
// Few, long slices: each starts after a full GC, whose cost (a heap to grow back) must stay small beside the slice.
const ROUNDS = 5;

const peer = new InvoiceService({ log() {}, warn() {}, error: (message) => console.error(message) });
const peerOptions = (extra: object = {}) => ({ format: 'UBL', lang: 'nl', noWarnings: true, ...extra });

const ours = (raw: unknown, pdf?: { filename: string; content: Buffer }) =>
	buildUbl(parseDocument(raw), { profile: 'peppol', pdf }).xml;

function peerInput(raw: unknown) {
	const document = parseDocument(raw);
	return toEInvoiceEuInput(document, computeTotals(document));
}

async function peerXml(input: ReturnType<typeof peerInput>, extra: object = {}): Promise<string> {
	const out = await peer.generate(input, peerOptions(extra));
	return typeof out === 'string' ? out : Buffer.from(out).toString('utf8');
}

/** Runs `fn` `count` times over `inputs` and returns the seconds it took. */
function timeSync<T>(inputs: T[], count: number, fn: (input: T) => unknown): number {
	const start = performance.now();
	for (let i = 0; i < count; i++) fn(inputs[i % inputs.length]);
	return (performance.now() - start) / 1000;
}

async function timeAsync<T>(inputs: T[], count: number, fn: (input: T) => Promise<unknown>): Promise<number> {
	const start = performance.now();
	for (let i = 0; i < count; i++) await fn(inputs[i % inputs.length]);
	return (performance.now() - start) / 1000;
}

/**
 * A full garbage collection, run between the timed slices: the peer leaves megabytes of compiled-schema
 * garbage behind every call, and without this its collection would land in whichever slice runs next,
 * often ours. Each side still pays, inside its own slice, for the garbage it makes there.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const rate = (count: number, seconds: number) => count / seconds;
const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 2)} MB`;

async function main(): Promise<void> {
	const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
	console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, one thread; load average ${load()}`);
	const raws = Array.from({ length: DISTINCT_DOCS }, (_, n) => belgianInvoice(n));

	// --- the main figure: ten-line invoices. The two builders take turns in ROUNDS slices, so a
	// change in machine load during the run weighs on both sides alike and the ratio stays fair.
	const peerInputs = raws.slice(0, PEER_DOCS).map(peerInput);
	timeSync(raws, OURS_WARMUP, (raw) => ours(raw));
	await timeAsync(peerInputs, PEER_WARMUP, (input) => peerXml(input));
	let oursSeconds = 0;
	let peerSeconds = 0;
	for (let round = 0; round < ROUNDS; round++) {
		const oursSlice = raws.slice(((round * OURS_DOCS) / ROUNDS) % DISTINCT_DOCS).concat(raws);
		collectGarbage();
		oursSeconds += timeSync(oursSlice, OURS_DOCS / ROUNDS, (raw) => ours(raw));
		const peerSlice = peerInputs.slice((round * PEER_DOCS) / ROUNDS);
		collectGarbage();
		peerSeconds += await timeAsync(peerSlice, PEER_DOCS / ROUNDS, (input) => peerXml(input));
	}
	const oursRate = rate(OURS_DOCS, oursSeconds);
	const peerRate = rate(PEER_DOCS, peerSeconds);

	console.log('\nten-line Belgian invoices, Peppol BIS Billing 3.0 UBL');
	console.log(`  n8n-nodes-numnum-yuki  ${fmt(oursRate).padStart(10)} docs/s  (${OURS_DOCS} docs after ${OURS_WARMUP} warm-up; parse + money + XML)`);
	console.log(`  @e-invoice-eu/core     ${fmt(peerRate).padStart(10)} docs/s  (${PEER_DOCS} docs after ${PEER_WARMUP} warm-up; XML from mapped input)`);
	console.log(`  ratio ours ÷ peer      ${fmt(oursRate / peerRate).padStart(10)} ×  (interleaved in ${ROUNDS} rounds, full GC before each slice)`);

	// --- a 500-line invoice
	const big = belgianInvoice(0, 500);
	const bigPeer = peerInput(big);
	for (let i = 0; i < 5; i++) ours(big);
	const bigOursRuns = 50;
	collectGarbage();
	const bigOurs = timeSync([big], bigOursRuns, (raw) => ours(raw));
	await peerXml(bigPeer);
	const bigPeerRuns = 5;
	collectGarbage();
	const bigPeerSeconds = await timeAsync([bigPeer], bigPeerRuns, (input) => peerXml(input));
	console.log('\n500-line invoice');
	console.log(`  ours  ${fmt((bigOurs / bigOursRuns) * 1000, 2).padStart(9)} ms each  (${fmt(bigOursRuns / bigOurs)} docs/s)`);
	console.log(`  peer  ${fmt((bigPeerSeconds / bigPeerRuns) * 1000, 2).padStart(9)} ms each  (${fmt(bigPeerRuns / bigPeerSeconds)} docs/s)`);
	console.log(`  ratio ${fmt(bigPeerSeconds / bigPeerRuns / (bigOurs / bigOursRuns)).padStart(9)} ×`);

	// --- a 2 MB PDF embedded
	const pdf = pdfOfSize(2 * 1024 * 1024);
	const withPdf = belgianInvoice(1);
	const ourPdf = { filename: 'invoice-2026-00002.pdf', content: pdf };
	const peerPdf = { pdf: { buffer: pdf, filename: 'invoice-2026-00002.pdf', mimetype: 'application/pdf' }, embedPDF: true };
	const pdfInput = peerInput(withPdf);
	for (let i = 0; i < 3; i++) ours(withPdf, ourPdf);
	const pdfOursRuns = 30;
	collectGarbage();
	const pdfOurs = timeSync([withPdf], pdfOursRuns, (raw) => ours(raw, ourPdf));
	await peerXml(pdfInput, peerPdf);
	const pdfPeerRuns = 5;
	collectGarbage();
	const pdfPeerSeconds = await timeAsync([pdfInput], pdfPeerRuns, (input) => peerXml(input, peerPdf));
	const ourPdfXml = ours(withPdf, ourPdf);
	console.log(`\nten-line invoice with a 2 MB PDF embedded (UBL ${mb(Buffer.byteLength(ourPdfXml))})`);
	console.log(`  ours  ${fmt((pdfOurs / pdfOursRuns) * 1000, 2).padStart(9)} ms each  (${fmt(pdfOursRuns / pdfOurs)} docs/s)`);
	console.log(`  peer  ${fmt((pdfPeerSeconds / pdfPeerRuns) * 1000, 2).padStart(9)} ms each  (${fmt(pdfPeerRuns / pdfPeerSeconds)} docs/s)`);
	console.log(`  ratio ${fmt(pdfPeerSeconds / pdfPeerRuns / (pdfOurs / pdfOursRuns)).padStart(9)} ×`);

	// --- honesty check: both builders' output through the official rules, one call
	const dir = mkdtempSync(path.join(tmpdir(), 'ubl-bench-'));
	try {
		writeFileSync(path.join(dir, 'ours-10-lines.xml'), ours(raws[0]));
		writeFileSync(path.join(dir, 'peer-10-lines.xml'), await peerXml(peerInputs[0]));
		writeFileSync(path.join(dir, 'ours-500-lines.xml'), ours(big));
		writeFileSync(path.join(dir, 'peer-500-lines.xml'), await peerXml(bigPeer));
		const validator = path.resolve(__dirname, '..', '..', 'shared', 'tools', 'ubl-validate');
		const result = spawnSync(validator, [dir], { encoding: 'utf8' });
		console.log(`\nload average at the end: ${load()}`);
		console.log(`\nubl-validate (XSD + EN 16931 + Peppol schematrons), exit ${result.status ?? result.signal}:`);
		console.log(
			(result.stdout || result.stderr)
				.trim()
				.split('\n')
				.map((line) => `  ${line.replace(dir + '/', '')}`)
				.join('\n'),
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
