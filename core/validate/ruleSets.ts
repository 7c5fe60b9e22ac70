// The rule sets the product checks against and how one is chosen: Peppol BIS Billing 3.0.21
// (mandatory since 2026-08-24) now, 3.0.22 from 2027-02-24; both with EN 16931 1.3.16.
export type RulesOption = 'current' | 'next' | 'auto';
export type RuleSetName = 'current' | 'next';

export interface RuleSet {
	name: RuleSetName;
	peppol: { version: string; compiled: string };
	en16931: { version: string; compiled: string };
}

const EN16931 = { version: '1.3.16', compiled: 'cen-1.3.16' };

export const RULE_SETS: Record<RuleSetName, RuleSet> = {
	current: { name: 'current', peppol: { version: '3.0.21', compiled: 'peppol-3.0.21' }, en16931: EN16931 },
	next: { name: 'next', peppol: { version: '3.0.22', compiled: 'peppol-3.0.22' }, en16931: EN16931 },
};

/** The day Peppol BIS 3.0.22 becomes mandatory (UTC). */
export const NEXT_RULES_FROM = '2027-02-24';

export function chooseRuleSet(option: RulesOption = 'auto', today: Date = new Date()): RuleSet {
	if (option === 'current' || option === 'next') return RULE_SETS[option];
	if (option !== 'auto') throw new Error(`Unknown rule set '${String(option)}': use current, next or auto`);
	return RULE_SETS[today.toISOString().slice(0, 10) >= NEXT_RULES_FROM ? 'next' : 'current'];
}
