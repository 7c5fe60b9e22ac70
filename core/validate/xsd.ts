// The OASIS UBL 2.1 schema check, with libxml2 compiled to WebAssembly (xmllint-wasm, MIT): the
// same library the oracle's xmllint uses. The schema files are the copied official ones.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';
import type { Finding } from './types';

const xsdDir = join(__dirname, 'official', 'xsd');
let schemaFiles: XMLFileInfo[] | undefined;

function schemas(): XMLFileInfo[] {
	schemaFiles ??= ['common', 'maindoc'].flatMap((dir) =>
		readdirSync(join(xsdDir, dir))
			.filter((f) => f.endsWith('.xsd'))
			.map((f) => ({ fileName: `${dir}/${f}`, contents: readFileSync(join(xsdDir, dir, f), 'utf8') })),
	);
	return schemaFiles;
}

export async function checkXsd(xml: string, root: 'Invoice' | 'CreditNote'): Promise<Finding[]> {
	const main = `maindoc/UBL-${root}-2.1.xsd`;
	const all = schemas();
	const result = await validateXML({
		xml: [{ fileName: 'document.xml', contents: xml }],
		schema: all.filter((f) => f.fileName === main),
		preload: all.filter((f) => f.fileName !== main),
		// the default 32 MiB is too small for a UBL with an embedded PDF of a few MB
		maxMemoryPages: memoryPages.GiB,
	});
	return result.errors.map((e) => ({
		ruleId: 'UBL-XSD',
		severity: 'fatal',
		message: e.message,
		location: e.loc ? `line ${e.loc.lineNumber}` : '',
		businessTerms: [],
	}));
}
