// The package's main entry, as a user outside n8n calls it.
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

import * as library from '../../../index';
import { DocumentError, buildUbl, computeTotals, loadDocumentJsonSchema, parseDocument, safeParseDocument } from '../../../index';

const examples = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'spec', 'examples');
const example = (name: string): Record<string, unknown> =>
	JSON.parse(readFileSync(path.join(examples, `${name}.json`), 'utf8'));

describe('library entry (package main)', () => {
	it('exports the documented API', () => {
		for (const name of ['parseDocument', 'safeParseDocument', 'DocumentError', 'buildUbl', 'computeTotals', 'loadDocumentJsonSchema']) {
			expect(typeof (library as Record<string, unknown>)[name]).toBe('function');
		}
		expect(library.PEPPOL_CUSTOMIZATION_ID).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
	});

	it('parses a document and builds its UBL', () => {
		const document = parseDocument(example('invoice'));
		const result = buildUbl(document, { profile: 'auto' });
		expect(result.fileName).toBe('invoice-2026-0042.xml');
		expect(result.profile).toBe('peppol');
		expect(result.totals.payable).toBe('546.08');
		expect(computeTotals(document).payable.toFixed(2)).toBe('546.08');
		expect(result.xml).toContain('<cbc:PayableAmount currencyID="EUR">546.08</cbc:PayableAmount>');
	});

	it('reports every problem with its path through DocumentError', () => {
		const bad = { ...example('invoice'), issueDate: '2026-13-01', currency: 'XXX1' };
		expect(() => parseDocument(bad)).toThrow(DocumentError);
		const result = safeParseDocument(bad);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['issueDate', 'currency']));
	});

	it('refuses a quote with issues naming the type', () => {
		const quote = parseDocument({ ...example('invoice'), type: 'quote', status: 'draft' });
		let thrown: unknown;
		try {
			buildUbl(quote);
		} catch (error) {
			thrown = error;
		}
		expect((thrown as DocumentError).issues).toEqual([expect.objectContaining({ path: 'type' })]);
	});

	it('publishes the JSON Schema of the contract', () => {
		expect(existsSync(library.documentJsonSchemaPath)).toBe(true);
		const published = loadDocumentJsonSchema() as {
			$ref: string;
			definitions: Record<string, { properties: Record<string, unknown>; required: string[] }>;
		};
		const schema = published.definitions[published.$ref.replace('#/definitions/', '')];
		expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'type', 'status', 'number', 'seller', 'buyer', 'lines', 'pdf']));
		expect(schema.required).toEqual(expect.arrayContaining(['id', 'type', 'lines']));
	});
});

describe('main entry: mail and signed events', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const library = require('../../../index');

	it('splits recipients the way NumNum does and checks eligibility', () => {
		expect(library.parseRecipients('inbox@yukiworks.be; own@company.be', 'To')).toEqual([
			'inbox@yukiworks.be',
			'own@company.be',
		]);
		expect(library.checkEligibility('quote', 'sent').eligible).toBe(false);
		expect(library.checkEligibility('invoice', 'sent').eligible).toBe(true);
	});

	it('signs a body that verifySignature accepts, and rejects it once tampered', () => {
		const body = Buffer.from('{"id":"evt_1"}');
		const now = 1_800_000_000;
		const header = library.sign('s3cret', body, now);
		expect(library.verifySignature(body, header, ['s3cret'], { now }).ok).toBe(true);
		expect(library.verifySignature(Buffer.from('{"id":"evt_2"}'), header, ['s3cret'], { now }).ok).toBe(false);
	});
});
