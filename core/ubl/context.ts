// What every part of the writer needs to know about the document being written.
import type { NumNumDocument, VatCategory } from '../model';
import type { ComputedTotals } from '../money/types';
import type { IssueCollector } from './issues';
import type { DocumentKind, UblProfile } from './profile';

export interface CategoryUse {
	category: VatCategory;
	/** Field path of the VAT info, e.g. `lines.2.vat`. */
	path: string;
}

export interface UblContext {
	doc: NumNumDocument;
	totals: ComputedTotals;
	kind: DocumentKind;
	profile: UblProfile;
	/** Every VAT category used, with where (lines, allowances, charges). */
	categoryUses: CategoryUse[];
	/** BR-O-02…04: a document not subject to VAT (category O) carries no VAT identifiers. */
	withoutVatIds: boolean;
	issues: IssueCollector;
	warnings: string[];
}

export const hasCategory = (ctx: UblContext, category: VatCategory) => ctx.categoryUses.some((use) => use.category === category);
