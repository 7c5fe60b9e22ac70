// Build UBL's "Check Against the Official Rules" (default off while a check costs ~1.5 s): a UBL the official rules refuse is an
// error with the findings, not an output. The writer never emits such a UBL on purpose, so here it is
// made to: the mocked buildUbl writes the real UBL with an invalid currency code (BR-CL-04).
import { readFileSync } from 'fs';
import * as path from 'path';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ensureCompiled } from '../../../scripts/rules/compile';

jest.mock('../../../core/ubl', () => {
	const actual = jest.requireActual('../../../core/ubl');
	return {
		...actual,
		buildUbl: (...args: unknown[]) => {
			const result = actual.buildUbl(...args);
			return { ...result, xml: result.xml.replace(/<cbc:DocumentCurrencyCode>EUR</, '<cbc:DocumentCurrencyCode>EURO<') };
		},
	};
});
import { BuildUbl } from '../../../nodes/BuildUbl/BuildUbl.node';

const examples = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'spec', 'examples');
const invoice = JSON.parse(readFileSync(path.join(examples, 'invoice.json'), 'utf8')) as IDataObject;
const node: INode = { id: 'b', name: 'Build UBL', type: 'CUSTOM.buildUbl', typeVersion: 1, position: [0, 0], parameters: {} };

async function run(parameters: IDataObject, continueOnFail = false): Promise<INodeExecutionData[]> {
	const context = {
		getInputData: () => [{ json: invoice }],
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		continueOnFail: () => continueOnFail,
		getNode: () => node,
		helpers: { prepareBinaryData: async (data: Buffer, fileName?: string) => ({ data: data.toString('base64'), fileName, mimeType: 'application/xml' }) },
	} as unknown as IExecuteFunctions;
	return (await new BuildUbl().execute.call(context))[0];
}

beforeAll(() => ensureCompiled(), 600_000);

describe('Build UBL: Check Against the Official Rules', () => {
	it('is off by default: the UBL passes on unchecked', async () => {
		const [item] = await run({});
		expect(Buffer.from(item.binary!.ubl.data, 'base64').toString('utf8')).toContain('EURO');
	}, 120_000);

	it('when on, the failing UBL is an error naming the rule', async () => {
		const error = await run({ options: { checkRules: true } }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/^The UBL fails the official rules \(Peppol BIS Billing 3\.0\.2\d, EN 16931 1\.3\.16\): .*\[BR-CL-04\]/);
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
	}, 120_000);

	it('sends the failing UBL to the error output with its findings under continueOnFail', async () => {
		const [item] = await run({ options: { checkRules: true } }, true);
		expect(item.json.error).toMatch(/BR-CL-04/);
		const details = item.json.details as IDataObject;
		expect(details.findings).toContainEqual(expect.objectContaining({ ruleId: 'BR-CL-04', severity: 'fatal' }));
		expect(details.issues).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^\[BR-CL-04\]/) }));
		expect(item.binary).toBeUndefined();
	}, 120_000);

	it('passes the UBL on unchecked when switched off', async () => {
		const [item] = await run({ options: { checkRules: false } });
		expect(Buffer.from(item.binary!.ubl.data, 'base64').toString('utf8')).toContain('EURO');
	}, 120_000);
});
