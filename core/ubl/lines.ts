// Invoice lines (BG-25) / credit note lines.
import type { LineAmounts } from '../money/types';
import { lineAllowanceNode } from './allowanceCharge';
import { amountLeaf, priceLeaf } from './amounts';
import type { UblContext } from './context';
import { categoryNode } from './tax';
import { isBlankInXml } from './xml/escape';
import { el, leaf, must, type XNode } from './xml/node';
import { formatDecimal } from '../money';

export function lineNode(amounts: LineAmounts, index: number, ctx: UblContext): XNode {
	const { line, grossAmount, discountAmount, netAmount } = amounts;
	const isCredit = ctx.kind === 'CreditNote';
	if (line.unitPrice.isNegative()) {
		// BR-27: a price is never negative; a correction is a negative quantity.
		ctx.issues.add(`lines.${index}.unitPrice`, 'the net price must not be negative (BR-27): give a negative quantity instead');
	}
	if (line.baseQuantity.isNegative() || line.baseQuantity.isZero()) {
		ctx.issues.add(`lines.${index}.baseQuantity`, 'the base quantity must be above 0 (PEPPOL-EN16931-R121)');
	}
	if (isBlankInXml(line.description)) {
		ctx.issues.add(`lines.${index}.description`, 'every line needs an item name (BR-25)');
	}
	const unitCode = line.unitCode;
	const hasBaseQuantity = !line.baseQuantity.equals(1);
	return must(
		el(
			isCredit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine',
			leaf('cbc:ID', line.id),
			leaf(isCredit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', formatDecimal(line.quantity), { unitCode }),
			amountLeaf('cbc:LineExtensionAmount', netAmount, ctx),
			line.discount && lineAllowanceNode(line.discount, discountAmount, grossAmount, ctx),
			el('cac:Item', leaf('cbc:Name', line.description), categoryNode('cac:ClassifiedTaxCategory', line.vat)),
			el(
				'cac:Price',
				priceLeaf('cbc:PriceAmount', line.unitPrice, ctx),
				// PEPPOL-EN16931-R130: the base quantity has the unit of the invoiced quantity.
				hasBaseQuantity && leaf('cbc:BaseQuantity', formatDecimal(line.baseQuantity), { unitCode }),
			),
		),
		`line ${index}`,
	);
}
