import type { PtzVector } from './onvif-ptz-state.js';
import { FAULTS, type SoapFault } from './onvif-soap.js';
import { ptzConfiguration, findProfile } from './onvif-sim-device-media.js';
import { PTZ_CONFIG, PTZ_NODE, SimFault, SPACES, type OperationHandler, type OnvifSimContext } from './onvif-sim-context.js';
import { durationMs } from './onvif-sim-events.js';
import { PLAIN_PRESET_NAME, SLOW_PRESET_MS } from './onvif-sim-quirks.js';
import { child, escapeXml, textOf, type XmlNode } from './onvif-xml.js';

/** PTZ (ver20) service operations of the simulated camera. */

/** `<PanTilt x= y=/>` and `<Zoom x=/>` inside `vector`, over `base` for the parts left out. */
function readVector(vector: XmlNode | undefined, base: PtzVector, fault: SoapFault): PtzVector {
  const num = (value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new SimFault(fault);
    return n;
  };
  const panTilt = child(vector, 'PanTilt');
  const zoom = child(vector, 'Zoom');
  return { pan: num(panTilt?.attrs.x, base.pan), tilt: num(panTilt?.attrs.y, base.tilt), zoom: num(zoom?.attrs.x, base.zoom) };
}

const ZERO: PtzVector = { pan: 0, tilt: 0, zoom: 0 };
const FULL_SPEED: PtzVector = { pan: 1, tilt: 1, zoom: 1 };

const slow = (ctx: OnvifSimContext) =>
  ctx.quirks.has('slow-presets') ? new Promise((resolve) => setTimeout(resolve, ctx.presetDelayMs ?? SLOW_PRESET_MS)) : undefined;

function position(ctx: OnvifSimContext, state: PtzVector, element = 'tt:Position'): string {
  const p = ctx.geometry.fromState(state);
  return `<${element}><tt:PanTilt x="${p.pan}" y="${p.tilt}" space="${SPACES.absolutePanTilt}"/><tt:Zoom x="${p.zoom}" space="${SPACES.absoluteZoom}"/></${element}>`;
}

const inUnit = (v: PtzVector, zoomMin: number) => Math.abs(v.pan) <= 1 && Math.abs(v.tilt) <= 1 && v.zoom >= zoomMin && v.zoom <= 1;

/** The spaces a PTZ node (GetNodes) or its configuration options (GetConfigurationOptions) list. */
function spaces(ctx: OnvifSimContext): string {
  const g = ctx.geometry;
  const r = (min: number, max: number) => `<tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max>`;
  const space = (name: string, uri: string, x: string, y?: string) =>
    `<tt:${name}><tt:URI>${uri}</tt:URI><tt:XRange>${x}</tt:XRange>${y ? `<tt:YRange>${y}</tt:YRange>` : ''}</tt:${name}>`;
  const t = g.translationRange;
  return (
    space('AbsolutePanTiltPositionSpace', SPACES.absolutePanTilt, r(g.pan.min, g.pan.max), r(g.tilt.min, g.tilt.max)) +
    space('AbsoluteZoomPositionSpace', SPACES.absoluteZoom, r(0, 1)) +
    space('RelativePanTiltTranslationSpace', SPACES.relativePanTilt, r(-t.pan, t.pan), r(-t.tilt, t.tilt)) +
    space('RelativeZoomTranslationSpace', SPACES.relativeZoom, r(-1, 1)) +
    space('ContinuousPanTiltVelocitySpace', SPACES.continuousPanTilt, r(-1, 1), r(-1, 1)) +
    space('ContinuousZoomVelocitySpace', SPACES.continuousZoom, r(-1, 1)) +
    space('PanTiltSpeedSpace', SPACES.panTiltSpeed, r(0, 1)) +
    space('ZoomSpeedSpace', SPACES.zoomSpeed, r(0, 1))
  );
}

