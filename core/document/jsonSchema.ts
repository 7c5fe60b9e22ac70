// Where the published JSON Schema of the contract lives (copied next to the compiled code by gulp).
import { readFileSync } from 'fs';
import { join } from 'path';

export const documentJsonSchemaPath = join(__dirname, 'numnum-document.schema.json');

/** The JSON Schema (draft-07) of the NumNum document contract v1, input form. */
export function loadDocumentJsonSchema(): Record<string, unknown> {
	return JSON.parse(readFileSync(documentJsonSchemaPath, 'utf8'));
}
