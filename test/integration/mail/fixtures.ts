// Shared pieces of the mail integration tests: documents from the spec examples, their files,
// and a minimal IExecuteFunctions for driving the node's execute() against a real SMTP sink.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

const repoRoot = resolve(__dirname, '..', '..', '..');
export const examplesDir = resolve(repoRoot, '..', 'shared', 'spec', 'examples');

export function example(name: 'invoice' | 'credit-note' | 'proforma' | 'expense' | 'intra-community'): IDataObject {
	return JSON.parse(readFileSync(resolve(examplesDir, `${name}.json`), 'utf8')) as IDataObject;
}

/** A document with its own id/number, built from the invoice example. */
export function invoiceDoc(n: number, overrides: IDataObject = {}): IDataObject {
	return { ...example('invoice'), id: `doc_${n}`, number: `2026-${String(n).padStart(4, '0')}`, ...overrides };
}

export interface DocFiles {
	ubl: Buffer;
	pdf: Buffer;
}

/** Distinct, binary-heavy contents so byte-identity checks mean something. */
export function filesFor(doc: IDataObject, ublBytes = 2048): DocFiles {
	const ubl = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Invoice id="${String(doc.id)}"><Blob>${randomBytes(ublBytes).toString('base64')}</Blob></Invoice>\n`);
	const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);
	return { ubl, pdf };
}

/** An n8n item as Build UBL produces it: the document JSON plus `ubl` (and `pdf`) binaries. */
export function itemFor(doc: IDataObject, files: DocFiles, withPdf = true): INodeExecutionData {
	return {
		json: doc,
		binary: {
			ubl: { data: files.ubl.toString('base64'), mimeType: 'application/xml', fileName: `Factuur_${String(doc.number)}.xml` },
			...(withPdf ? { pdf: { data: files.pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'whatever.pdf' } } : {}),
		},
	};
}

/**
 * n8n's processed-data store semantics for mode 'entries' (check-and-record, remove), including its
 * weak spot: each call reads the whole list, waits for the database, then writes the list back, so
 * two calls that overlap lose the first one's keys. `holdCall(n, until)` makes call n wait for
 * `until` before it writes; `failCall(n, error)` makes call n fail.
 */
export class FakeProcessedStore {
	values = new Set<string>();
	calls = 0;
	/** The keys of each check-and-record call, in order. */
	readonly recordCalls: string[][] = [];
	private readonly holds = new Map<number, Promise<unknown>>();
	private readonly failures = new Map<number, Error>();

	holdCall(call: number, until: Promise<unknown>): void {
		this.holds.set(call, until);
	}

	failCall(call: number, error: Error): void {
		this.failures.set(call, error);
	}

	private async databaseRoundTrip(call: number): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		await this.holds.get(call);
		const failure = this.failures.get(call);
		if (failure) throw failure;
	}

	/** `maxEntries`: as n8n, the oldest entries beyond it are dropped after the new ones were added. */
	async checkProcessedAndRecord(items: string[], options: { maxEntries?: number } = {}) {
		const call = ++this.calls;
		this.recordCalls.push([...items]);
		const list = new Set(this.values); // findOne
		const result = { new: [] as string[], processed: [] as string[] };
		for (const item of items) {
			if (list.has(item)) result.processed.push(item);
			else {
				result.new.push(item);
				list.add(item);
			}
		}
		if (options.maxEntries) for (const oldest of [...list].slice(0, Math.max(0, list.size - options.maxEntries))) list.delete(oldest);
		await this.databaseRoundTrip(call);
		this.values = list; // update of the whole list
		return result;
	}

	async removeProcessed(items: string[]) {
		const call = ++this.calls;
		const list = new Set(this.values);
		for (const item of items) list.delete(item);
		await this.databaseRoundTrip(call);
		this.values = list;
	}
}

export interface ContextOptions {
	items: INodeExecutionData[];
	params: Record<string, unknown>;
	credentials: Record<string, unknown>;
	staticData?: IDataObject;
	continueOnFail?: boolean;
	store?: FakeProcessedStore;
	/** n8n's execution mode as getMode() returns it (default: a published workflow's `trigger`). */
	mode?: string;
	/** getWorkflow().id (default `wf-1`): runs of the same workflow and node share in-flight deliveries. */
	workflowId?: string;
}

export function executeContext(options: ContextOptions): { context: IExecuteFunctions; staticData: IDataObject; binaryReads: number[] } {
	const staticData = options.staticData ?? {};
	const binaryReads: number[] = [];
	const helpers: Record<string, unknown> = {
		async getBinaryDataBuffer(itemIndex: number, property: string) {
			binaryReads.push(itemIndex);
			const binary = options.items[itemIndex].binary?.[property];
			if (!binary) throw new Error(`no binary ${property}`);
			return Buffer.from(binary.data, 'base64');
		},
	};
	if (options.store) {
		const store = options.store;
		helpers.checkProcessedAndRecord = async (items: string[], _scope: string, options: { maxEntries?: number }) => await store.checkProcessedAndRecord(items, options);
		helpers.removeProcessed = async (items: string[]) => await store.removeProcessed(items);
	}
	const context = {
		getInputData: () => options.items,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in options.params ? options.params[name] : fallback),
		getCredentials: async () => options.credentials,
		getWorkflowStaticData: () => staticData,
		continueOnFail: () => options.continueOnFail === true,
		getMode: () => options.mode ?? 'trigger',
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-1', name: 'Export', active: true }),
		getNode: () => ({ id: 'node-1', name: 'Send to Yuki Inbox', type: 'CUSTOM.sendToYukiInbox', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers,
	};
	return { context: context as unknown as IExecuteFunctions, staticData, binaryReads };
}
