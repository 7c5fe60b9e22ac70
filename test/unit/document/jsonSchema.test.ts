// The published JSON Schema is generated from the zod schema; it must not drift and must accept
// the contract's examples (and reject what the contract forbids structurally).
import Ajv from 'ajv';
import { readFileSync } from 'fs';
import { isIsoDate } from '../../../core/document';
import { renderJsonSchema, schemaPath } from '../../../scripts/generate-json-schema';
import { example, exampleNames } from './sharedExamples';

const committed = readFileSync(schemaPath, 'utf8');

function validator() {
	// ajv-formats is not a dependency: the three formats the schema uses, by hand.
	const ajv = new Ajv({ allErrors: true, strict: false });
	ajv.addFormat('date', isIsoDate);
	ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i);
	ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
	return ajv.compile(JSON.parse(committed));
}

describe('numnum-document.schema.json', () => {
	it('is what scripts/generate-json-schema.ts produces now (regenerate with npx tsx scripts/generate-json-schema.ts)', () => {
		expect(committed).toBe(renderJsonSchema());
	});

	const validate = validator();

	it.each(exampleNames())('accepts the shared example %s', (name) => {
		const valid = validate(example(name));
		expect(validate.errors ?? []).toEqual([]);
		expect(valid).toBe(true);
	});

	it('allows unknown extra fields', () => {
		expect(validate({ ...example('invoice.json'), numnumInternal: { x: 1 } })).toBe(true);
	});

	it.each([
		['a missing number', (doc: any) => delete doc.number],
		['an unknown type', (doc: any) => (doc.type = 'bill')],
		['an impossible date', (doc: any) => (doc.issueDate = '2026-02-30')],
		['no lines', (doc: any) => (doc.lines = [])],
		['a negative unit price', (doc: any) => (doc.lines[0].unitPrice = -1)],
		['a non-decimal quantity', (doc: any) => (doc.lines[0].quantity = '1,5')],
		['an unknown VAT category', (doc: any) => (doc.lines[0].vat.category = 'X')],
		['an unknown currency', (doc: any) => (doc.currency = 'EURO')],
		['an unknown country', (doc: any) => (doc.seller.address.countryCode = 'UK')],
		['an id of 101 characters', (doc: any) => (doc.id = 'x'.repeat(101))],
		['an issue date in year 0000', (doc: any) => (doc.issueDate = '0000-01-01')],
		['a unit price of 1e16', (doc: any) => (doc.lines[0].unitPrice = 1e16)],
		['a quantity written with 16 integer digits', (doc: any) => (doc.lines[0].quantity = '1000000000000000')],
		['a quantity with 21 decimals', (doc: any) => (doc.lines[0].quantity = '0.000000000000000000001')],
		['a NUL in the note', (doc: any) => (doc.note = 'a\u0000b')],
	])('rejects %s', (_label, corrupt) => {
		const doc = example('invoice.json');
		corrupt(doc);
		expect(validate(doc)).toBe(false);
	});
});
