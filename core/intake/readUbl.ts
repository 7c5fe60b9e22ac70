// Read UBL (core/read) as the intake needs it: the document, and the embedded PDF as a mail file.
import { readUbl } from '../read';
import type { ReadUblOptions } from '../read';
import type { UblReader } from './types';

export function ublReaderFor(options: ReadUblOptions = {}): UblReader {
	return (xml) => {
		const read = readUbl(xml, options);
		return {
			document: read.document as unknown as Record<string, unknown>,
			notCarried: read.notCarried,
			...(read.pdf ? { pdf: { fileName: read.pdf.fileName, contentType: read.pdf.mimeType, content: read.pdf.bytes } } : {}),
		};
	};
}

export const readUblForIntake: UblReader = ublReaderFor();
