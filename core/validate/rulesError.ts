// A UBL the official rules refuse, as an error: for nodes that must not pass such a UBL on
// (Build UBL, Send to Yuki Inbox). `issues` has the shape the nodes' error output already lists.
import type { Finding, ValidationResult } from './types';

export class UblRulesError extends Error {
	readonly findings: Finding[];
	readonly issues: { path: string; message: string }[];

	constructor(readonly result: ValidationResult) {
		const fatal = result.findings.filter((f) => f.severity === 'fatal');
		const text = (f: Finding) => (f.message.startsWith(`[${f.ruleId}]`) ? f.message : `[${f.ruleId}] ${f.message}`);
		super(`The UBL fails the official rules (${result.rulesVersion}): ${fatal.slice(0, 3).map(text).join('; ')}${fatal.length > 3 ? ` (and ${fatal.length - 3} more)` : ''}`);
		this.name = 'UblRulesError';
		this.findings = result.findings;
		this.issues = fatal.map((f) => ({ path: '', message: `${text(f)} at ${f.location}` }));
	}
}
