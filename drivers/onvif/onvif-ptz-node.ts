import type { RoomctlError } from '../core/errors.js';
import { ONVIF_PRESET_MAX } from './onvif-presets.js';
import { GENERIC_SPACES, readSpaces, type PtzSpaces } from './onvif-ptz-spaces.js';
import type { OnvifSession } from './onvif-session.js';
import { child, descendant, parseXml, textOf } from './onvif-xml.js';

export interface PtzNodeFacts {
  /** How many presets the camera stores (MaximumNumberOfPresets), or the schema's ceiling when it does not say. */
  maxPresets: number;
  spaces: PtzSpaces;
}

/**
 * What the PTZ node says about itself: GetNodes (required by the PTZ spec) for the preset
 * count and the spaces; GetConfigurationOptions of the profile's PTZ configuration (optional,
 * some cameras answer ActionNotSupported) only when GetNodes listed no usable space. With
 * neither, the spec's generic ranges.
 */
export async function readPtzSpaces(session: OnvifSession, configurationToken: string): Promise<PtzNodeFacts> {
  const nodes = await session.call('GetNodes', (cb) => session.cam.getNodes(cb));
  const node = descendant(parseXml(nodes.xml ?? ''), 'PTZNode');
  const stated = Number(textOf(child(node, 'MaximumNumberOfPresets')));
  const maxPresets = Number.isInteger(stated) && stated > 0 ? Math.min(stated, ONVIF_PRESET_MAX) : ONVIF_PRESET_MAX;
  const fromNode = readSpaces(child(node, 'SupportedPTZSpaces'), 'GetNodes');
  if (fromNode) return { maxPresets, spaces: fromNode };
  if (!configurationToken) return { maxPresets, spaces: GENERIC_SPACES };
  try {
    const { xml } = await session.call('GetConfigurationOptions', (cb) =>
      // Asked raw: the client's own parser throws on answers without the optional PTZTimeout.
      (
        session.cam as unknown as { _request(o: { service: string; body: string }, cb: (err: Error | null, data?: unknown, xml?: string) => void): void }
      )._request({ service: 'ptz', body: getConfigurationOptionsBody(session, configurationToken) }, cb),
    );
    const spaces = readSpaces(descendant(descendant(parseXml(xml ?? ''), 'PTZConfigurationOptions'), 'Spaces'), 'GetConfigurationOptions');
    return { maxPresets, spaces: spaces ?? GENERIC_SPACES };
  } catch (err) {
    const code = (err as RoomctlError).code;
    // Optional and missing, or refused: the generic ranges are the spec's promise.
    if (code === 'ROOMCTL_E_NOT_SUPPORTED' || code === 'ROOMCTL_E_DEVICE_REJECTED') return { maxPresets, spaces: GENERIC_SPACES };
    throw err;
  }
}

function getConfigurationOptionsBody(session: OnvifSession, token: string): string {
  const cam = session.cam as unknown as { _envelopeHeader(): string; _envelopeFooter(): string };
  const escaped = token.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `${cam._envelopeHeader()}<GetConfigurationOptions xmlns="http://www.onvif.org/ver20/ptz/wsdl"><ConfigurationToken>${escaped}</ConfigurationToken></GetConfigurationOptions>${cam._envelopeFooter()}`;
}
