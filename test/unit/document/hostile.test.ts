// Hostile and careless input (issue 9): each case here failed before its fix.
import { computeTotals } from '../../../core/money';
import { parseDocument } from '../../../core/document';
import { example } from './sharedExamples';

const invoice = () => example('invoice.json');
const payable = (doc: unknown) => computeTotals(parseDocument(doc)).payable.toFixed(2);

describe('prototype keys never change the model (issue 9.1)', () => {
	const POISON = { discount: { percent: 50 }, vat: { category: 'Z', rate: 0 }, quantity: 1000, lines: [], currency: 'USD' };

	/** JSON text with `__proto__`, `constructor` and `prototype` in every object: JSON.parse makes them own keys. */
	function poisoned(doc: unknown): unknown {
		const poison = JSON.stringify(POISON);
		const walk = (value: unknown): string => {
			if (Array.isArray(value)) return `[${value.map(walk).join(',')}]`;
			if (!value || typeof value !== 'object') return JSON.stringify(value);
			const fields = Object.entries(value).map(([key, field]) => `${JSON.stringify(key)}:${walk(field)}`);
			return `{"__proto__":${poison},"constructor":${poison},"prototype":${poison},${fields.join(',')}}`;
		};
		return JSON.parse(walk(doc));
	}

	it.each([
		['without a null', (doc: any) => doc],
		['with a null anywhere (the null-dropping copy)', (doc: any) => ((doc.orderReference = null), doc)],
		['with a null on a line', (doc: any) => ((doc.lines[0].discount = null), doc)],
	])('%s', (_label, change) => {
		const clean = payable(change(invoice()));
		const hostile = poisoned(change(invoice()));
		expect(Object.prototype.hasOwnProperty.call((hostile as any).lines[0], '__proto__')).toBe(true);
		expect(payable(hostile)).toBe(clean);
		const model = parseDocument(hostile);
		for (const line of model.lines) {
			expect(Object.getPrototypeOf(line)).toBe(Object.prototype);
			expect(Object.keys(line)).not.toContain('__proto__');
		}
		expect(model.currency).toBe('EUR');
	});
});
