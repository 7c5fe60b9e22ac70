// Delivery (BG-13): date and deliver-to address, and what an intra-community supply (K) demands of them.
import type { UblContext } from './context';
import { hasCategory } from './context';
import { addressNode } from './party';
import { el, leaf, type XNode } from './xml/node';

/**
 * `cac:Delivery`. For category K, EN 16931 requires the actual delivery date or an invoicing period
 * (BR-IC-11) and the deliver-to country (BR-IC-12): when the document gives none, the issue date and the
 * buyer's country are written (the usual case: goods delivered when invoiced, to the buyer) and a
 * warning says so.
 */
export function deliveryNode(ctx: UblContext): XNode | undefined {
	const { doc } = ctx;
	const delivery = doc.delivery;
	const intraCommunity = hasCategory(ctx, 'K');
	let date = delivery?.date;
	if (!date && intraCommunity && !doc.invoicePeriod?.start && !doc.invoicePeriod?.end) {
		date = doc.issueDate;
		ctx.warnings.push('intra-community supply (K) without delivery date or invoice period: the issue date is written as the delivery date (BR-IC-11)');
	}
	let address = delivery?.address;
	if (!address && delivery?.countryCode) address = { countryCode: delivery.countryCode };
	if (!address && intraCommunity) {
		address = { countryCode: doc.buyer.address.countryCode };
		ctx.warnings.push(`intra-community supply (K) without delivery country: the buyer's country ${doc.buyer.address.countryCode} is written (BR-IC-12)`);
	}
	return el(
		'cac:Delivery',
		leaf('cbc:ActualDeliveryDate', date),
		address && el('cac:DeliveryLocation', addressNode('cac:Address', address)),
	);
}
