import { addressProblem, parseRecipients, RecipientError, recipientsKey } from '../../../core/mail';

describe('parseRecipients', () => {
	it('splits on commas, semicolons, spaces and new lines', () => {
		expect(parseRecipients('a@yukiworks.be, b@yukiworks.be;c@x.be\nd@x.be  e@x.be\r\n')).toEqual([
			'a@yukiworks.be',
			'b@yukiworks.be',
			'c@x.be',
			'd@x.be',
			'e@x.be',
		]);
	});

	it('drops duplicates case-insensitively, keeping the first spelling', () => {
		expect(parseRecipients('Admin@YukiWorks.be; admin@yukiworks.be, ADMIN@yukiworks.BE')).toEqual(['Admin@YukiWorks.be']);
	});

	it('accepts <address> and mailto: as pasted', () => {
		expect(parseRecipients('<a@x.be> mailto:b@x.be')).toEqual(['a@x.be', 'b@x.be']);
	});

	it('returns nothing for an empty field', () => {
		expect(parseRecipients('  ;, \n')).toEqual([]);
		expect(parseRecipients(undefined)).toEqual([]);
	});

	it.each([
		['no-at.yukiworks.be', 'no @'],
		['a@localhost', 'the domain needs a dot'],
		['a..b@x.be', 'misplaced dot'],
		['@x.be', 'nothing before the @'],
		['a@-x.be', 'not a valid host name'],
		['a@x.b3', 'no valid top-level domain'],
	])('rejects %s naming the address and the rule', (address, rule) => {
		let caught: unknown;
		try {
			parseRecipients(`ok@x.be, ${address}`, 'CC');
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(RecipientError);
		expect((caught as Error).message).toContain(`CC: "${address}"`);
		expect((caught as Error).message).toContain(rule);
	});

	it('accepts ordinary and unusual but valid addresses', () => {
		for (const address of ['name@yukiworks.be', 'first.last+tag@sub.example.co.uk', "o'brien@x.ie", 'x@xn--bcher-kva.de']) {
			expect(addressProblem(address)).toBeUndefined();
		}
	});
});

describe('parseRecipients: quoted local parts and internationalised domains', () => {
	it('reports a quoted local part whole, not a fragment of it', () => {
		expect(() => parseRecipients('ok@x.be, "john doe"@x.be', 'To')).toThrow('To: ""john doe"@x.be" is not a valid e-mail address (a quoted part before the @ is not supported');
	});

	it('takes an internationalised domain in its ASCII (punycode) form', () => {
		expect(parseRecipients('user@bücher.de; User@BÜCHER.de, info@xn--bcher-kva.de')).toEqual(['user@xn--bcher-kva.de', 'info@xn--bcher-kva.de']);
	});

	it('still refuses a domain that has no ASCII form', () => {
		expect(() => parseRecipients('user@bü cher.de')).toThrow(RecipientError);
	});
});

describe('recipientsKey', () => {
	it('is the same whatever the order and case', () => {
		expect(recipientsKey(['B@x.be', 'a@x.be'])).toBe(recipientsKey(['a@X.be', 'b@x.be']));
		expect(recipientsKey(['a@x.be'])).not.toBe(recipientsKey(['a@x.be', 'b@x.be']));
	});
});
