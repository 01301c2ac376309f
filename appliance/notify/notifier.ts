import type { NotificationsConfig } from './notify-config.js';
import type { NotifyDispatcher } from './notify-dispatcher.js';
import type { NotifyMessage } from './notify-message.js';
import type { Outbox } from './outbox.js';

interface NotifyTargets {
  /** Email addresses; empty: no email. */
  emails: readonly string[];
  /** Also post to the group-chat webhooks (not for confidential content or personal nudges). */
  groups: boolean;
}

/** Turns "tell these people this" into outbox entries, one per channel, and wakes the dispatcher. */
export class Notifier {
  constructor(
    private readonly config: NotificationsConfig,
    private readonly outbox: Outbox,
    private readonly dispatcher: NotifyDispatcher | undefined,
    private readonly now: () => Date,
  ) {}

  notify(message: NotifyMessage, targets: NotifyTargets): number[] {
    const ids: number[] = [];
    const emails = [...new Set(targets.emails.map((e) => e.trim()).filter((e) => e.includes('@')))];
    if (this.config.email && emails.length > 0) ids.push(this.outbox.enqueue('email', message, emails, this.now()));
    if (targets.groups) {
      for (const hook of this.config.webhooks ?? []) {
        if (hook.kinds && !hook.kinds.includes(message.kind)) continue;
        ids.push(this.outbox.enqueue(hook.id, message, [], this.now()));
      }
    }
    if (ids.length > 0) this.dispatcher?.kick();
    return ids;
  }

  /** Facilities: the configured addresses plus every group channel. */
  notifyFacilities(message: NotifyMessage): number[] {
    return this.notify(message, { emails: this.config.facilities ?? [], groups: true });
  }
}
