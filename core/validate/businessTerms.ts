// The EN 16931 business terms (BT-n) and groups (BG-n) a rule's official text names, in order.
export function businessTerms(text: string): string[] {
	return [...new Set(text.match(/\bB[TG]-\d+\b/g) ?? [])];
}
