// Round trip: for every document of the corpus (and the contract's own examples),
// parseDocument(readUbl(buildUbl(d)).document) equals d, except for what UBL cannot carry. The exceptions
// below are the list in docs/read-ubl-mapping.md ("What UBL cannot carry"), one normaliser each.
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';

import Decimal from 'decimal.js';

import { computeTotals, parseDocument, type NumNumDocument } from '../../../core/read/model';
import { readUbl } from '../../../core/read';
import { buildUbl, UblBuildError } from '../../../core/ubl';
import { DEFAULT_EXEMPTIONS } from '../../../core/ubl/tax';
import { sharedPath } from '../../helpers/shared';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const corpusDir = path.join(repoRoot, 'test', 'fixtures', 'corpus');
const examplesDir = sharedPath('spec', 'examples');

const jsonFiles = (dir: string, prefix: string) =>
	readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ name: `${prefix}${file}`, raw: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown }));

const documents = [...jsonFiles(examplesDir, 'example/'), ...jsonFiles(corpusDir, '')];

/** The model as plain JSON: decimals by value, undefined keys gone. */
const plain = (value: unknown): unknown =>
	JSON.parse(JSON.stringify(value, (_key, field: unknown) => (Decimal.isDecimal(field) ? (field as Decimal).toFixed() : field)));

type Doc = Record<string, any>;

/** Both sides with the documented exceptions applied; `original` tells what the writer filled in. */
function normalise(doc: NumNumDocument, original: NumNumDocument): Doc {
	// 0. XML has no CR LF: Build UBL writes LF (as every XML reader would read it).
	const out = JSON.parse(JSON.stringify(plain(doc)).replace(/\\r\\n|\\r/g, '\\n')) as Doc;
	// 1. Not in UBL: NumNum's id (derived instead), status, language, sentAt; the PDF comes out as `pdf`.
	for (const key of ['id', 'status', 'language', 'sentAt', 'pdf']) delete out[key];
	// 2. UBL always states the totals; they come back (equal to the computed ones) even when d had none,
	//    and a prepaid amount comes back as payment.prepaidAmount.
	delete out.totals;
	if (out.payment) delete out.payment.prepaidAmount;
	// 3. Build UBL's Peppol filler: the number as buyer reference when there is neither reference.
	if (!original.buyerReference && !original.orderReference && out.buyerReference === original.number) delete out.buyerReference;
	// 4. Exemption reasons are per VAT row in UBL (defaults written for AE, K, G, O): compared as rows below.
	const vats = [...(out.lines ?? []), ...(out.allowances ?? []), ...(out.charges ?? [])].map((item: Doc) => item.vat);
	for (const vat of vats) {
		delete vat.exemptionReason;
		delete vat.exemptionReasonCode;
	}
	// 5. A line discount comes back as its amount (with the percent when stated) and Build UBL's reason
	//    "Discount" when it had none; compared by amount.
	computeTotals(doc).lines.forEach((amounts, i) => {
		if (!out.lines[i].discount) return;
		out.lines[i].discount = amounts.discountAmount.isZero() ? undefined : { amount: amounts.discountAmount.toFixed(2) };
		if (!out.lines[i].discount) delete out.lines[i].discount;
	});
	// 6. Allowances and charges without a reason get Build UBL's reason and code (95 Discount / ZZZ Charge).
	for (const [list, fallback] of [['allowances', { reason: 'Discount', code: '95' }], ['charges', { reason: 'Charge', code: 'ZZZ' }]] as const) {
		(out[list] as Doc[]).forEach((item, i) => {
			const given = (original[list] as Doc[])[i];
			if (given && !given.reason?.trim() && item.reason === fallback.reason) {
				delete item.reason;
				if (!given.reasonCode && item.reasonCode === fallback.code) delete item.reasonCode;
			}
			if (given && !given.reason?.trim()) delete item.reason;
		});
	}
	// 7. Intra-community (K): the delivery date and country Build UBL writes when none was given.
	const hasK = vats.some((vat: Doc) => vat.category === 'K');
	if (hasK && out.delivery) {
		if (!original.delivery?.date && !original.invoicePeriod && out.delivery.date === original.issueDate) delete out.delivery.date;
		if (!original.delivery?.countryCode && !original.delivery?.address && out.delivery.countryCode === original.buyer.address.countryCode) delete out.delivery.countryCode;
		if (Object.keys(out.delivery).length === 0) delete out.delivery;
	}
	// 8. A delivery with a country and an address keeps the address (UBL has one place for the country).
	if (out.delivery?.address && out.delivery.countryCode === out.delivery.address.countryCode) delete out.delivery.countryCode;
	for (const role of ['seller', 'buyer'] as const) {
		const party = out[role];
		// 9. An electronic address Build UBL derived (from the VAT number) comes back as given.
		if (!original[role].endpoint) delete party.endpoint;
		// 10. Category O: VAT numbers are left out of the UBL (BR-O-02).
		if (vats.some((vat: Doc) => vat.category === 'O')) delete party.vatNumber;
	}
	return out;
}

/** The VAT rows with their exemption (Build UBL's defaults applied), as UBL carries them. */
const exemptionRows = (doc: NumNumDocument) =>
	computeTotals(doc).vatBreakdown.map((row) => {
		const fallback = DEFAULT_EXEMPTIONS[row.category];
		const given = row.exemptionReason || row.exemptionReasonCode;
		return {
			category: row.category,
			rate: row.rate.toFixed(),
			reason: (given ? row.exemptionReason : fallback?.reason) ?? null,
			code: (given ? row.exemptionReasonCode : fallback?.code) ?? null,
		};
	});

describe('round trip buildUbl → readUbl → parseDocument', () => {
	const buildable = documents.filter(({ raw }) => (raw as Doc).type !== 'quote');

	it('covers the corpus', () => {
		expect(buildable.length).toBeGreaterThan(60);
	});

	it.each(buildable.map((d) => [d.name, d.raw] as const))('%s', (_name, raw) => {
		const original = parseDocument(raw);
		let built;
		try {
			built = buildUbl(original);
		} catch (error) {
			if (error instanceof UblBuildError) return; // the corpus holds documents Build UBL refuses; nothing to read
			throw error;
		}
		// An expense is a document whose buyer is the user's own company: the reader is told which that is.
		const ourCompany = original.type === 'expense' ? (original.buyer.enterpriseNumber ?? original.buyer.vatNumber) : undefined;
		const read = readUbl(built.xml, { ourCompany });
		const back = parseDocument(read.document);

		expect(normalise(back, original)).toEqual(normalise(original, original));
		expect(exemptionRows(back).map(({ category, rate, code }) => ({ category, rate, code }))).toEqual(
			exemptionRows(original).map(({ category, rate, code }) => ({ category, rate, code })),
		);
		// Totals: stated in the UBL, carried, and equal to the original's computed totals.
		const totals = computeTotals(original);
		expect(read.document.totals?.payable).toBe(totals.payable.toFixed(2));
		expect(read.document.totals?.tax).toBe(totals.tax.toFixed(2));
		// Our own UBL has nothing the document does not carry.
		expect(read.notCarried).toEqual([]);
		// The PDF comes out as it went in.
		if (original.pdf) expect(read.pdf?.bytes.equals(Buffer.from(original.pdf.contentBase64, 'base64'))).toBe(true);
		else expect(read.pdf).toBeUndefined();
		expect(read.pdf?.fileName ?? built.pdfFileName).toBe(built.pdfFileName);
	});
});
