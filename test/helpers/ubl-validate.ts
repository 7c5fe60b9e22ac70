// Runs the official rules (../shared/tools/ubl-validate: UBL 2.1 XSD, CEN EN 16931 and, for Peppol
// documents, Peppol BIS 3.0 schematron) ONCE over a folder and returns the per-file results.
// One call costs ~10 s (JVM + compiling the schematron), so tests write all their XML first.
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const ublValidateTool = path.join(sharedDir, 'tools', 'ubl-validate');

export interface UblFinding {
	rule: string;
	flag: 'fatal' | 'warning' | string;
	location: string;
	text: string;
}

export interface UblFileResult {
	/** Absolute path of the validated file. */
	file: string;
	/** `peppol` when the Peppol rules ran too (CustomizationID names Peppol BIS 3.0). */
	profile: 'peppol' | 'en16931';
	xsdValid: boolean;
	xsdErrors?: string;
	rulesRan: boolean;
	/** Fatal findings, counting an XSD failure and a schematron run that failed as one each. */
	fatal: number;
	warnings: number;
	findings: UblFinding[];
}

export interface UblValidation {
	files: UblFileResult[];
	/** Per file name (basename) for convenient lookup. */
	byName: Map<string, UblFileResult>;
	exitCode: number;
}

/** Validates every *.xml in `dir` with one ubl-validate call. Throws when the tool cannot run at all. */
export function validateUblDir(dir: string, options: { forcePeppol?: boolean; rules?: 'current' | 'next' } = {}): UblValidation {
	if (!existsSync(ublValidateTool)) throw new Error(`ubl-validate not found at ${ublValidateTool}`);
	const args = ['--json', ...(options.forcePeppol ? ['--peppol'] : []), ...(options.rules ? ['--rules', options.rules] : []), dir];
	const run = spawnSync(ublValidateTool, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
	if (run.error) throw run.error;
	// Exit 0: all valid, 1: some file has a fatal finding; 2 (or anything else): the tool could not run.
	if (run.status !== 0 && run.status !== 1) {
		throw new Error(`ubl-validate failed (exit ${run.status}): ${run.stderr || run.stdout}`);
	}
	let parsed: { files: UblFileResult[] };
	try {
		parsed = JSON.parse(run.stdout);
	} catch {
		throw new Error(`ubl-validate printed no JSON: ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`);
	}
	const byName = new Map(parsed.files.map((result) => [path.basename(result.file), result]));
	return { files: parsed.files, byName, exitCode: run.status };
}

/** Human-readable lines for every file with a fatal finding or an XSD error (for test failure output). */
export function describeFailures(validation: UblValidation): string[] {
	const lines: string[] = [];
	for (const result of validation.files) {
		if (result.fatal === 0 && result.xsdValid) continue;
		lines.push(`${path.basename(result.file)}: ${result.fatal} fatal`);
		if (!result.xsdValid) lines.push(`  [XSD] ${result.xsdErrors}`);
		if (!result.rulesRan) lines.push('  [rules] the schematron run failed on this file');
		for (const finding of result.findings.filter((f) => f.flag === 'fatal')) {
			lines.push(`  [${finding.rule}] ${finding.text} at ${finding.location}`);
		}
	}
	return lines;
}

/** Every warning finding as `file: RULE text`, for asserting that each one is explained. */
export function listWarnings(validation: UblValidation): Array<{ file: string; rule: string; text: string }> {
	return validation.files.flatMap((result) =>
		result.findings.filter((f) => f.flag === 'warning').map((f) => ({ file: path.basename(result.file), rule: f.rule, text: f.text })),
	);
}