function node(ctx: OnvifSimContext): string {
  return (
    `<tptz:PTZNode token="${PTZ_NODE}" FixedHomePosition="false"><tt:Name>PTZ</tt:Name>` +
    (ctx.spacesOnlyInOptions ? '' : `<tt:SupportedPTZSpaces>${spaces(ctx)}</tt:SupportedPTZSpaces>`) +
    `<tt:MaximumNumberOfPresets>${ctx.ptz.maxPresets}</tt:MaximumNumberOfPresets><tt:HomeSupported>true</tt:HomeSupported></tptz:PTZNode>`
  );
}

function presetToken(ctx: OnvifSimContext, request: XmlNode): string {
  const token = textOf(child(request, 'PresetToken')) ?? '';
  if (!ctx.ptz.presets.has(token)) throw new SimFault(FAULTS.noToken);
  return token;
}

const speedOf = (request: XmlNode) => readVector(child(request, 'Speed'), FULL_SPEED, FAULTS.invalidVelocity);

export const PTZ_OPERATIONS: Record<string, OperationHandler> = {
  GetNodes: (ctx) => `<tptz:GetNodesResponse>${node(ctx)}</tptz:GetNodesResponse>`,
  GetNode: (ctx, request) => {
    if (textOf(child(request, 'NodeToken')) !== PTZ_NODE) throw new SimFault(FAULTS.noToken);
    return `<tptz:GetNodeResponse>${node(ctx)}</tptz:GetNodeResponse>`;
  },
  GetConfigurationOptions: (ctx, request) => {
    if (ctx.quirks.has('no-configuration-options')) throw new SimFault(FAULTS.actionNotSupported);
    if (textOf(child(request, 'ConfigurationToken')) !== PTZ_CONFIG) throw new SimFault(FAULTS.noConfig);
    return `<tptz:GetConfigurationOptionsResponse><tptz:PTZConfigurationOptions><tt:Spaces>${spaces(ctx)}</tt:Spaces><tt:PTZTimeout><tt:Min>PT1S</tt:Min><tt:Max>PT60S</tt:Max></tt:PTZTimeout></tptz:PTZConfigurationOptions></tptz:GetConfigurationOptionsResponse>`;
  },
  GetConfigurations: (ctx) => `<tptz:GetConfigurationsResponse>${ptzConfiguration(ctx, 'tptz:PTZConfiguration')}</tptz:GetConfigurationsResponse>`,
  GetStatus: (ctx, request) => {
    findProfile(request);
    const moving = ctx.ptz.moving;
    return (
      `<tptz:GetStatusResponse><tptz:PTZStatus>${position(ctx, ctx.ptz.position)}` +
      `<tt:MoveStatus><tt:PanTilt>${moving.panTilt ? 'MOVING' : 'IDLE'}</tt:PanTilt><tt:Zoom>${moving.zoom ? 'MOVING' : 'IDLE'}</tt:Zoom></tt:MoveStatus>` +
      `<tt:UtcTime>${new Date().toISOString()}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`
    );
  },
  ContinuousMove: (ctx, request) => {
    findProfile(request);
    const velocity = readVector(child(request, 'Velocity'), ZERO, FAULTS.invalidVelocity);
    if (!inUnit(velocity, -1)) throw new SimFault(FAULTS.invalidVelocity);
    const timeout = child(request, 'Timeout');
    const ms = timeout ? durationMs(textOf(timeout)) : undefined;
    if (timeout && ms === undefined) throw new SimFault(FAULTS.wellFormed);
    ctx.ptz.continuous(velocity, ms);
    return '<tptz:ContinuousMoveResponse/>';
  },
  AbsoluteMove: (ctx, request) => {
    findProfile(request);
    const g = ctx.geometry;
    const target = g.toState(readVector(child(request, 'Position'), g.fromState(ctx.ptz.position), FAULTS.invalidPosition));
    if (!ctx.ptz.within(target)) throw new SimFault(FAULTS.invalidPosition);
    ctx.ptz.moveTo(target, speedOf(request));
    return '<tptz:AbsoluteMoveResponse/>';
  },
  RelativeMove: (ctx, request) => {
    findProfile(request);
    const raw = readVector(child(request, 'Translation'), ZERO, FAULTS.invalidTranslation);
    const range = ctx.geometry.translationRange;
    if (Math.abs(raw.pan) > 2 * range.pan || Math.abs(raw.tilt) > 2 * range.tilt || Math.abs(raw.zoom) > 1) throw new SimFault(FAULTS.invalidTranslation);
    const t = ctx.geometry.translationToState(raw);
    const p = ctx.ptz.position;
    // Past a limit the camera goes as far as it can, as real heads do.
    ctx.ptz.moveTo({ pan: p.pan + t.pan, tilt: p.tilt + t.tilt, zoom: p.zoom + t.zoom }, speedOf(request));
    return '<tptz:RelativeMoveResponse/>';
  },
  Stop: (ctx, request) => {
    findProfile(request);
    const flag = (name: string) => textOf(child(request, name)) !== 'false';
    ctx.ptz.stop({ panTilt: flag('PanTilt'), zoom: flag('Zoom') });
    return '<tptz:StopResponse/>';
  },
  GetPresets: (ctx, request) => {
    findProfile(request);
    const presets = [...ctx.ptz.presets.values()].map(
      (p) => `<tptz:Preset token="${escapeXml(p.token)}"><tt:Name>${escapeXml(p.name)}</tt:Name>${position(ctx, p.position, 'tt:PTZPosition')}</tptz:Preset>`,
    );
    return `<tptz:GetPresetsResponse>${presets.join('')}</tptz:GetPresetsResponse>`;
  },
  SetPreset: async (ctx, request) => {
    findProfile(request);
    await slow(ctx);
    const { presets, maxPresets } = ctx.ptz;
    const requested = textOf(child(request, 'PresetToken'));
    if (requested !== undefined && !presets.has(requested)) throw new SimFault(FAULTS.noToken);
    const name = textOf(child(request, 'PresetName'));
    if (name !== undefined && ctx.quirks.has('restricted-preset-names') && !PLAIN_PRESET_NAME.test(name)) throw new SimFault(FAULTS.invalidPresetName);
    if (name && [...presets.values()].some((p) => p.name === name && p.token !== requested)) throw new SimFault(FAULTS.presetExist);
    let token = requested;
    if (token === undefined) {
      if (presets.size >= maxPresets) throw new SimFault(FAULTS.tooManyPresets);
      // Tokens "1".."N", the lowest free one, as most cameras number them (or "PresetToken_N").
      const style = ctx.quirks.has('camera-preset-tokens') ? (n: number) => `PresetToken_${n}` : String;
      for (let n = 1; token === undefined; n++) if (!presets.has(style(n))) token = style(n);
    }
    const unnamed = ctx.quirks.has('camera-preset-tokens') ? `Preset${String(presets.size + 1).padStart(3, '0')}` : `Preset ${token}`;
    presets.set(token, { token, name: name || presets.get(token)?.name || unnamed, position: { ...ctx.ptz.position } });
    return `<tptz:SetPresetResponse><tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken></tptz:SetPresetResponse>`;
  },
  GotoPreset: async (ctx, request) => {
    findProfile(request);
    await slow(ctx);
    ctx.ptz.moveTo(ctx.ptz.presets.get(presetToken(ctx, request))!.position, speedOf(request));
    return '<tptz:GotoPresetResponse/>';
  },
  RemovePreset: (ctx, request) => {
    findProfile(request);
    ctx.ptz.presets.delete(presetToken(ctx, request));
    return '<tptz:RemovePresetResponse/>';
  },
  GotoHomePosition: (ctx, request) => {
    findProfile(request);
    if (!ctx.ptz.home) throw new SimFault(FAULTS.noHomePosition);
    ctx.ptz.moveTo(ctx.ptz.home, speedOf(request));
    return '<tptz:GotoHomePositionResponse/>';
  },
  SetHomePosition: (ctx, request) => {
    findProfile(request);
    ctx.ptz.home = { ...ctx.ptz.position };
    return '<tptz:SetHomePositionResponse/>';
  },
};
