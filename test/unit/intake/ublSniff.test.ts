import { isUbl, rootElementName } from '../../../core/intake';

describe('rootElementName / isUbl', () => {
	it.each([
		['<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>', 'Invoice'],
		['\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported by NumNum -->\n<ubl:CreditNote xmlns:ubl="x">', 'CreditNote'],
		['<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY a "b">]><Invoice>', 'Invoice'],
		['<?xml version="1.0"?><?xml-stylesheet href="x"?><Order>', 'Order'],
	])('%j → %s', (xml, root) => {
		expect(rootElementName(Buffer.from(xml))).toBe(root);
	});

	it('says no for what is not an Invoice or CreditNote, or not XML', () => {
		expect(isUbl(Buffer.from('<Order/>'))).toBe(false);
		expect(isUbl(Buffer.from('%PDF-1.4'))).toBe(false);
		expect(isUbl(Buffer.alloc(0))).toBe(false);
		expect(isUbl(Buffer.from(`<!--${'x'.repeat(20_000)}--><Invoice/>`))).toBe(false);
		expect(isUbl(Buffer.from('<InvoiceList/>'))).toBe(false);
	});
});
