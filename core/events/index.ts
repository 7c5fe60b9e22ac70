export { DOCUMENT_TYPES_BY_EVENT, EVENT_TYPES, parseEvent, parseEventJson } from './envelope';
export type { EventParseResult, EventType, NumNumEvent } from './envelope';
export { selectEvent } from './filters';
export type { EventFilters, FilterResult } from './filters';
export { DEFAULT_SEEN_MAX_ENTRIES, DEFAULT_SEEN_TTL_SECONDS, SeenEventIds } from './seenEventIds';
export type { SeenEventIdsOptions, SeenEventIdsSnapshot } from './seenEventIds';
export { receiveEvent } from './receive';
export type { Delivery, DeliveryInput, DeliveryResponse } from './receive';
