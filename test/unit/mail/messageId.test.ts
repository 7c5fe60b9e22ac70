import { deriveMessageId, sha256Hex } from '../../../core/mail';

describe('deriveMessageId', () => {
	const hash = sha256Hex('<Invoice/>');

	it('has the <hash@n8n-nodes-numnum-yuki> form', () => {
		expect(deriveMessageId('doc_1', hash, ['a@x.be'])).toMatch(/^<[0-9a-f]{40}@n8n-nodes-numnum-yuki>$/);
	});

	it('is stable across order and case of recipients', () => {
		expect(deriveMessageId('doc_1', hash, ['b@x.be', 'A@x.be'])).toBe(deriveMessageId('doc_1', hash, ['a@x.be', 'b@x.be']));
	});

	it('changes with the document, the content and the recipients', () => {
		const base = deriveMessageId('doc_1', hash, ['a@x.be']);
		expect(deriveMessageId('doc_2', hash, ['a@x.be'])).not.toBe(base);
		expect(deriveMessageId('doc_1', sha256Hex('<Invoice>2</Invoice>'), ['a@x.be'])).not.toBe(base);
		expect(deriveMessageId('doc_1', hash, ['a@x.be', 'c@x.be'])).not.toBe(base);
	});

	it('cannot be confused by separators inside the id', () => {
		expect(deriveMessageId('a,b', hash, ['c@x.be'])).not.toBe(deriveMessageId('a', hash, ['b,c@x.be']));
	});
});
