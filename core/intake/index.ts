// Mailbox intake: NumNum's export e-mails (or any e-mail with UBL attachments) → documents,
// exactly once per message.
export { checkImapSettings, describeImapError, imapFlowOptions, ImapSettingsError, verifyImap } from './connection';
export type { ImapCheck, ImapSecurity, ImapSettings } from './connection';
export { DEFAULT_MAX_MESSAGE_BYTES, emailMetaOf, readExportMail } from './exportMail';
export type { ReadExportMailOptions } from './exportMail';
export { HANDLED_KEYWORD, MailboxWatcher } from './mailbox';
export type { AfterHandling, MailboxCursor, MailboxWatcherOptions, WatcherLogger } from './mailbox';
export { messageKey, ublHash } from './messageKey';
export type { EmailMeta, IntakeDocument, IntakeRejection, MailFile, MessageIntake, ReadUblOutcome, UblReader } from './types';
export { isUbl, rootElementName } from './ublSniff';
export { readUblForIntake, ublReaderFor } from './readUbl';
