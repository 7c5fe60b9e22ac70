// Whatever the mapping did not take is, by construction, what the NumNum document does not carry: every
// element with text and every attribute left unused, by XPath, beside the values set aside with a reason.
import { xpathOf, type El } from './tree';
import type { NotCarried } from './types';

const MAX_VALUE = 200;
const clip = (value: string) => (value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}… (${value.length} characters)` : value);

export function collectNotCarried(root: El, setAside: NotCarried[]): NotCarried[] {
	const found: NotCarried[] = setAside.map((entry) => ({ ...entry, value: clip(entry.value) }));
	const stack: El[] = [root];
	while (stack.length > 0) {
		const element = stack.pop()!;
		if (element.attrs) {
			for (const name in element.attrs) {
				const value = element.attrs[name].trim();
				if (value !== '' && !element.usedAttrs?.has(name)) found.push({ path: `${xpathOf(element)}/@${name}`, value: clip(value) });
			}
		}
		if (!element.used) {
			const text = element.text.trim();
			if (text !== '') found.push({ path: xpathOf(element), value: clip(text) });
		}
		for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]);
	}
	return found;
}
