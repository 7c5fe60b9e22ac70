// The demo's sample invoice, made new for each start: its own id and number, so a second
// `npm start` sends an e-mail too instead of being skipped as already exported.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function freshSampleInvoice(documentsDir: string, startedAt: Date): Record<string, unknown> {
	const invoice = JSON.parse(fs.readFileSync(path.join(documentsDir, 'invoice.json'), 'utf8')) as Record<string, unknown>;
	const stamp = startedAt.toISOString().replace(/\D/g, '').slice(0, 14);
	return { ...invoice, id: `${String(invoice.id)}_demo_${stamp}`, number: `DEMO-${stamp}` };
}
