// Our own sample documents (shipped in the package and used by the CLI, the demo and the example
// workflows) must each become a valid e-invoice: the official validator judges every UBL.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { parseDocument } from '../../../core/document';
import { buildUbl } from '../../../core/ubl';
import { repoRoot } from '../../helpers/numnumEvents';
import { countsByRules, describeFailures, validateUblDir } from '../../helpers/ubl-validate';

jest.setTimeout(120_000);

const dir = join(repoRoot, 'examples', 'documents');
const documents = readdirSync(dir)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, document: parseDocument(JSON.parse(readFileSync(join(dir, file), 'utf8'))) }));

describe('example documents', () => {
	it('cover every document type', () => {
		expect(documents.map(({ document }) => document.type).sort()).toEqual([
			'credit_note',
			'expense',
			'invoice',
			'proforma',
			'quote',
		]);
	});

	it('build into UBL that passes ubl-validate under both rule sets (3.0.21 and 3.0.22) with no fatal finding or warning (the quote is refused)', () => {
		const out = mkdtempSync(join(tmpdir(), 'example-documents-ubl-'));
		try {
			for (const { file, document } of documents) {
				if (document.type === 'quote') {
					expect(() => buildUbl(document)).toThrow(/quote/);
					continue;
				}
				writeFileSync(join(out, file.replace(/\.json$/, '.xml')), buildUbl(document).xml);
			}
			const validation = validateUblDir(out);
			expect(describeFailures(validation)).toEqual([]);
			expect(validation.files).toHaveLength(documents.length - 1);
			const files = documents.length - 1;
			expect(countsByRules(validation)).toEqual({ current: { files, fatal: 0, warnings: 0 }, next: { files, fatal: 0, warnings: 0 } });
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
	});
});
