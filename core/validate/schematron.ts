// Runs a compiled rule set (see scripts/rules/compile.ts) on a parsed document with SaxonJS.
// SaxonJS runs XSLT 3.0 / XPath 3.1 with the semantics the official rules are written for (the
// oracle runs the same rules on Saxon-HE); fontoxpath, the open-source candidate, would have needed
// our own evaluator for XSLT match patterns and xsl:function, more than the time allowed.
import { readFileSync } from 'fs';
import { join } from 'path';
import SaxonJS from 'saxon-js';
import type { Finding, Severity } from './types';

interface CompiledRule {
	id: string;
	flag: string;
	text: string;
	businessTerms: string[];
}
interface Loaded {
	stylesheet: unknown;
	rules: CompiledRule[];
}

export const compiledDir = join(__dirname, 'compiled');
const loaded = new Map<string, Loaded>();

function load(name: string): Loaded {
	let set = loaded.get(name);
	if (!set) {
		const file = (ext: string) => join(compiledDir, `${name}.${ext}`);
		try {
			set = { stylesheet: JSON.parse(readFileSync(file('sef.json'), 'utf8')), rules: JSON.parse(readFileSync(file('rules.json'), 'utf8')) };
		} catch (error) {
			throw new Error(`The compiled rules ${name} are missing (${(error as Error).message}); run npm run build (scripts/rules/compile.ts)`);
		}
		loaded.set(name, set);
	}
	return set;
}

/** Parses XML into SaxonJS's tree; throws on XML that is not well-formed. */
export function parseXml(xml: string): unknown {
	return SaxonJS.XPath.evaluate('parse-xml($xml)', null, { params: { xml } });
}

export function runRules(name: string, document: unknown): Finding[] {
	const { stylesheet, rules } = load(name);
	let out: string;
	try {
		out = SaxonJS.transform({ stylesheetInternal: stylesheet, sourceNode: document, destination: 'serialized' }).principalResult ?? '';
	} catch (error) {
		// A rule whose XPath fails on this document (e.g. normalize-space() given two duplicated
		// elements): the official validators stop the rules there too, and the document fails.
		return [{ ruleId: 'RULES', severity: 'fatal', message: `The ${name} rules could not be evaluated on this document: ${(error as Error).message}`, location: '', businessTerms: [] }];
	}
	const findings: Finding[] = [];
	for (const line of out.split('\n')) {
		if (!line) continue;
		const tab = line.indexOf('\t');
		const rule = rules[Number(line.slice(0, tab))];
		const severity: Severity = rule.flag === 'warning' ? 'warning' : 'fatal';
		findings.push({ ruleId: rule.id, severity, message: rule.text, location: line.slice(tab + 1), businessTerms: rule.businessTerms });
	}
	return findings;
}
