// What the mailbox intake makes of one e-mail: the documents it carries, or why it carries none.

/** Who sent the e-mail and which one it is, as the item's `email` field shows it. */
export interface EmailMeta {
	/** The Message-ID header without angle brackets; empty when the e-mail has none. */
	messageId: string;
	from: string;
	/** ISO 8601, from the Date header; empty when missing or unreadable. */
	date: string;
	subject: string;
}

export interface MailFile {
	fileName: string;
	contentType: string;
	content: Buffer;
}

/** One UBL of the e-mail, read: the document, the UBL's own bytes, and its PDF when there is one. */
export interface IntakeDocument {
	document: Record<string, unknown>;
	ubl: MailFile;
	pdf?: MailFile;
	/** Where the PDF came from: embedded in the UBL, or a PDF attachment with the UBL's base name. */
	pdfSource?: 'embedded' | 'attachment';
	notCarried?: ReadonlyArray<{ path: string; value: string; reason?: string }>;
}

/** An e-mail (or one of its UBL files) that gave no document, and why. */
export interface IntakeRejection {
	reason: string;
	/** The attachment that could not be read; absent when the e-mail has no UBL at all. */
	fileName?: string;
}

export interface MessageIntake {
	/** Stable for the same message however often it is delivered (Message-ID + UBL hashes). */
	key: string;
	email: EmailMeta;
	documents: IntakeDocument[];
	rejections: IntakeRejection[];
}

/** What reading one UBL gives; `readUbl` of core/read, adapted (see the node). */
export interface ReadUblOutcome {
	document: Record<string, unknown>;
	pdf?: MailFile;
	/** What the UBL says that the document contract has no field for (by XPath). */
	notCarried?: ReadonlyArray<{ path: string; value: string; reason?: string }>;
}

export type UblReader = (xml: Buffer) => ReadUblOutcome;
