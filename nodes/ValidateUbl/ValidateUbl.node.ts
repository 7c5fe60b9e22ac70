import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { validateUbl, type RulesOption, type ValidationResult } from '../../core/validate';
import { validateUblProperties } from './properties';

/** The item JSON: the verdict, counts for an IF node, and every finding. */
export function validationJson(result: ValidationResult, fileName: string | undefined): IDataObject {
	return {
		valid: result.valid,
		profile: result.profile,
		rules: result.rules,
		rulesVersion: result.rulesVersion,
		fatal: result.findings.filter((f) => f.severity === 'fatal').length,
		warnings: result.findings.filter((f) => f.severity === 'warning').length,
		findings: result.findings as unknown as IDataObject[],
		...(fileName ? { fileName } : {}),
	};
}

export class ValidateUbl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Validate UBL',
		name: 'validateUbl',
		icon: { light: 'file:validateUbl.svg', dark: 'file:validateUbl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"auto": "Rules by date", "current": "Peppol BIS 3.0.21", "next": "Peppol BIS 3.0.22"}[$parameter["rules"]] }}',
		description: 'Check a UBL e-invoice against the official rules: UBL 2.1 XSD, EN 16931 and Peppol BIS Billing 3.0',
		defaults: {
			name: 'Validate UBL',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter["invalidOutput"] ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Valid" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Invalid" }] : ["${NodeConnectionTypes.Main}"] }}`,
		// An AI agent can ask whether an e-invoice passes the rules, and why not.
		usableAsTool: true,
		properties: validateUblProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const split = this.getNodeParameter('invalidOutput', 0, false) as boolean;
		const valid: INodeExecutionData[] = [];
		const invalid: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				const property = (this.getNodeParameter('binaryPropertyName', itemIndex, 'ubl') as string).trim() || 'ubl';
				const rules = this.getNodeParameter('rules', itemIndex, 'auto') as RulesOption;
				const binary = item.binary?.[property];
				if (!binary) {
					throw new NodeOperationError(this.getNode(), `No binary property '${property}' on the item: nothing to validate`, {
						itemIndex,
						description: 'Set "Input Binary Field" to the property that holds the UBL (Build UBL writes it to "ubl")',
					});
				}
				const xml = await this.helpers.getBinaryDataBuffer(itemIndex, property);
				const result = await validateUbl(xml, { rules });
				const out: INodeExecutionData = {
					json: { ...item.json, ...validationJson(result, binary.fileName) },
					binary: item.binary,
					pairedItem: { item: itemIndex },
				};
				(split && !result.valid ? invalid : valid).push(out);
			} catch (error) {
				if (this.continueOnFail()) {
					valid.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}

		return split ? [valid, invalid] : [valid];
	}
}
