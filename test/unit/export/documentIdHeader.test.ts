// The header that names the document: spelled in the docs exactly as it goes out on the wire.
import { readFileSync } from 'fs';
import { join } from 'path';

import { DOCUMENT_ID_HEADER } from '../../../core/export';
import { MailSender } from '../../../core/mail';

const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'nodes', 'send-to-yuki-inbox.md'), 'utf8');

describe(`${DOCUMENT_ID_HEADER} header`, () => {
	it('goes out spelled as the constant says, and the node docs spell it the same', async () => {
		const sender = new MailSender({ host: '127.0.0.1', port: 9, secure: false, startTls: 'never' });
		try {
			const mime = (
				await sender.build({
					messageId: '<m@x>',
					from: { address: 'facturen@dezon.be' },
					to: ['dezon@yukiworks.be'],
					subject: 'Factuur',
					text: 'x',
					ubl: { fileName: 'a.xml', content: Buffer.from('<Invoice/>') },
					headers: { [DOCUMENT_ID_HEADER]: 'doc_1' },
				})
			).toString();
			expect(`\r\n${mime}`).toContain(`\r\n${DOCUMENT_ID_HEADER}: doc_1\r\n`);
		} finally {
			sender.close();
		}
		expect(docs).toContain(`\`${DOCUMENT_ID_HEADER}\``);
		expect(docs).not.toMatch(/X-NumNum-Document-Id/);
	});
});
