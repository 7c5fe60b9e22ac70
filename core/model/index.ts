// The document model: what parseDocument produces and every other part of core reads.
export * from './document';
