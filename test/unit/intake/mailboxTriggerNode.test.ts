// The node's adapter parts without n8n: what an intake becomes as items on the two outputs, and
// the state it keeps per workflow and node (keys in memory, cursor in static data).
import type { ITriggerFunctions } from 'n8n-workflow';

import type { MessageIntake } from '../../../core/intake';
import { forgetIntakeState, intakeStateFor } from '../../../nodes/NumNumMailboxTrigger/intakeState';
import { NumNumMailboxTrigger } from '../../../nodes/NumNumMailboxTrigger/NumNumMailboxTrigger.node';
import { intakeToOutputs } from '../../../nodes/NumNumMailboxTrigger/output';

function fakeContext(workflowId = 'wf1', staticData: Record<string, unknown> = {}) {
	const prepared: Array<{ bytes: Buffer; fileName: string; mimeType: string }> = [];
	const context = {
		getNode: () => ({ id: 'node-1', name: 'NumNum Mailbox Trigger' }),
		getWorkflow: () => ({ id: workflowId }),
		getWorkflowStaticData: () => staticData,
		helpers: {
			prepareBinaryData: async (bytes: Buffer, fileName: string, mimeType: string) => {
				prepared.push({ bytes, fileName, mimeType });
				return { data: 'stored', fileName, mimeType };
			},
		},
	} as unknown as ITriggerFunctions;
	return { context, prepared, staticData };
}

const email = { messageId: 'm1@numnum.test', from: 'NumNum <noreply@numnum.test>', date: '2026-11-20T10:00:00.000Z', subject: 'Export' };

describe('intakeToOutputs', () => {
	it('documents on the first output with the UBL bytes as received and the PDF; reasons on the second', async () => {
		const ubl = Buffer.from('<Invoice>exact bytes</Invoice>');
		const intake: MessageIntake = {
			key: 'k',
			email,
			documents: [
				{
					document: { id: 'doc_1', number: '2026-0001' },
					ubl: { fileName: '2026-0001.xml', contentType: 'application/xml', content: ubl },
					pdf: { fileName: '2026-0001.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') },
					notCarried: [{ path: '/Invoice/cbc:Note[2]', value: 'second note' }],
				},
				{ document: { id: 'doc_2', number: '2026-0002' }, ubl: { fileName: '2026-0002.xml', contentType: 'application/xml', content: Buffer.from('<Invoice/>') } },
			],
			rejections: [{ fileName: 'bad.xml', reason: 'the UBL bad.xml could not be read: line 1, column 5' }],
		};
		const { context, prepared } = fakeContext();
		const [documents, notRead] = await intakeToOutputs(context, intake);
		expect(documents.map((item) => item.json)).toEqual([
			{ id: 'doc_1', number: '2026-0001', email, notCarried: [{ path: '/Invoice/cbc:Note[2]', value: 'second note' }] },
			{ id: 'doc_2', number: '2026-0002', email },
		]);
		expect(Object.keys(documents[0].binary!)).toEqual(['ubl', 'pdf']);
		expect(Object.keys(documents[1].binary!)).toEqual(['ubl']);
		expect(prepared[0]).toEqual({ bytes: ubl, fileName: '2026-0001.xml', mimeType: 'application/xml' });
		expect(notRead).toEqual([{ json: { reason: 'the UBL bad.xml could not be read: line 1, column 5', fileName: 'bad.xml', email } }]);
	});
});

describe('intakeStateFor', () => {
	beforeEach(() => forgetIntakeState());

	it('remembers keys per workflow and node across activations in one process', () => {
		const first = intakeStateFor(fakeContext('wf1').context);
		expect(first.seen.has('a')).toBe(false);
		first.seen.add('a');
		expect(first.seen.has('a')).toBe(true);
		// Re-published: a new activation of the same workflow and node still knows the key.
		expect(intakeStateFor(fakeContext('wf1').context).seen.has('a')).toBe(true);
		// Another workflow watching the same mailbox gets every e-mail.
		expect(intakeStateFor(fakeContext('wf2').context).seen.has('a')).toBe(false);
	});

	it('keeps the cursor in static data and ignores a malformed one', () => {
		const staticData: Record<string, unknown> = {};
		const state = intakeStateFor(fakeContext('wf1', staticData).context);
		expect(state.loadCursor()).toBeUndefined();
		state.saveCursor({ uidValidity: '1796164615', lastUid: 42 });
		expect(staticData.mailboxCursor).toEqual({ uidValidity: '1796164615', lastUid: 42 });
		expect(intakeStateFor(fakeContext('wf1', staticData).context).loadCursor()).toEqual({ uidValidity: '1796164615', lastUid: 42 });
		for (const bad of [{ uidValidity: 1, lastUid: 2 }, { uidValidity: '1', lastUid: '2' }, '__proto__', null]) {
			expect(intakeStateFor(fakeContext('wf1', { mailboxCursor: bad }).context).loadCursor()).toBeUndefined();
		}
	});
});

describe('NumNum Mailbox Trigger description', () => {
	it('has two outputs (Documents, Not Read) and a tested IMAP credential', () => {
		const node = new NumNumMailboxTrigger();
		expect(node.description.outputNames).toEqual(['Documents', 'Not Read']);
		expect(node.description.credentials).toEqual([{ name: 'numNumImapApi', required: true, testedBy: 'testImapAccount' }]);
		expect(typeof node.methods.credentialTest.testImapAccount).toBe('function');
	});
});
