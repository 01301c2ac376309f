import type { Transporter } from 'nodemailer';
import type { EmailChannelConfig } from './notify-config.js';
import { plainTextToHtml } from './minutes-html.js';
import type { NotifyMessage } from './notify-message.js';
import { NotifyFailure } from './webhook-sender.js';

/** SMTP through nodemailer, with timeouts short enough that a dead server costs little. */
export class EmailSender {
  private transporter: Transporter | undefined;

  constructor(private readonly config: EmailChannelConfig) {}

  // nodemailer is loaded on the first email, not at start: most hours of a room send none,
  // and the idle footprint of a mini-PC counts.
  private async transport(): Promise<Transporter> {
    const c = this.config;
    const timeout = c.timeoutMs ?? 15_000;
    if (this.transporter) return this.transporter;
    const { default: nodemailer } = await import('nodemailer');
    this.transporter = nodemailer.createTransport({
      host: c.host,
      port: c.port ?? 587,
      secure: c.secure ?? false,
      requireTLS: c.requireTLS ?? false,
      auth: c.username ? { user: c.username, pass: c.password ?? '' } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    return this.transporter;
  }

  async send(to: readonly string[], message: NotifyMessage): Promise<string> {
    // The whole text, and where it can be read online, in both parts of the mail.
    const body = message.link ? `${message.text}\n${message.link}` : message.text;
    try {
      const info = await (await this.transport()).sendMail({
        from: this.config.from,
        to: [...to],
        subject: message.title,
        text: message.link ? `${body}\n` : body,
        html: plainTextToHtml(message.title, body, message.locale ?? 'en'),
        // RFC 3834: a machine wrote this; out-of-office replies and auto-forwarders leave it alone.
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
      return String(info.messageId ?? 'sent');
    } catch (err) {
      // SMTP 5xx (no such mailbox, refused, authentication) will not change by itself; 4xx and a
      // lost connection may. nodemailer puts the server's code in `responseCode`.
      const code = (err as { responseCode?: number }).responseCode;
      const permanent = typeof code === 'number' && code >= 500;
      throw new NotifyFailure(`Email to ${to.join(', ')} via ${this.config.host}:${this.config.port ?? 587} failed: ${(err as Error).message}`, permanent);
    }
  }

  close(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }
}
