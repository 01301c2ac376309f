import { randomUUID } from 'node:crypto';
import { FAULTS } from './onvif-soap.js';
import { SimFault, type OperationHandler } from './onvif-sim-context.js';
import { child, escapeXml, textOf } from './onvif-xml.js';

/** One notification, as the camera queues it for each pull point. */
export interface SimEvent {
  topic: string;
  utcTime: string;
  source: Record<string, string>;
  data: Record<string, string>;
}

interface Subscription {
  queue: SimEvent[];
  terminationTime: number;
  wake?: () => void;
}

/** Events a subscriber may leave unpulled before the oldest are dropped (a camera's buffer is finite too). */
const QUEUE_LIMIT = 100;
const MAX_SUBSCRIPTIONS = 16;

/** ISO 8601 duration (`PT1M`, `PT0.5S`, `PT2H`) → ms; undefined for anything else. */
export function durationMs(text: string | undefined): number | undefined {
  const m = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text ?? '');
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Math.round(((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000);
}

/**
 * The ONVIF pull-point event service (CreatePullPointSubscription, PullMessages, Renew,
 * Unsubscribe). A pull waits for an event up to `maxWaitMs` (the client asks for a minute;
 * answering sooner with nothing is allowed), so a dead subscriber costs no more than that.
 */
export class OnvifSimEvents {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly baseUrl: string,
    private readonly maxWaitMs = 1000,
  ) {}

  publish(event: Omit<SimEvent, 'utcTime'>): void {
    const now = Date.now();
    for (const [id, s] of this.subscriptions) {
      if (s.terminationTime < now) {
        this.subscriptions.delete(id);
        continue;
      }
      s.queue.push({ ...event, utcTime: new Date(now).toISOString() });
      if (s.queue.length > QUEUE_LIMIT) s.queue.shift();
      s.wake?.();
    }
  }

  get subscriberCount(): number {
    return this.subscriptions.size;
  }

  readonly operations: Record<string, OperationHandler> = {
    CreatePullPointSubscription: (_ctx, request) => {
      if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) this.subscriptions.delete(this.subscriptions.keys().next().value!);
      const id = randomUUID();
      const ttl = durationMs(textOf(child(request, 'InitialTerminationTime'))) ?? 60_000;
      this.subscriptions.set(id, { queue: [], terminationTime: Date.now() + ttl });
      return (
        `<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><wsa5:Address>${this.baseUrl}/onvif/subscription/${id}</wsa5:Address></tev:SubscriptionReference>` +
        `${this.times(id)}</tev:CreatePullPointSubscriptionResponse>`
      );
    },
    PullMessages: async (_ctx, request, _envelope, path) => {
      const id = this.idOf(path);
      const s = this.subscriptions.get(id)!;
      const limit = Math.max(1, Number(textOf(child(request, 'MessageLimit')) ?? 10) || 10);
      if (s.queue.length === 0) {
        const waitMs = Math.min(this.maxWaitMs, durationMs(textOf(child(request, 'Timeout'))) ?? this.maxWaitMs);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          s.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        s.wake = undefined;
      }
      const messages = s.queue.splice(0, limit).map(notification).join('');
      return `<tev:PullMessagesResponse>${this.times(id, 'tev')}${messages}</tev:PullMessagesResponse>`;
    },
    Renew: (_ctx, request, _envelope, path) => {
      const id = this.idOf(path);
      this.subscriptions.get(id)!.terminationTime = Date.now() + (durationMs(textOf(child(request, 'TerminationTime'))) ?? 60_000);
      return `<wsnt:RenewResponse>${this.times(id)}</wsnt:RenewResponse>`;
    },
    Unsubscribe: (_ctx, _request, _envelope, path) => {
      this.subscriptions.get(this.idOf(path))?.wake?.();
      this.subscriptions.delete(this.idOf(path));
      return '<wsnt:UnsubscribeResponse/>';
    },
  };

  private idOf(path: string): string {
    const id = /\/onvif\/subscription\/([\w-]+)$/.exec(path)?.[1];
    if (!id || !this.subscriptions.has(id)) throw new SimFault(FAULTS.invalidSubscription);
    return id;
  }

  private times(id: string, prefix: 'wsnt' | 'tev' = 'wsnt'): string {
    // Unsubscribed while a pull waited: the subscription ends now.
    const terminationTime = this.subscriptions.get(id)?.terminationTime ?? Date.now();
    return `<${prefix}:CurrentTime>${new Date().toISOString()}</${prefix}:CurrentTime><${prefix}:TerminationTime>${new Date(terminationTime).toISOString()}</${prefix}:TerminationTime>`;
  }
}

function notification(e: SimEvent): string {
  const items = (values: Record<string, string>) =>
    Object.entries(values)
      .map(([name, value]) => `<tt:SimpleItem Name="${escapeXml(name)}" Value="${escapeXml(value)}"/>`)
      .join('');
  return (
    `<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">${escapeXml(e.topic)}</wsnt:Topic>` +
    `<wsnt:Message><tt:Message UtcTime="${e.utcTime}" PropertyOperation="Changed"><tt:Source>${items(e.source)}</tt:Source><tt:Data>${items(e.data)}</tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>`
  );
}
