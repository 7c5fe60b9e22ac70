// npm run bench -- read
// Ten-line Belgian invoices (Peppol BIS 3.0 UBL written by Build UBL, with a one-page PDF embedded) read
// back: by readUbl (XML → NumNum document JSON, checked by parseDocument, totals verified, PDF decoded,
// notCarried listed) and, in the same run, by @pixeldrive/peppol-toolkit's peppolUBLToInvoice (UBL → its
// Invoice object) and, as a floor, xmlbuilder2's plain convert (UBL → a generic JS object, no mapping at
// all). One process, one core, sequential; the readers take turns in rounds so a change in machine load
// weighs on all alike.
import { cpus, loadavg } from 'os';
import { performance } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import { PeppolToolkit } from '@pixeldrive/peppol-toolkit';
import { convert } from 'xmlbuilder2';

import { buildUbl, parseDocument, readUbl } from '..';
import { tinyPdf } from '../test/fixtures/corpus/tinyPdf';
import { belgianInvoice } from './helpers/belgianInvoices';

const DISTINCT_DOCS = 500;
const WARMUP = 500;
const ROUNDS = 5;
/** Documents per round per reader: about a second each for ours. */
const PER_ROUND = { ours: 4_000, toolkit: 1_000, xmlbuilder2: 1_000 };

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function time(inputs: string[], count: number, fn: (xml: string) => unknown): number {
	const start = performance.now();
	for (let i = 0; i < count; i++) fn(inputs[i % inputs.length]);
	return (performance.now() - start) / 1000;
}

function main(): void {
	const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
	console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, one thread; load average ${load()}`);
	const pdf = { filename: 'invoice.pdf', content: tinyPdf('NumNum bench') };
	const xmls = Array.from({ length: DISTINCT_DOCS }, (_, n) => buildUbl(parseDocument(belgianInvoice(n)), { profile: 'peppol', pdf }).xml);
	const toolkit = new PeppolToolkit();
	const readers: Record<keyof typeof PER_ROUND, (xml: string) => unknown> = {
		ours: (xml) => readUbl(xml),
		toolkit: (xml) => toolkit.peppolUBLToInvoice(xml),
		xmlbuilder2: (xml) => convert(xml, { format: 'object' }),
	};

	// Every reader must understand the documents it is timed on.
	const sample = readUbl(xmls[0]);
	const peerSample = toolkit.peppolUBLToInvoice(xmls[0]) as unknown as { ID?: string; invoiceLines?: unknown[] };
	if (sample.document.lines.length !== 10 || sample.notCarried.length !== 0 || !sample.pdf) throw new Error('readUbl misread the bench document');
	if (peerSample.ID !== sample.document.number) throw new Error(`the toolkit misread the bench document: ${JSON.stringify(peerSample).slice(0, 200)}`);

	for (const fn of Object.values(readers)) time(xmls, WARMUP, fn);
	const seconds = { ours: 0, toolkit: 0, xmlbuilder2: 0 };
	for (let round = 0; round < ROUNDS; round++) {
		for (const name of Object.keys(readers) as (keyof typeof PER_ROUND)[]) {
			const slice = xmls.slice((round * 97) % DISTINCT_DOCS).concat(xmls);
			collectGarbage();
			seconds[name] += time(slice, PER_ROUND[name], readers[name]);
		}
	}
	const rate = (name: keyof typeof PER_ROUND) => (PER_ROUND[name] * ROUNDS) / seconds[name];
	const size = Buffer.byteLength(xmls[0]);
	console.log(`\nten-line Belgian invoices, Peppol BIS 3.0 UBL with a PDF embedded (${fmt(size / 1024)} KiB each), read`);
	console.log(`  readUbl (n8n-nodes-numnum-yuki)   ${fmt(rate('ours')).padStart(10)} docs/s  (${PER_ROUND.ours * ROUNDS} docs; XML → checked document, totals, PDF, notCarried)`);
	console.log(`  @pixeldrive/peppol-toolkit 0.6.0  ${fmt(rate('toolkit')).padStart(10)} docs/s  (${PER_ROUND.toolkit * ROUNDS} docs; peppolUBLToInvoice)`);
	console.log(`  xmlbuilder2 4.0.3 convert         ${fmt(rate('xmlbuilder2')).padStart(10)} docs/s  (${PER_ROUND.xmlbuilder2 * ROUNDS} docs; generic object, no mapping)`);
	console.log(`  ratio ours ÷ peppol-toolkit       ${fmt(rate('ours') / rate('toolkit')).padStart(10)} ×`);
	console.log(`  ratio ours ÷ xmlbuilder2 convert  ${fmt(rate('ours') / rate('xmlbuilder2')).padStart(10)} ×  (interleaved in ${ROUNDS} rounds, full GC before each slice)`);
	console.log(`\nload average at the end: ${load()}`);
}

main();
