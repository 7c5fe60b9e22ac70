// UBL written by NumNum's own library (../shared/fixtures/numnum-ubl), read and checked field by field
// against each file's truth (what was put in). The flawed ones are read too: reading is not validating.
import { createHash } from 'crypto';
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';

import { computeTotals, parseDocument } from '../../../core/read/model';
import { readUbl, type ReadUblResult } from '../../../core/read';
import { sharedPath } from '../../helpers/shared';

const dir = sharedPath('fixtures', 'numnum-ubl');
type Truth = Record<string, any>;
const fixtures = readdirSync(dir)
	.filter((file) => file.endsWith('.xml'))
	.sort()
	.map((file) => ({
		file,
		xml: readFileSync(path.join(dir, file)),
		truth: JSON.parse(readFileSync(path.join(dir, file.replace(/\.xml$/, '.truth.json')), 'utf8')) as Truth,
	}));

const MEANS: Record<string, string> = { '30': 'credit_transfer', '58': 'sepa_credit_transfer' };
const withoutNulls = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined));

function checkAgainstTruth(read: ReadUblResult, truth: Truth): void {
	const { document } = read;
	const parsed = parseDocument(document);
	expect(document).toMatchObject({
		type: truth.type,
		number: truth.number,
		issueDate: truth.issueDate,
		currency: truth.currency,
	});
	expect(document.dueDate).toBe(truth.dueDate ?? undefined);
	expect(document.buyerReference).toBe(truth.buyerReference ?? undefined);
	expect(document.orderReference).toBe(truth.orderReference ?? undefined);
	expect(document.note).toBe(truth.note ?? undefined);
	expect(document.invoiceReference).toEqual(truth.invoiceReference ? withoutNulls(truth.invoiceReference) : undefined);
	expect(document.invoicePeriod).toEqual(truth.invoicePeriod ? withoutNulls(truth.invoicePeriod) : undefined);
	if (truth.delivery) {
		expect(document.delivery).toEqual({ date: truth.delivery.date, address: { ...withoutNulls(truth.delivery.address), countryCode: truth.delivery.countryCode } });
	} else expect(document.delivery).toBeUndefined();
	expect(read.ubl).toMatchObject({ customizationId: truth.customizationId, typeCode: truth.typeCode, kind: truth.type === 'credit_note' ? 'CreditNote' : 'Invoice' });

	for (const role of ['seller', 'buyer'] as const) {
		const party = truth[role];
		expect(document[role]).toMatchObject({
			// BT-27 / BT-44 is the legal name; a different trading name is listed in notCarried.
			name: party.legalName,
			address: { ...withoutNulls(party.address), countryCode: party.countryCode },
		});
		expect(document[role].vatNumber).toBe(party.vatNumber ?? undefined);
		expect(parsed[role].enterpriseNumber).toBe(party.enterpriseNumber ?? undefined);
		if (party.endpoint) expect(document[role].endpoint).toEqual(party.endpoint);
		else expect(document[role].endpoint).toBeUndefined();
		if (party.name !== party.legalName) expect(read.notCarried).toContainEqual(expect.objectContaining({ value: party.name }));
	}

	// Lines: a line charge is a line of its own (id "<line>-charge-<n>"); a line's allowances are its discount.
	const computed = computeTotals(parsed);
	const byId = new Map(computed.lines.map((amounts) => [amounts.line.id, amounts]));
	for (const line of truth.lines) {
		const amounts = byId.get(line.id)!;
		expect(amounts).toBeDefined();
		expect(amounts.line.description).toBe(line.description);
		expect(amounts.line.quantity.toFixed()).toBe(line.quantity);
		expect(amounts.line.unitCode).toBe(line.unitCode);
		expect(amounts.line.unitPrice.toFixed()).toBe(line.unitPrice);
		expect(amounts.line.baseQuantity.toFixed()).toBe(line.baseQuantity ?? '1');
		expect({ category: amounts.line.vat.category, rate: amounts.line.vat.rate.toFixed() }).toEqual(line.vat);
		const charges = (line.charges ?? []).map((_charge: Truth, i: number) => byId.get(`${line.id}-charge-${i + 1}`)!);
		charges.forEach((charge: (typeof computed.lines)[number], i: number) => {
			expect(charge.line.description).toBe(line.charges[i].reason);
			expect(charge.netAmount.toFixed(2)).toBe(line.charges[i].amount);
		});
		const net = charges.reduce((total: number, charge: (typeof computed.lines)[number]) => total + charge.netAmount.toNumber(), amounts.netAmount.toNumber());
		expect(net.toFixed(2)).toBe(line.netAmount);
		if (line.allowances) {
			expect(amounts.discountAmount.toFixed(2)).toBe(line.allowances.reduce((total: number, a: Truth) => total + Number(a.amount), 0).toFixed(2));
			expect(amounts.line.discount?.reason).toBe(line.allowances.map((a: Truth) => a.reason).join('; '));
		}
	}
	expect(computed.lines.length).toBe(truth.lineCount + truth.lines.reduce((total: number, line: Truth) => total + (line.charges?.length ?? 0), 0));

	for (const [list, truthList] of [['allowances', truth.allowances], ['charges', truth.charges]] as const) {
		expect(parsed[list].map((item) => ({ amount: item.amount.toFixed(2), reason: item.reason, reasonCode: item.reasonCode, vat: { category: item.vat.category, rate: item.vat.rate.toFixed() } }))).toEqual(
			(truthList as Truth[]).map((item) => ({ amount: item.amount, reason: item.reason, reasonCode: item.reasonCode, vat: item.vat })),
		);
	}

	// VAT breakdown and totals: computed from what was read, equal to what was put in.
	expect(
		computed.vatBreakdown.map((row) =>
			withoutNulls({
				category: row.category,
				rate: row.rate.toFixed(),
				taxableAmount: row.taxableAmount.toFixed(2),
				taxAmount: row.taxAmount.toFixed(2),
				exemptionReasonCode: row.exemptionReasonCode,
				exemptionReason: row.exemptionReason,
			}),
		),
	).toEqual((truth.vatBreakdown as Truth[]).map(withoutNulls));
	const totals = truth.totals;
	for (const field of ['lineExtension', 'allowances', 'charges', 'taxExclusive', 'tax', 'taxInclusive', 'prepaid', 'payable'] as const) {
		if (totals[field] !== undefined) expect(computed[field].toFixed(2)).toBe(totals[field]);
	}
	expect(document.totals?.payable).toBe(totals.payable);

	// Payment: means, structured communication, IBAN, BIC, terms.
	const payment = truth.payment;
	if (payment) {
		expect(document.payment?.means).toBe(payment.meansCode ? MEANS[payment.meansCode] : undefined);
		expect(document.payment?.reference).toBe(payment.reference ?? undefined);
		expect(!!parsed.payment?.structuredCommunication).toBe(payment.structuredCommunication);
		expect(document.payment?.iban).toBe(payment.iban ?? undefined);
		expect(document.payment?.bic).toBe(payment.bic ?? undefined);
		expect(document.payment?.terms).toBe(payment.terms ?? undefined);
		if (payment.accountName) expect(read.notCarried).toContainEqual(expect.objectContaining({ value: payment.accountName }));
	} else expect(document.payment).toBeUndefined();
	if (totals.prepaid) expect(document.payment?.prepaidAmount).toBe(totals.prepaid);

	// The PDF, byte for byte.
	if (truth.pdf.embedded) {
		expect(read.pdf).toMatchObject({ fileName: truth.pdf.filename, mimeType: truth.pdf.mimeCode });
		expect(read.pdf!.bytes.length).toBe(truth.pdf.bytes);
		expect(createHash('sha256').update(read.pdf!.bytes).digest('hex')).toBe(truth.pdf.sha256);
	} else expect(read.pdf).toBeUndefined();
	expect(read.attachments).toEqual([]);
}

