// Reading UBL back into NumNum documents.
export { readUbl } from './readUbl';
export { UblReadError, formatReadIssue, type UblReadIssue } from './errors';
export type {
	DocumentJson,
	NotCarried,
	ReadAttachment,
	ReadUblOptions,
	ReadUblResult,
	UblHeader,
} from './types';
