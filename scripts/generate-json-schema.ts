// Writes core/document/numnum-document.schema.json, the published JSON Schema of the NumNum document
// contract, from the zod schema (input form: what a sender writes, before defaults and normalisation).
// Run: npx tsx scripts/generate-json-schema.ts   (a unit test fails when the committed file drifts)
import { writeFileSync } from 'fs';
import { resolve } from 'path';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';
import { jsonSchemaOverrides } from '../core/document/fields';
import { documentInputSchema } from '../core/document/schema';

export const schemaPath = resolve(__dirname, '..', 'core', 'document', 'numnum-document.schema.json');

export function generateJsonSchema(): Record<string, unknown> {
	// The cast only spares tsc a too-deep generic instantiation of the large schema type.
	const input = documentInputSchema as unknown as Parameters<typeof zodToJsonSchema>[0];
	const schema = zodToJsonSchema(input, {
		name: 'NumNumDocument',
		target: 'jsonSchema7',
		effectStrategy: 'input',
		pipeStrategy: 'input',
		$refStrategy: 'root',
		// Our objects strip unknown keys: they are allowed (optional additions), so say additionalProperties: true.
		removeAdditionalStrategy: 'strict',
		override: (def) => jsonSchemaOverrides.get(def) ?? ignoreOverride,
	}) as Record<string, unknown>;
	return {
		$schema: schema.$schema,
		$id: 'https://github.com/n8n-nodes-numnum-yuki/schema/numnum-document.schema.json',
		title: 'NumNum document (contract v1)',
		description:
			'The JSON every node of n8n-nodes-numnum-yuki speaks. Unknown fields are allowed and ignored; null counts as absent. ' +
			'Check digits (KBO/BCE, VAT, IBAN, structured communication), VAT category rules and totals are checked by parseDocument, not by this schema.',
		...schema,
	};
}

export const renderJsonSchema = (): string => `${JSON.stringify(generateJsonSchema(), null, '\t')}\n`;

if (require.main === module) {
	writeFileSync(schemaPath, renderJsonSchema());
	console.log(`wrote ${schemaPath}`);
}
