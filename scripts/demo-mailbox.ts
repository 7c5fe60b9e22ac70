// The demo's mailbox part (npm start): a local Dovecot standing in for the mailbox NumNum exports
// to, the "NumNum export mailbox" credential pointing at it, and — once the example workflow
// is published — one NumNum-style export e-mail with TWO documents dropped into it, so the
// newcomer sees the trigger split it and both documents arrive in the web inbox (twice: the
// example sends to Yuki and to the own administration).
import * as fs from 'node:fs';

import { dropMails, exportEmail, numberedDocument } from '../test/helpers/imap';
import type { N8nInstance, N8nWorkflowJson } from '../test/helpers/n8n';
import { DOVECOT_BINARY, startDovecot, type DovecotServer } from './dovecot';

const MAILBOX_TRIGGER_TYPE = 'n8n-nodes-numnum-yuki.numNumMailboxTrigger';

export interface DemoMailbox {
	server: DovecotServer;
	credential: { name: string; type: string; data: Record<string, unknown> };
	/** Publishes the mailbox example and drops the two-document export into the mailbox. */
	publishAndDrop(n8n: N8nInstance, workflows: Array<{ id: string; name: string; active: boolean; json: N8nWorkflowJson }>): Promise<string | undefined>;
	stop(): Promise<void>;
}

/** Undefined (with the reason logged) when Dovecot is not installed. */
export async function startDemoMailbox(port: number, log: (message: string) => void): Promise<DemoMailbox | undefined> {
	if (!fs.existsSync(DOVECOT_BINARY)) {
		log(`MISSING: ${DOVECOT_BINARY} (sudo apt-get install dovecot-imapd): the mailbox example is imported but not published`);
		return undefined;
	}
	// Throwaway: a fresh mailbox in a temp folder each run (Dovecot's own users must be able to enter
	// it, which a folder inside a home directory may not allow); the trigger's cursor sees the new
	// UIDVALIDITY and starts over.
	// A fixed port when free, so a workflow published in an earlier run reconnects when n8n starts.
	const server = await startDovecot({ port, users: [{ user: 'numnum-exports', password: 'demo-exports-2026' }] });
	const user = server.users[0];
	log(`local IMAP mailbox on 127.0.0.1:${server.port} (user ${user.user}, Dovecot, folder ${server.dir})`);
	return {
		server,
		credential: {
			name: 'NumNum export mailbox (local demo Dovecot)',
			type: 'numNumImapApi',
			data: { host: server.host, port: server.port, security: 'starttls', user: user.user, password: user.password, allowSelfSigned: true },
		},
		async publishAndDrop(n8n, workflows) {
			const example = workflows.find((w) => w.json.nodes.some((n) => n.type === MAILBOX_TRIGGER_TYPE));
			if (!example) {
				log('MISSING: an example workflow with the NumNum Mailbox Trigger');
				return undefined;
			}
			if (!example.active) await n8n.activate(example.id);
			log(`published "${example.name}": it watches INBOX of ${user.user}@127.0.0.1:${server.port}`);
			const before = (await n8n.getExecutions(example.id, { includeData: false })).length;
			const documents = [numberedDocument(Date.now() % 10_000), numberedDocument((Date.now() + 1) % 10_000, 'credit-note')];
			await dropMails(server, [await exportEmail({ documents, subject: `NumNum export: ${documents.map((d) => d.number).join(', ')}` })]);
			log(`dropped a NumNum-style export e-mail with two documents (${documents.map((d) => d.number).join(', ')}) into the mailbox…`);
			const [latest] = await n8n.waitForExecutions(example.id, before + 1, 120_000);
			log(`the mailbox workflow ran (${latest.status}): two items, each sent to Yuki and to the own administration; see the web inbox`);
			return example.id;
		},
		stop: () => server.destroy(),
	};
}
