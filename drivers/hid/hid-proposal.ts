import type { DeviceIdentity, ProposedEntry } from '../core/device-discovery.js';

/** A HID device's entry: its USB identity, so the driver finds it again after re-plugging. */
export function proposeHidEntry(identity: DeviceIdentity): ProposedEntry[] {
  if (!('hid' in identity.at)) return [];
  const usb = identity.at.hid;
  // The HID drivers take the ids as numbers (YAML 0x0b0e); udev matches the hex text.
  // The maker and product it reports; a device that reported none shows as its bare USB ids, which no one recognises.
  const product = typeof identity.settings.product === 'string' ? identity.settings.product.trim() : '';
  const name = product && !/^[0-9a-f]{4}:[0-9a-f]{4}$/i.test(product) ? product.slice(0, 80) : undefined;
  return [
    {
      fields: { vendorId: parseInt(usb.vendorId, 16), productId: parseInt(usb.productId, 16), serialNumber: usb.serialNumber },
      detail: identity.detail,
      ...(name ? { name } : {}),
    },
  ];
}
