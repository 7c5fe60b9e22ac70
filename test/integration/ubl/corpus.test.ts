// The corpus (test/fixtures/corpus + the contract's own examples) built as UBL and checked by the
// official rules, one ubl-validate run per rule set: UBL 2.1 XSD, EN 16931 1.3.16 and, for Peppol
// documents, Peppol BIS 3.0.21 (in force) and 3.0.22 (next, mandatory from 2027-02-24).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { DocumentError, parseDocument } from '../../../core/document';
import { buildUbl, UblBuildError, type UblBuildResult, type UblProfileOption } from '../../../core/ubl';
import { tinyPdf } from '../../fixtures/corpus/tinyPdf';
import {
	countsByRules,
	describeFailures,
	listWarnings,
	repoRoot,
	sharedDir,
	validateUblDir,
	type UblValidation,
} from '../../helpers/ubl-validate';

jest.setTimeout(300_000);

const corpusDir = path.join(repoRoot, 'test', 'fixtures', 'corpus');
const examplesDir = path.join(sharedDir, 'spec', 'examples');

interface CorpusDocument {
	name: string;
	raw: unknown;
}

const readJsonDir = (dir: string, prefix = ''): CorpusDocument[] =>
	readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ name: `${prefix}${file.replace(/\.json$/, '')}`, raw: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) }));

const documents: CorpusDocument[] = [...readJsonDir(examplesDir, 'example-'), ...readJsonDir(corpusDir)];

/**
 * Every warning the writer may give on this corpus, and why it is right to give it rather than fail.
 * A warning not matched here fails the test.
 */
const EXPLAINED_WARNINGS: Array<{ pattern: RegExp; why: string }> = [
	{
		pattern: /^proforma: written as an EN 16931 invoice with type code 325 .*PEPPOL-EN16931-P0100/,
		why: 'Peppol forbids type code 325, so a proforma is a plain EN 16931 invoice; the user must know it is not Peppol.',
	},
	{
		pattern: /^written as plain EN 16931, not Peppol BIS Billing 3\.0, because of Peppol-only rules: (buyer\.endpoint: .*PEPPOL-EN16931-R010\)|seller\.address\.street: .*NL-R-002|invoiceReference: .*NL-R-001)/,
		why: 'Some documents miss a rule only Peppol has (a buyer outside Europe has no Peppol address; a Dutch supplier without street, or a Dutch credit note without invoice reference); Auto writes a valid EN 16931 invoice instead of refusing, and says why.',
	},
	{
		pattern: /^intra-community supply \(K\) without delivery date or invoice period: the issue date is written/,
		why: 'BR-IC-11 needs a delivery date or period; goods are normally delivered when invoiced, and the user is told.',
	},
	{
		pattern: /^intra-community supply \(K\) without delivery country: the buyer's country .. is written/,
		why: "BR-IC-12 needs the deliver-to country; by default goods go to the buyer's country, and the user is told.",
	},
	{
		pattern: /^category O \(not subject to VAT\): the VAT numbers of seller and buyer are left out/,
		why: 'BR-O-02 forbids VAT identifiers on a document not subject to VAT; the enterprise number still identifies the seller.',
	},
	{
		pattern: /^no buyerReference or orderReference: the document number .* is written as the buyer reference/,
		why: 'Peppol R003 needs a buyer or order reference; many small invoices have neither, the document number is what the buyer knows.',
	},
];

/** Warnings that particular documents must give (proves the list above is not just tolerated but exercised). */
const REQUIRED_WARNINGS: Record<string, RegExp[]> = {
	'example-proforma': [EXPLAINED_WARNINGS[0].pattern],
	'proforma-basic': [EXPLAINED_WARNINGS[0].pattern],
	'vat-G-export-usa-no-endpoint': [EXPLAINED_WARNINGS[1].pattern],
	'expense-nl-supplier-incomplete-address': [EXPLAINED_WARNINGS[1].pattern],
	'credit-note-nl-supplier-without-invoice-reference': [EXPLAINED_WARNINGS[1].pattern],
	'vat-K-intra-community-fr-defaults': [EXPLAINED_WARNINGS[2].pattern, EXPLAINED_WARNINGS[3].pattern],
	'vat-O-not-subject': [EXPLAINED_WARNINGS[4].pattern],
	'references-none-default-buyer-reference': [EXPLAINED_WARNINGS[5].pattern],
};

/** Schematron warnings (flag="warning") allowed in the output, with why. None under 3.0.21 or 3.0.22 today. */
const EXPLAINED_VALIDATOR_WARNINGS: Record<string, string> = {};

/** Documents an explicit Peppol request must refuse, and the field the refusal names. */
const PEPPOL_REFUSALS: Record<string, string> = {
	'example-proforma': 'type',
	'proforma-basic': 'type',
	'proforma-discount-charge': 'type',
	'foreign-buyer-us-usd': 'buyer.endpoint',
	'vat-G-export-usa-no-endpoint': 'buyer.endpoint',
	'expense-nl-supplier-incomplete-address': 'seller.address.street',
	'credit-note-nl-supplier-without-invoice-reference': 'invoiceReference',
};

