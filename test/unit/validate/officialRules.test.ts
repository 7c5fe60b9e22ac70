// The copy of the official rules the package compiles and ships must be the rules in
// ../shared/validation byte for byte (current and next). Re-copy: npm run rules:copy
import { readFileSync } from 'fs';
import * as path from 'path';
import { copiedFiles } from '../../../scripts/rules/copy';
import { officialDir, sharedValidation } from '../../../scripts/rules/paths';

describe('copied official rules', () => {
	it.each(copiedFiles())('%s equals ../shared/validation', (file) => {
		expect(readFileSync(path.join(officialDir, file)).equals(readFileSync(path.join(sharedValidation, file)))).toBe(true);
	});

	it('hold the current and the next Peppol rules, the CEN rules and the UBL 2.1 XSD', () => {
		expect(copiedFiles()).toEqual(
			expect.arrayContaining([
				'rules/CEN-EN16931-UBL.sch',
				'rules/PEPPOL-EN16931-UBL.sch',
				'rules/next/PEPPOL-EN16931-UBL.sch',
				'xsd/maindoc/UBL-Invoice-2.1.xsd',
				'xsd/maindoc/UBL-CreditNote-2.1.xsd',
				'xsd/common/UBL-CommonAggregateComponents-2.1.xsd',
			]),
		);
		expect(readFileSync(path.join(officialDir, 'SOURCES.md'), 'utf8')).toMatch(/EUPL 1\.2/);
	});
});
