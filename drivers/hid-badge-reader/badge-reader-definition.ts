import { Type } from '@sinclair/typebox';
import { defineDriver } from '../core/definition.js';
import { usbIds } from '../hid-speakerphone/speakerphone-definition.js';
import { BadgeReaderDriver } from './badge-reader-driver.js';
import { badgeReaderCapabilities } from './badge-reader-capabilities.js';

export const badgeReaderConfig = Type.Object(
  {
    ...usbIds,
    interCharTimeoutMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 2000, default: 100, description: 'A gap longer than this ends a badge.' })),
    minLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, default: 4, description: 'Shorter bursts are noise, not badges.' })),
  },
  { additionalProperties: false },
);

export const badgeReaderDriver = defineDriver({
  id: 'hid-badge-reader',
  kind: 'badge-reader',
  transport: 'hid',
  description: 'Keyboard-wedge badge and QR readers on USB HID: each badge becomes a check-in event (state lastBadge).',
  config: badgeReaderConfig,
  capabilities: badgeReaderCapabilities(),
  probeIntervalMs: 2000,
  loadProvisioning: async () => (await import('./badge-reader-probe.js')).badgeReaderProvisioning,
  create(config, ctx) {
    return new BadgeReaderDriver(
      {
        match: { vendorId: config.vendorId, productId: config.productId, serialNumber: config.serialNumber },
        interCharTimeoutMs: config.interCharTimeoutMs,
        minLength: config.minLength,
      },
      ctx,
    );
  },
});
