// The problems found while a document is written, thrown all at once when writing is done.
import type { DocumentIssue } from '../model';
import { UblBuildError } from './errors';

/** Collects problems while the document is written, then throws them all at once. */
export class IssueCollector {
	readonly issues: DocumentIssue[] = [];

	add(path: string, message: string): void {
		this.issues.push({ path, message });
	}

	throwIfAny(): void {
		if (this.issues.length > 0) throw new UblBuildError(this.issues);
	}
}
