// Reading one e-mail into documents, with a stand-in for Read UBL (this layer decides which
// attachments are UBL, pairs PDFs, names what it could not read; reading UBL is core/read's job).
import { readExportMail } from '../../../core/intake';
import type { ReadUblOutcome, UblReader } from '../../../core/intake';
import { exportEmail, numberedDocument, ublOf } from '../../helpers/imap';

const PDF = Buffer.from('%PDF-1.4 stand-in');

/** Reads the number out of the UBL text; "embedded" when it carries an EmbeddedDocumentBinaryObject. */
const standInReader: UblReader = (xml) => {
	const text = xml.toString('utf8');
	const number = /<cbc:ID>([^<]+)<\/cbc:ID>/.exec(text)?.[1];
	if (!number) throw new Error('no cbc:ID at line 1, column 1');
	const outcome: ReadUblOutcome = { document: { id: `read_${number}`, number } };
	if (text.includes('EmbeddedDocumentBinaryObject')) outcome.pdf = { fileName: `${number}.pdf`, contentType: 'application/pdf', content: PDF };
	return outcome;
};

const read = (raw: Buffer) => readExportMail(raw, { readUbl: standInReader });

describe('readExportMail', () => {
	it('one e-mail with two UBL files gives two documents, each with its own UBL bytes and e-mail meta', async () => {
		const documents = [numberedDocument(1), numberedDocument(2, 'credit-note')];
		const raw = await exportEmail({ documents, messageId: '<two@numnum.test>', subject: 'Export', from: 'NumNum <noreply@numnum.test>' });
		const intake = await read(raw);
		expect(intake.rejections).toEqual([]);
		expect(intake.documents.map((d) => d.document.number)).toEqual(['2026-M0001', '2026-M0002']);
		for (const [index, found] of intake.documents.entries()) {
			expect(found.ubl.content.equals(ublOf(documents[index]).content)).toBe(true);
		}
		// The example invoice carries a PDF (embedded in its UBL), the credit note none.
		expect(intake.documents.map((d) => d.pdfSource)).toEqual(['embedded', undefined]);
		expect(intake.email).toEqual({ messageId: 'two@numnum.test', from: '"NumNum" <noreply@numnum.test>', date: expect.stringMatching(/^\d{4}-/), subject: 'Export' });
	});

	it('takes the PDF attached with the UBL base name when the UBL embeds none', async () => {
		const raw = await exportEmail({ documents: [numberedDocument(3)], pdfBeside: true });
		const [found] = (await read(raw)).documents;
		expect(found.pdfSource).toBe('attachment');
		expect(found.pdf?.fileName).toBe(found.ubl.fileName.replace(/\.xml$/, '.pdf'));
	});

	it('reports an e-mail without attachments, and one whose attachments hold no UBL, naming them', async () => {
		const bare = await read(await exportEmail({ documents: [] }));
		expect(bare.documents).toEqual([]);
		expect(bare.rejections).toEqual([{ reason: expect.stringContaining('no attachment') }]);

		const other = await read(
			await exportEmail({
				attachments: [
					{ fileName: 'order.xml', content: Buffer.from('<?xml version="1.0"?><Order/>'), contentType: 'application/xml' },
					{ fileName: 'note.txt', content: Buffer.from('hello') },
				],
			}),
		);
		expect(other.rejections).toEqual([{ reason: expect.stringMatching(/no UBL attachment.*order\.xml, note\.txt/) }]);
	});

	it('an unreadable UBL becomes a reason naming the file and the reader\'s message; the readable one still comes', async () => {
		const broken = { fileName: 'broken.xml', content: Buffer.from('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><nothing/></Invoice>') };
		const intake = await read(await exportEmail({ documents: [numberedDocument(4)], attachments: [broken] }));
		expect(intake.documents).toHaveLength(1);
		expect(intake.rejections).toEqual([{ fileName: 'broken.xml', reason: 'the UBL broken.xml could not be read: no cbc:ID at line 1, column 1' }]);
	});

	it('does not read an e-mail bigger than the limit, and survives bytes that are no e-mail at all', async () => {
		const raw = await exportEmail({ documents: [numberedDocument(5)] });
		const big = await readExportMail(raw, { readUbl: standInReader, maxMessageBytes: 100 });
		expect(big.rejections[0].reason).toMatch(/more than the 100 this trigger reads/);

		for (const junk of [Buffer.alloc(0), Buffer.from('\u0000\u0001\u0002'), Buffer.from('Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n'.repeat(50))]) {
			const intake = await read(junk);
			expect(intake.documents).toEqual([]);
			expect(intake.rejections.length).toBeGreaterThan(0);
		}
	});

	it('keys a message by Message-ID and UBL bytes: two copies share a key, a changed UBL does not', async () => {
		const document = numberedDocument(6);
		const date = new Date('2026-11-20T10:00:00Z');
		const first = await read(await exportEmail({ documents: [document], messageId: '<same@numnum.test>', date }));
		const copy = await read(await exportEmail({ documents: [document], messageId: '<same@numnum.test>', date, subject: 'Fwd: copy' }));
		const changed = await read(await exportEmail({ documents: [{ ...document, number: '2026-M9999' }], messageId: '<same@numnum.test>', date }));
		const other = await read(await exportEmail({ documents: [document], messageId: '<other@numnum.test>', date }));
		expect(copy.key).toBe(first.key);
		expect(changed.key).not.toBe(first.key);
		expect(other.key).not.toBe(first.key);
		expect(first.key).toMatch(/^[0-9a-f]{64}$/);
	});

	it('hostile file names and headers come out as text, no prototype touched', async () => {
		const raw = await exportEmail({
			documents: [],
			subject: '__proto__',
			attachments: [{ fileName: '__proto__.xml', content: Buffer.from('<Invoice><cbc:ID>X</cbc:ID></Invoice>'), contentType: 'application/xml' }],
		});
		const intake = await read(raw);
		expect(intake.email.subject).toBe('__proto__');
		expect(intake.documents[0].ubl.fileName).toBe('__proto__.xml');
		expect(({} as Record<string, unknown>).number).toBeUndefined();
	});
});
