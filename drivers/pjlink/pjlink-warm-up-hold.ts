import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { isTransitional, type PjlinkCommand, type PowerState } from './pjlink-codec.js';
import { checkReply, type PjlinkReply } from './pjlink-connection.js';

interface WarmUpHoldDeps {
  exchange(cmd: PjlinkCommand): Promise<PjlinkReply>;
  /** Asks POWR and keeps the answer (`power()` then says it). */
  readPower(): Promise<void>;
  power(): PowerState | undefined;
  ctx: Pick<DriverContext, 'held' | 'log'>;
  /** How long a command may be held while the display warms up or cools down. */
  readyTimeoutMs: number;
  /** How often POWR is polled while a command is held. */
  readyPollMs: number;
}

/**
 * Sends a command that must succeed. ERR3 ("unavailable time") means the display is warming
 * up or cooling down: hold the command, poll POWR, and retry once the display is settled.
 */
export async function sendThroughWarmUp(cmd: PjlinkCommand, d: WarmUpHoldDeps): Promise<PjlinkReply> {
  const deadline = Date.now() + d.readyTimeoutMs;
  for (;;) {
    const reply = await d.exchange(cmd);
    if (reply.kind !== 'error' || reply.error !== 'ERR3') return checkReply(reply, cmd);
    d.ctx.log.debug({ command: cmd.command }, 'display busy (ERR3), holding the command');
    let power: PowerState | 'unknown';
    do {
      if (Date.now() + d.readyPollMs > deadline) {
        throw new RoomctlError(
          'ROOMCTL_E_DEVICE_BUSY',
          `display still not ready for ${cmd.command} after ${d.readyTimeoutMs} ms (power: ${d.power() ?? 'unknown'})`,
        );
      }
      // Held, not talking: the host's watchdog probe judges a display that falls silent now.
      power = await d.ctx.held(async () => {
        await sleep(d.readyPollMs);
        // Some firmware answers even POWR ? with ERR3 while warming: that is "not yet", too.
        return d.readPower().then(
          () => d.power() ?? 'unknown',
          (err: unknown) => {
            if (err instanceof RoomctlError && err.code === 'ROOMCTL_E_DEVICE_BUSY') return 'unknown' as const;
            throw err;
          },
        );
      });
    } while (power === 'unknown' || isTransitional(power));
    // Standby does not end by itself: waiting would only delay the same refusal.
    if (power === 'standby' && cmd.command !== 'POWR') {
      throw new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `the display is in standby; turn it on before ${cmd.command}`, { reply: 'ERR3' });
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
