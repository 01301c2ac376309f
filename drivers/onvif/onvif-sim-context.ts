import type { SoapFault } from './onvif-soap.js';
import type { OnvifPtzState } from './onvif-ptz-state.js';
import type { OnvifQuirk, SimGeometry } from './onvif-sim-quirks.js';
import type { XmlNode } from './onvif-xml.js';

/** What the simulated camera's services read and change. */
export interface OnvifSimContext {
  /** `http://host:port`, as the camera advertises itself. */
  baseUrl: string;
  rtspUri: string;
  info: { manufacturer: string; model: string; firmwareVersion: string; serialNumber: string; hardwareId: string };
  hostname: string;
  scopes: string[];
  ptz: OnvifPtzState;
  /**
   * The pull-point event service (onvif-sim-events.ts), when the camera offers one: its
   * operations are served beside the others. Only that much, so the services' shared context
   * does not depend on the event service, which depends on it.
   */
  events: { readonly operations: Readonly<Record<string, OperationHandler>> } | undefined;
  /** The JPEG the snapshot URI serves; null: the camera has no snapshot (GetSnapshotUri is not supported). */
  snapshot: Buffer | null;
  /** The quirk profiles this camera plays (onvif-sim-quirks.ts). */
  quirks: ReadonlySet<OnvifQuirk>;
  /** Its position spaces as seen from outside (degrees for `degree-ranges`). */
  geometry: SimGeometry;
  /** GetNodes leaves SupportedPTZSpaces out: only GetConfigurationOptions says the ranges. */
  spacesOnlyInOptions?: boolean;
  /** How long SetPreset/GotoPreset take under `slow-presets` (default 1.5 s). */
  presetDelayMs?: number;
}

/** A fault raised by an operation handler; the server turns it into a SOAP fault. */
export class SimFault extends Error {
  constructor(readonly fault: SoapFault) {
    super(fault.reason);
  }
}

/** An operation: the element inside Body (e.g. `<tptz:GetStatus>`), the whole envelope, the request path. */
export type OperationHandler = (ctx: OnvifSimContext, request: XmlNode, envelope: XmlNode, path: string) => string | Promise<string>;

export const PROFILES = [
  { token: 'profile_main', name: 'MainStream', width: 1920, height: 1080, fps: 30, bitrate: 4096, encoder: 'venc_main' },
  { token: 'profile_sub', name: 'SubStream', width: 640, height: 360, fps: 15, bitrate: 512, encoder: 'venc_sub' },
] as const;
export const VIDEO_SOURCE = 'vs_1';
export const PTZ_NODE = 'ptz_node';
export const PTZ_CONFIG = 'ptz_cfg';

export const SPACES = {
  absolutePanTilt: 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace',
  absoluteZoom: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace',
  relativePanTilt: 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/TranslationGenericSpace',
  relativeZoom: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/TranslationGenericSpace',
  continuousPanTilt: 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace',
  continuousZoom: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/VelocityGenericSpace',
  panTiltSpeed: 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/GenericSpeedSpace',
  zoomSpeed: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/ZoomGenericSpeedSpace',
} as const;
