// Which events a trigger passes on: by event type and by document type. An empty list selects all.
import type { DocumentType } from '../model';
import type { EventType, NumNumEvent } from './envelope';

export interface EventFilters {
	eventTypes?: readonly EventType[];
	documentTypes?: readonly DocumentType[];
}

export type FilterResult = { selected: true } | { selected: false; reason: string };

export function selectEvent(event: Pick<NumNumEvent, 'type' | 'document'>, filters: EventFilters): FilterResult {
	const { eventTypes = [], documentTypes = [] } = filters;
	if (eventTypes.length > 0 && !eventTypes.includes(event.type)) {
		return { selected: false, reason: `event type ${event.type} is not selected (selected: ${eventTypes.join(', ')})` };
	}
	const documentType = event.document.type;
	if (documentTypes.length > 0 && !documentTypes.includes(documentType)) {
		return {
			selected: false,
			reason: `document type ${documentType} is not selected (selected: ${documentTypes.join(', ')})`,
		};
	}
	return { selected: true };
}
