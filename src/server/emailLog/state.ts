/**
 * Each user's email-logging cursor, in their own user properties (a time-driven trigger runs as
 * its installer, so the trigger reads the same store as the person who turned logging on).
 */
import { parseCursor, type EmailLogCursor } from '../../core/emailLog';

export const CURSOR_PROPERTY = 'crm.emailLog';

export function readCursor(): EmailLogCursor | null {
  return parseCursor(PropertiesService.getUserProperties().getProperty(CURSOR_PROPERTY));
}

export function saveCursor(cursor: EmailLogCursor): void {
  PropertiesService.getUserProperties().setProperty(CURSOR_PROPERTY, JSON.stringify(cursor));
}

/** The handler of every user's logging trigger. */
export const EMAIL_LOG_HANDLER = 'logEmails';
