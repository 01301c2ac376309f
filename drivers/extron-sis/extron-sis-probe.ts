import type { DeviceIdentity, DriverProbe, DriverProvisioning, ProposeContext, ProposedEntry } from '../core/device-discovery.js';
import { hexPreview, hostEntryFields, sharedPasswordCredentials } from '../core/device-discovery.js';
import { EXTRON_SIS_PORT, PASSWORD_PROMPT, parseSisLine } from './extron-sis-codec.js';

/** The banner's lines, and whether the prompt followed them. */
function readBanner(bytes: Buffer) {
  const text = bytes.toString('latin1');
  const lines = text.split('\n').map((l) => parseSisLine(l));
  const copyright = lines.find((l) => l.kind === 'copyright');
  return { copyright, prompted: text.trimEnd().endsWith(PASSWORD_PROMPT), dated: lines.some((l) => l.kind === 'date') };
}

/**
 * An Extron switcher greets every Telnet session with `(c) Copyright …, Extron Electronics,
 * <model>, V<firmware>, <part number>` and its clock, then `Password:` when it has one: the
 * banner alone names the device.
 */
const extronSisProbe: DriverProbe = {
  protocol: 'Extron SIS',
  tcp: {
    port: EXTRON_SIS_PORT,
    label: 'Extron banner',
    complete(bytes) {
      const banner = readBanner(bytes);
      return banner.prompted || (banner.copyright !== undefined && banner.dated && bytes.toString('latin1').endsWith('\n')) || bytes.length > 512;
    },
    interpret(bytes, where) {
      const { copyright, prompted } = readBanner(bytes);
      if (copyright?.kind !== 'copyright') return { ok: false, why: `greeted with bytes that are no Extron banner (${hexPreview(bytes)})` };
      const settings = { model: copyright.model, firmware: copyright.firmware, partNumber: copyright.partNumber, password: prompted };
      return {
        ok: true,
        settings,
        detail: `Extron ${copyright.model}${copyright.firmware ? ` V${copyright.firmware}` : ''} at ${where}${prompted ? ' (password required)' : ''}`,
      };
    },
  },
};

/** The answers' `devices.extron-sis`: the Telnet password the room's switchers share. */
const extronSisCredentials = sharedPasswordCredentials("Telnet password of the room's Extron switchers");

function proposeExtronSis(identity: DeviceIdentity, context: ProposeContext): ProposedEntry[] {
  const asks = 'the switcher asks for a password; add devices.extron-sis.password to the answers';
  const fields = hostEntryFields(identity, context, { defaultPort: EXTRON_SIS_PORT, needsPassword: identity.settings.password === true, asks });
  // The banner's model names the switcher on the panel ("Extron IN1608"), as IT knows it.
  const model = typeof identity.settings.model === 'string' ? identity.settings.model.trim() : '';
  return fields ? [{ fields, detail: identity.detail, ...(model ? { name: `Extron ${model}` } : {}) }] : [];
}

/** What provisioning asks of a host for an Extron switcher (its banner), its login answers and its entry. */
export const extronSisProvisioning: DriverProvisioning = { probe: extronSisProbe, credentials: extronSisCredentials, proposeConfig: proposeExtronSis };