describe('UBL written by NumNum’s library, against its truth files', () => {
	it('has the fixtures', () => {
		expect(fixtures.length).toBe(15);
	});

	it.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, { xml, truth }) => {
		checkAgainstTruth(readUbl(xml), truth);
	});

	it('reads the flawed ones as they are, naming the flaw-bearing values', () => {
		const usd = readUbl(fixtures.find((f) => f.file.startsWith('flawed-04'))!.xml);
		expect(usd.document.currency).toBe('USD');
		expect(usd.notCarried.filter((entry) => entry.path.endsWith('/@currencyID') && entry.value === 'EUR')).toHaveLength(11); // PEPPOL-EN16931-R051 ×11
		const noEndpoint = readUbl(fixtures.find((f) => f.file.startsWith('flawed-02'))!.xml);
		expect(noEndpoint.document.buyer.endpoint).toBeUndefined();
	});

	it.each(fixtures.filter((f) => !f.file.startsWith('flawed')).map((f) => [f.file, f] as const))(
		'%s reads the same with the library default CustomizationID 1.0 and no ProfileID',
		(_file, { xml, truth }) => {
			const plain = xml
				.toString('utf8')
				.replace(/<cbc:CustomizationID>[^<]*<\/cbc:CustomizationID>/, '<cbc:CustomizationID>1.0</cbc:CustomizationID>')
				.replace(/\s*<cbc:ProfileID>[^<]*<\/cbc:ProfileID>/, '');
			const read = readUbl(plain);
			checkAgainstTruth(read, { ...truth, customizationId: '1.0' });
			expect(read.ubl.profileId).toBeUndefined();
			expect(read.document).toEqual(readUbl(xml).document);
		},
	);
});
