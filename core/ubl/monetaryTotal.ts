// Document totals (BG-22) as computed by EN 16931 BR-CO-10…16.
import { amountLeaf } from './amounts';
import type { UblContext } from './context';
import { el, must, type XNode } from './xml/node';

export function legalMonetaryTotalNode(ctx: UblContext): XNode {
	const { totals, doc } = ctx;
	return must(
		el(
			'cac:LegalMonetaryTotal',
			amountLeaf('cbc:LineExtensionAmount', totals.lineExtension, ctx),
			amountLeaf('cbc:TaxExclusiveAmount', totals.taxExclusive, ctx),
			amountLeaf('cbc:TaxInclusiveAmount', totals.taxInclusive, ctx),
			(doc.allowances?.length ?? 0) > 0 && amountLeaf('cbc:AllowanceTotalAmount', totals.allowances, ctx),
			(doc.charges?.length ?? 0) > 0 && amountLeaf('cbc:ChargeTotalAmount', totals.charges, ctx),
			!totals.prepaid.isZero() && amountLeaf('cbc:PrepaidAmount', totals.prepaid, ctx),
			!totals.rounding.isZero() && amountLeaf('cbc:PayableRoundingAmount', totals.rounding, ctx),
			amountLeaf('cbc:PayableAmount', totals.payable, ctx),
		),
		'legal monetary total',
	);
}
