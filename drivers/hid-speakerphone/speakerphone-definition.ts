import { Type } from '@sinclair/typebox';
import { defineDriver } from '../core/definition.js';
import { SpeakerphoneDriver } from './speakerphone-driver.js';
import { speakerphoneCapabilities } from './speakerphone-capabilities.js';

export const usbIds = {
  vendorId: Type.Integer({ minimum: 0, maximum: 0xffff, description: 'USB vendor id (YAML takes 0x0b0e)' }),
  productId: Type.Integer({ minimum: 0, maximum: 0xffff, description: 'USB product id' }),
  serialNumber: Type.Optional(Type.String({ description: 'Pins one device when the room has two of the same model.' })),
};

export const speakerphoneConfig = Type.Object(usbIds, { additionalProperties: false });

export const speakerphoneDriver = defineDriver({
  id: 'hid-speakerphone',
  kind: 'speakerphone',
  transport: 'hid',
  description: 'USB speakerphones and headsets on the HID telephony page: the mute button, Off-Hook, and the Mute LED kept in step with the room.',
  config: speakerphoneConfig,
  capabilities: speakerphoneCapabilities(),
  probeIntervalMs: 2000,
  loadProvisioning: async () => (await import('./speakerphone-probe.js')).speakerphoneProvisioning,
  create(config, ctx) {
    return new SpeakerphoneDriver({ match: { vendorId: config.vendorId, productId: config.productId, serialNumber: config.serialNumber } }, ctx);
  },
});
