// E-mail recipients as a user types them in one field: `a@x.be, b@x.be; c@x.be` or one per line.
import { domainToASCII } from 'url';

/** Thrown when a recipient field holds something that is not an e-mail address. */
export class RecipientError extends Error {
	constructor(
		readonly field: string,
		readonly address: string,
		readonly rule: string,
	) {
		super(`${field}: "${address}" is not a valid e-mail address (${rule})`);
		this.name = 'RecipientError';
	}
}

// RFC 5321/5322 dot-atom local part: the characters real mail servers accept without quoting.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Why `address` is not a usable mailbox address, or undefined when it is one. */
export function addressProblem(address: string): string | undefined {
	if (address.length > 254) return 'longer than 254 characters';
	const at = address.lastIndexOf('@');
	if (at < 0) return 'no @';
	const local = address.slice(0, at);
	const domain = address.slice(at + 1);
	if (local === '') return 'nothing before the @';
	if (local.length > 64) return 'part before the @ is longer than 64 characters';
	if (!LOCAL_PART.test(local)) return 'the part before the @ has a character that needs quoting, or a misplaced dot';
	if (domain === '') return 'no domain after the @';
	const labels = domain.split('.');
	if (labels.length < 2) return 'the domain needs a dot, e.g. yukiworks.be';
	if (!labels.every((label) => DOMAIN_LABEL.test(label))) return `the domain "${domain}" is not a valid host name`;
	if (!/^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]+)$/.test(labels[labels.length - 1])) {
		return `the domain "${domain}" has no valid top-level domain`;
	}
	return undefined;
}

/**
 * Splits a recipient field on commas, semicolons and any whitespace, validates each address
 * and drops duplicates case-insensitively (the first spelling wins). `<a@x.be>` and `mailto:`
 * are accepted because people paste them.
 */
export function parseRecipients(input: string | string[] | undefined | null, field = 'To'): string[] {
	const text = Array.isArray(input) ? input.join(',') : (input ?? '');
	const seen = new Set<string>();
	const result: string[] = [];
	for (const token of tokens(String(text))) {
		const typed = token.replace(/^mailto:/i, '').replace(/^<(.*)>$/, '$1');
		if (typed === '') continue;
		if (typed.startsWith('"')) {
			throw new RecipientError(field, typed, 'a quoted part before the @ is not supported; use an address without quotes or spaces');
		}
		const address = asciiDomain(typed);
		const problem = addressProblem(address);
		if (problem) throw new RecipientError(field, typed, problem);
		const key = address.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		result.push(address);
	}
	return result;
}

/** The field split on commas, semicolons and whitespace, except inside double quotes (so a quoted local part stays whole). */
function tokens(text: string): string[] {
	return text.match(/(?:"(?:[^"\\]|\\.)*"?|[^,;\s"])+/g) ?? [];
}

/**
 * The address with an internationalised domain (`bücher.de`) in its ASCII form (`xn--bcher-kva.de`),
 * as every SMTP server takes it; other addresses unchanged.
 */
function asciiDomain(address: string): string {
	const at = address.lastIndexOf('@');
	if (at < 0 || !/[^\p{ASCII}]/u.test(address.slice(at + 1))) return address;
	const ascii = domainToASCII(address.slice(at + 1));
	return ascii === '' ? address : `${address.slice(0, at)}@${ascii}`;
}

/** One canonical string for a set of recipients: lower-case, sorted, comma-joined. */
export function recipientsKey(recipients: readonly string[]): string {
	return [...new Set(recipients.map((address) => address.toLowerCase()))].sort().join(',');
}
