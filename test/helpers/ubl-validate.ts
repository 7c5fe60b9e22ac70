// Runs the official rules (../shared/tools/ubl-validate: UBL 2.1 XSD, CEN EN 16931 and, for Peppol
// documents, Peppol BIS 3.0 schematron) ONCE per rule set over a folder and returns the per-file
// results. Both rule sets are checked: `current` (Peppol 3.0.21, the rules in force) and `next`
// (3.0.22, mandatory from 2027-02-24), the two calls side by side. One call costs ~10 s (JVM +
// compiling the schematron), so tests write all their XML first.
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const ublValidateTool = path.join(sharedDir, 'tools', 'ubl-validate');

export const RULE_SETS = ['current', 'next'] as const;
export type RuleSet = (typeof RULE_SETS)[number];

export interface UblFinding {
	rule: string;
	flag: 'fatal' | 'warning' | string;
	location: string;
	text: string;
	/** The rule set that gave it. */
	rules: RuleSet;
}

export interface UblFileResult {
	/** Absolute path of the validated file. */
	file: string;
	/** `peppol` when the Peppol rules ran too (CustomizationID names Peppol BIS 3.0). */
	profile: 'peppol' | 'en16931';
	xsdValid: boolean;
	xsdErrors?: string;
	/** The schematron ran under every rule set. */
	rulesRan: boolean;
	/** Fatal findings summed over the rule sets, each counting an XSD failure and a failed schematron run as one. */
	fatal: number;
	warnings: number;
	findings: UblFinding[];
	/** The same counts per rule set. */
	byRules: Record<RuleSet, { fatal: number; warnings: number; rulesRan: boolean }>;
}

/** One file as one ubl-validate call prints it. */
type ToolFileResult = Omit<UblFileResult, 'findings' | 'byRules'> & { findings: Array<Omit<UblFinding, 'rules'>> };

export interface UblValidation {
	files: UblFileResult[];
	/** Per file name (basename) for convenient lookup. */
	byName: Map<string, UblFileResult>;
	exitCode: number;
}

/**
 * Validates every *.xml in `dir` with one ubl-validate call per rule set (both by default, run at
 * once) and merges the results per file. Throws when the tool cannot run at all.
 */
export function validateUblDir(dir: string, options: { forcePeppol?: boolean; rules?: readonly RuleSet[] } = {}): UblValidation {
	if (!existsSync(ublValidateTool)) throw new Error(`ubl-validate not found at ${ublValidateTool}`);
	const ruleSets = options.rules ?? RULE_SETS;
	const outDir = mkdtempSync(path.join(tmpdir(), 'ubl-validate-'));
	try {
		// Exit 0: all valid, 1: some file has a fatal finding; 2 (or anything else): the tool could not run.
		const script = [
			'tool="$1"; out="$2"; flags="$3"; dir="$4"; shift 4',
			'for rules in "$@"; do ("$tool" --json $flags --rules "$rules" "$dir" > "$out/$rules.json" 2> "$out/$rules.err"; echo $? > "$out/$rules.rc") & done',
			'wait',
		].join('\n');
		const flags = options.forcePeppol ? '--peppol' : '';
		const run = spawnSync('bash', ['-c', script, 'ubl-validate-both', ublValidateTool, outDir, flags, dir, ...ruleSets], {
			encoding: 'utf8',
		});
		if (run.error) throw run.error;
		const perRules = ruleSets.map((rules) => ({ rules, files: readToolOutput(outDir, rules) }));
		const files = perRules[0].files.map((first, index) => mergeFile(perRules.map(({ rules, files: all }) => ({ rules, result: all[index] })), first.file));
		const byName = new Map(files.map((result) => [path.basename(result.file), result]));
		return { files, byName, exitCode: files.some((file) => file.fatal > 0) ? 1 : 0 };
	} finally {
		rmSync(outDir, { recursive: true, force: true });
	}
}

function readToolOutput(outDir: string, rules: RuleSet): ToolFileResult[] {
	const read = (ext: string) => (existsSync(path.join(outDir, `${rules}.${ext}`)) ? readFileSync(path.join(outDir, `${rules}.${ext}`), 'utf8') : '');
	const status = Number(read('rc').trim());
	const stdout = read('json');
	if (status !== 0 && status !== 1) throw new Error(`ubl-validate --rules ${rules} failed (exit ${status}): ${read('err') || stdout}`);
	try {
		return (JSON.parse(stdout) as { files: ToolFileResult[] }).files;
	} catch {
		throw new Error(`ubl-validate --rules ${rules} printed no JSON: ${stdout.slice(0, 500)} ${read('err').slice(0, 500)}`);
	}
}

function mergeFile(results: Array<{ rules: RuleSet; result: ToolFileResult | undefined }>, file: string): UblFileResult {
	for (const { rules, result } of results) {
		if (result?.file !== file) throw new Error(`ubl-validate --rules ${rules} listed other files than the first rule set (${file})`);
	}
	const all = results as Array<{ rules: RuleSet; result: ToolFileResult }>;
	const first = all[0].result;
	return {
		file,
		profile: first.profile,
		xsdValid: first.xsdValid,
		xsdErrors: first.xsdErrors,
		rulesRan: all.every(({ result }) => result.rulesRan),
		fatal: all.reduce((sum, { result }) => sum + result.fatal, 0),
		warnings: all.reduce((sum, { result }) => sum + result.warnings, 0),
		findings: all.flatMap(({ rules, result }) => result.findings.map((finding) => ({ ...finding, rules }))),
		byRules: Object.fromEntries(
			all.map(({ rules, result }) => [rules, { fatal: result.fatal, warnings: result.warnings, rulesRan: result.rulesRan }]),
		) as UblFileResult['byRules'],
	};
}

/** Human-readable lines for every file with a fatal finding or an XSD error (for test failure output). */
export function describeFailures(validation: UblValidation): string[] {
	const lines: string[] = [];
	for (const result of validation.files) {
		if (result.fatal === 0 && result.xsdValid) continue;
		lines.push(`${path.basename(result.file)}: ${result.fatal} fatal`);
		if (!result.xsdValid) lines.push(`  [XSD] ${result.xsdErrors}`);
		for (const [rules, counts] of Object.entries(result.byRules)) {
			if (!counts.rulesRan) lines.push(`  [${rules}] the schematron run failed on this file`);
		}
		for (const finding of result.findings.filter((f) => f.flag === 'fatal')) {
			lines.push(`  [${finding.rules}] [${finding.rule}] ${finding.text} at ${finding.location}`);
		}
	}
	return lines;
}

/** Every warning finding with its file and rule set, for asserting that each one is explained. */
export function listWarnings(validation: UblValidation): Array<{ file: string; rule: string; text: string; rules: RuleSet }> {
	return validation.files.flatMap((result) =>
		result.findings
			.filter((f) => f.flag === 'warning')
			.map((f) => ({ file: path.basename(result.file), rule: f.rule, text: f.text, rules: f.rules })),
	);
}

/** Fatal and warning counts per rule set over every file (for reports and assertions). */
export function countsByRules(validation: UblValidation): Record<RuleSet, { files: number; fatal: number; warnings: number }> {
	const counts = {} as Record<RuleSet, { files: number; fatal: number; warnings: number }>;
	for (const result of validation.files) {
		for (const [rules, { fatal, warnings }] of Object.entries(result.byRules) as Array<[RuleSet, { fatal: number; warnings: number }]>) {
			const total = (counts[rules] ??= { files: 0, fatal: 0, warnings: 0 });
			total.files++;
			total.fatal += fatal;
			total.warnings += warnings;
		}
	}
	return counts;
}
