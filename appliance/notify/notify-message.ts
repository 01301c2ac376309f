import type { NotifyKind } from './notify-config.js';

/** One notification, before it is shaped for a channel. */
export interface NotifyMessage {
  kind: NotifyKind;
  /** One line: email subject, card title. */
  title: string;
  /** Plain text with simple "- " bullet lines; each channel shapes it as it can. */
  text: string;
  meetingId?: string;
  /**
   * Where the whole text can be read (the meeting's page, without its access code): a chat
   * tool that cannot take the whole text gets a shortened one ending in this link.
   */
  link?: string;
  /** The language the text is in (the room's): what the notify layer adds itself (a shortened text's note, the email's `lang`) follows it. English when absent. */
  locale?: 'en' | 'zh-CN';
  /** Structured content for the generic JSON webhook. */
  data?: Record<string, unknown>;
  /** Files for email (minutes as Markdown/JSON, action items as .ics). */
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** Room identity every message carries. */
export interface NotifyRoom {
  id: string;
  name: string;
  site: string;
}