interface Built {
	name: string;
	file: string;
	result: UblBuildResult;
}

let outDir: string;
const built: Built[] = [];
const peppolRefusals = new Map<string, unknown>();
let validation: UblValidation;

function write(name: string, result: UblBuildResult): void {
	const file = `${name}.xml`;
	writeFileSync(path.join(outDir, file), result.xml);
	built.push({ name, file, result });
}

beforeAll(() => {
	outDir = mkdtempSync(path.join(tmpdir(), 'ubl-corpus-'));
	for (const { name, raw } of documents) {
		const document = parseDocument(raw);
		const auto = buildUbl(document);
		write(`${name}--auto`, auto);
		write(`${name}--en16931`, buildUbl(document, { profile: 'en16931' }));
		try {
			const peppol = buildUbl(document, { profile: 'peppol' });
			// Same choice as Auto for everything Peppol can carry: no second file needed.
			expect(peppol.xml).toBe(auto.xml);
		} catch (error) {
			peppolRefusals.set(name, error);
		}
	}
	// The PDF as an n8n binary would hand it over (a Buffer), overriding the document's own.
	const invoice = parseDocument(JSON.parse(readFileSync(path.join(examplesDir, 'invoice.json'), 'utf8')));
	write('example-invoice--binary-pdf', buildUbl(invoice, { pdf: { filename: 'scan.pdf', content: tinyPdf('Binary PDF'), mimeType: 'application/pdf' } }));
	validation = validateUblDir(outDir);
});

