// Inputs for the UBL benchmark: NumNum documents (the JSON contract) as a Belgian bakery sends them.
// Prices have at most 2 decimals: @e-invoice-eu/core's schema refuses more (its Amount pattern),
// although EN 16931 allows them for BT-146.
const PRODUCTS: Array<[description: string, unitCode: string, price: string, rate: number]> = [
	['Croissants (doos van 50)', 'BX', '32.50', 6],
	['Pistolets (zak van 20)', 'BG', '7.80', 6],
	['Taart op maat', 'C62', '27.35', 6],
	['Levering en opstelling', 'C62', '45', 21],
	['Koffiemachine huur', 'DAY', '18.25', 21],
	['Speculoos bulk', 'KGM', '8.40', 6],
	['Verpakking', 'C62', '0.35', 21],
	['Broodjes assortiment', 'C62', '1.95', 6],
	['Consultatie receptuur', 'HUR', '65', 21],
	['Pralines 1 kg', 'KGM', '42.10', 6],
];

function line(index: number): Record<string, unknown> {
	const [description, unitCode, unitPrice, rate] = PRODUCTS[index % PRODUCTS.length];
	return {
		description: `${description} #${index + 1}`,
		quantity: (index % 7) + 1,
		unitCode,
		unitPrice,
		...(index % 4 === 2 ? { discount: { percent: 10, reason: 'Vaste klant' } } : {}),
		vat: { category: 'S', rate },
	};
}

/** One sent Belgian B2B invoice with `lineCount` lines; `n` varies number and quantities. */
export function belgianInvoice(n: number, lineCount = 10): Record<string, unknown> {
	const number = `2026-${String(n + 1).padStart(5, '0')}`;
	return {
		id: `doc_bench_${n}`,
		type: 'invoice',
		status: 'sent',
		number,
		issueDate: '2026-11-20',
		dueDate: '2026-12-20',
		currency: 'EUR',
		language: 'nl',
		seller: {
			name: 'Bakkerij De Zon BV',
			vatNumber: 'BE0876543270',
			enterpriseNumber: '0876.543.270',
			address: { street: 'Veldstraat 12', city: 'Gent', postalCode: '9000', countryCode: 'BE' },
			contact: { name: 'An Peeters', email: 'an@dezon.be', phone: '+32 9 123 45 67' },
		},
		buyer: {
			name: 'Hotel Zeezicht NV',
			vatNumber: 'BE 0555.121.201',
			address: { street: 'Zeedijk 200', city: 'Oostende', postalCode: '8400', countryCode: 'BE' },
		},
		buyerReference: `PO-${7000 + n}`,
		lines: Array.from({ length: lineCount }, (_, index) => line(index + n)),
		payment: {
			iban: 'BE68 5390 0754 7034',
			bic: 'GKCCBEBB',
			reference: '+++202/6004/20023+++',
			terms: '30 dagen na factuurdatum',
		},
		sentAt: '2026-11-20T10:15:00Z',
	};
}

/** `size` bytes shaped like a PDF (header, filler, trailer): the builders only base64 it. */
export function pdfOfSize(size: number): Buffer {
	const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
	const tail = Buffer.from('\ntrailer\n<<>>\n%%EOF\n', 'latin1');
	const body = Buffer.alloc(Math.max(0, size - head.length - tail.length));
	for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 0xff;
	return Buffer.concat([head, body, tail]);
}
