// Checks only the writer makes: on what its caller handed it rather than on the document's content.
import Decimal from 'decimal.js';

import type { NumNumDocument } from '../document/types';

const isDecimal = (value: unknown) => Decimal.isDecimal(value);

/**
 * Why `value` is not a model from `parseDocument` (raw JSON has numbers and strings where the model has
 * Decimals), or undefined when it is one. Cheap: a look at the fields the money is computed from.
 */
export function notAParsedDocument(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return `got ${value === null ? 'null' : typeof value}`;
	const doc = value as Partial<NumNumDocument>;
	if (!Array.isArray(doc.lines) || !Array.isArray(doc.allowances) || !Array.isArray(doc.charges)) return 'lines, allowances and charges are not all lists';
	for (let i = 0; i < doc.lines.length; i++) {
		const line = doc.lines[i];
		if (!isDecimal(line?.quantity) || !isDecimal(line.unitPrice) || !isDecimal(line.baseQuantity) || !isDecimal(line.vat?.rate)) {
			return `lines.${i} holds plain numbers or text, not the parsed Decimals`;
		}
	}
	for (const [name, items] of [['allowances', doc.allowances], ['charges', doc.charges]] as const) {
		const at = items.findIndex((item) => !isDecimal(item?.amount) || !isDecimal(item.vat?.rate));
		if (at >= 0) return `${name}.${at} holds plain numbers or text, not the parsed Decimals`;
	}
	return undefined;
}