afterAll(() => {
	if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test('the corpus has at least 40 documents, incl. the five contract examples', () => {
	expect(documents.length).toBeGreaterThanOrEqual(40);
	expect(documents.filter((d) => d.name.startsWith('example-')).map((d) => d.name)).toEqual([
		'example-credit-note',
		'example-expense',
		'example-intra-community',
		'example-invoice',
		'example-proforma',
	]);
});

test('the corpus covers every document type and every VAT category', () => {
	const types = new Set(documents.map((d) => (d.raw as { type: string }).type));
	expect([...types].sort()).toEqual(['credit_note', 'expense', 'invoice', 'proforma']);
	const categories = new Set(
		documents.flatMap((d) => (d.raw as { lines: Array<{ vat: { category: string } }> }).lines.map((line) => line.vat.category)),
	);
	expect([...categories].sort()).toEqual(['AE', 'E', 'G', 'K', 'L', 'M', 'O', 'S', 'Z']);
});

test('ubl-validate ran on every file we wrote', () => {
	expect(validation.files).toHaveLength(built.length);
	for (const { file } of built) expect(validation.byName.has(file)).toBe(true);
});

test('ubl-validate checked every file under both rule sets, the rules in force (3.0.21) and the next (3.0.22)', () => {
	for (const result of validation.files) {
		expect([path.basename(result.file), Object.keys(result.byRules)]).toEqual([path.basename(result.file), ['current', 'next']]);
	}
	// On failure, the totals per rule set say at a glance which release rejects what.
	expect(countsByRules(validation)).toEqual({
		current: { files: built.length, fatal: 0, warnings: 0 },
		next: { files: built.length, fatal: 0, warnings: 0 },
	});
});

test('every UBL passes the XSD and every EN 16931 / Peppol rule of both rule sets: 0 fatal', () => {
	const failures = describeFailures(validation);
	if (failures.length > 0) console.error(`UBL validation failures:\n${failures.join('\n')}`);
	expect(failures).toEqual([]);
	for (const result of validation.files) {
		expect({ file: path.basename(result.file), xsdValid: result.xsdValid, byRules: result.byRules }).toEqual({
			file: path.basename(result.file),
			xsdValid: true,
			byRules: {
				current: { fatal: 0, warnings: 0, rulesRan: true },
				next: { fatal: 0, warnings: 0, rulesRan: true },
			},
		});
	}
});

test('Peppol rules ran on the Peppol documents and only there', () => {
	for (const { file, result } of built) {
		expect(validation.byName.get(file)!.profile).toBe(result.profile);
	}
	expect(built.filter((b) => b.result.profile === 'peppol').length).toBeGreaterThan(40);
});

test('the validators give no warning that is not explained', () => {
	const unexplained = listWarnings(validation).filter((w) => !(w.rule in EXPLAINED_VALIDATOR_WARNINGS));
	expect(unexplained).toEqual([]);
});

test("every writer warning is one of the explained ones, and the documents that must warn do", () => {
	const unexplained = built.flatMap(({ name, result }) =>
		result.warnings.filter((w) => !EXPLAINED_WARNINGS.some(({ pattern }) => pattern.test(w))).map((w) => `${name}: ${w}`),
	);
	expect(unexplained).toEqual([]);
	for (const [name, patterns] of Object.entries(REQUIRED_WARNINGS)) {
		const auto = built.find((b) => b.name === `${name}--auto`)!;
		for (const pattern of patterns) expect(auto.result.warnings.some((w) => pattern.test(w))).toBe(true);
	}
});

test('an explicit Peppol request refuses exactly the documents Peppol cannot carry, naming the field', () => {
	expect([...peppolRefusals.keys()].sort()).toEqual(Object.keys(PEPPOL_REFUSALS).sort());
	for (const [name, error] of peppolRefusals) {
		expect(error).toBeInstanceOf(UblBuildError);
		expect(error).toBeInstanceOf(DocumentError);
		expect((error as UblBuildError).issues.map((issue) => issue.path)).toContain(PEPPOL_REFUSALS[name]);
	}
});

test('types, kinds, type codes and profiles follow the document type', () => {
	const expected: Record<string, [string, string, string]> = {
		invoice: ['Invoice', '380', 'peppol'],
		expense: ['Invoice', '380', 'peppol'],
		credit_note: ['CreditNote', '381', 'peppol'],
		proforma: ['Invoice', '325', 'en16931'],
	};
	for (const { name, raw } of documents) {
		const { result } = built.find((b) => b.name === `${name}--auto`)!;
		const [kind, code, profile] = expected[(raw as { type: string }).type];
		expect([name, result.documentKind, result.typeCode]).toEqual([name, kind, code]);
		if (!(name in PEPPOL_REFUSALS) || profile === 'en16931') expect([name, result.profile]).toEqual([name, profile]);
		expect(result.xml).toContain(`<cbc:${kind === 'Invoice' ? 'InvoiceTypeCode' : 'CreditNoteTypeCode'}>${code}<`);
	}
});

test('XML and PDF share one base name derived from type and number', () => {
	const byName = (name: string) => built.find((b) => b.name === `${name}--auto`)!.result;
	expect(byName('example-invoice')).toMatchObject({ fileName: 'invoice-2026-0042.xml', pdfFileName: 'invoice-2026-0042.pdf' });
	expect(byName('example-credit-note')).toMatchObject({ fileName: 'credit-note-CN-2026-0007.xml', pdfFileName: 'credit-note-CN-2026-0007.pdf' });
	expect(byName('example-proforma').fileName).toBe('proforma-PF-2026-0003.xml');
	expect(byName('example-expense').fileName).toBe('expense-F26-11877.xml');
	for (const { result } of built) {
		expect(result.fileName.replace(/\.xml$/, '.pdf')).toBe(result.pdfFileName);
		expect(result.fileName).toMatch(/^[A-Za-z0-9._-]+\.xml$/);
	}
});

test('the embedded PDF is the given PDF, named like the UBL', () => {
	for (const name of ['embedded-pdf--auto', 'example-invoice--binary-pdf']) {
		const { result } = built.find((b) => b.name === name)!;
		const match = /<cbc:EmbeddedDocumentBinaryObject mimeCode="application\/pdf" filename="([^"]+)">([^<]+)</.exec(result.xml);
		expect(match).not.toBeNull();
		expect(match![1]).toBe(result.pdfFileName);
		expect(result.xml).toContain(`<cbc:ID>${result.pdfFileName.replace(/\.pdf$/, '')}</cbc:ID>`);
		const pdf = Buffer.from(match![2], 'base64');
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(result.pdfEmbedded).toBe(true);
	}
	const raw = documents.find((d) => d.name === 'embedded-pdf')!.raw as { pdf: { contentBase64: string } };
	expect(built.find((b) => b.name === 'embedded-pdf--auto')!.result.xml).toContain(raw.pdf.contentBase64);
});

describe('refusals', () => {
	const example = (file: string) => JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8'));

	test.each<UblProfileOption>(['auto', 'peppol', 'en16931'])('a quote is never exported (profile %s)', (profile) => {
		const quote = { ...example('invoice.json'), type: 'quote', number: 'Q-2026-0001' };
		const build = () => buildUbl(parseDocument(quote), { profile });
		expect(build).toThrow(UblBuildError);
		try {
			build();
		} catch (error) {
			expect((error as UblBuildError).issues).toEqual([{ path: 'type', message: expect.stringMatching(/^quotes are never exported/) }]);
		}
	});

	test('a proforma under a forced Peppol profile is refused, naming type and P0100', () => {
		try {
			buildUbl(parseDocument(example('proforma.json')), { profile: 'peppol' });
			throw new Error('expected a refusal');
		} catch (error) {
			expect(error).toBeInstanceOf(UblBuildError);
			expect((error as UblBuildError).issues).toEqual([{ path: 'type', message: expect.stringContaining('PEPPOL-EN16931-P0100') }]);
		}
	});
});
