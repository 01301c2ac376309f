import { afterEach } from 'vitest';
import type { NotificationsConfig, WebhookChannelConfig } from '../../notify/notify-config.js';
import { startHttpReceiver, type HttpReceiver, type Reply } from '../../notify/testing/http-receiver.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../notify/testing/smtp-recorder.js';
import { roomFixture, type RoomFixture, type RoomFixtureOptions } from './room-fixture.js';

export interface MailingRoom {
  fx: RoomFixture;
  /** Every mail the room sent (from aurora@example.com). */
  smtp: SmtpRecorder;
  /** Every chat message the room's webhooks posted. */
  chat: HttpReceiver;
}

export interface MailingRoomOptions extends Omit<RoomFixtureOptions, 'notifications'> {
  /** The room's chat webhooks, given the receiver's URL. */
  webhooks?: (chatUrl: string) => WebhookChannelConfig[];
  /** What the chat receiver answers (by default 200 `ok`). */
  chatReply?: Reply;
  /** The rest of the notifications section (facilities' addresses…); the email channel is the recorder. */
  notifications?: Omit<NotificationsConfig, 'email' | 'webhooks'>;
}

/**
 * A meeting room fixture whose mail goes to a real SMTP recorder and whose chat webhooks go to a
 * real HTTP receiver, for the tests of one file; all closed after each test.
 */
export function useMailingRoom(): (options: MailingRoomOptions) => Promise<MailingRoom> {
  let opened: Partial<MailingRoom> = {};
  afterEach(async () => {
    await opened.fx?.close();
    await opened.smtp?.close();
    await opened.chat?.close();
    opened = {};
  });
  return async ({ webhooks, chatReply, notifications, ...room }) => {
    const smtp = await startSmtpRecorder();
    opened.smtp = smtp;
    const chat = await startHttpReceiver(chatReply);
    opened.chat = chat;
    const fx = roomFixture({
      ...room,
      notifications: {
        email: { host: '127.0.0.1', port: smtp.port, from: 'aurora@example.com' },
        ...notifications,
        ...(webhooks ? { webhooks: webhooks(chat.url) } : {}),
      },
    });
    opened.fx = fx;
    return { fx, smtp, chat };
  };
}
