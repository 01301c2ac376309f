import { FAULTS, NS } from './onvif-soap.js';
import { PROFILES, PTZ_CONFIG, PTZ_NODE, SimFault, SPACES, VIDEO_SOURCE, type OperationHandler, type OnvifSimContext } from './onvif-sim-context.js';
import { snapshotPath } from './onvif-sim-snapshot.js';
import { child, escapeXml, textOf, type XmlNode } from './onvif-xml.js';

/** Device and Media (ver10) service operations of the simulated camera. */

const x = escapeXml;
const el = (name: string, value: string | number | boolean) => `<${name}>${x(String(value))}</${name}>`;

const serviceUrl = (ctx: OnvifSimContext, service: string) => `${ctx.baseUrl}/onvif/${service}_service`;

function systemDateAndTime(): string {
  const now = new Date();
  return (
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>${el('tt:DateTimeType', 'NTP')}${el('tt:DaylightSavings', false)}` +
    `<tt:TimeZone>${el('tt:TZ', 'GMT0')}</tt:TimeZone><tt:UTCDateTime>` +
    `<tt:Time>${el('tt:Hour', now.getUTCHours())}${el('tt:Minute', now.getUTCMinutes())}${el('tt:Second', now.getUTCSeconds())}</tt:Time>` +
    `<tt:Date>${el('tt:Year', now.getUTCFullYear())}${el('tt:Month', now.getUTCMonth() + 1)}${el('tt:Day', now.getUTCDate())}</tt:Date>` +
    `</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`
  );
}

function services(ctx: OnvifSimContext): string {
  const entries: [string, string][] = [
    [NS.tds, 'device'],
    [NS.trt, 'media'],
    [NS.tptz, 'ptz'],
    ...(ctx.events ? ([[NS.tev, 'events']] as [string, string][]) : []),
  ];
  return `<tds:GetServicesResponse>${entries
    .map(
      ([ns, name]) =>
        `<tds:Service>${el('tds:Namespace', ns)}${el('tds:XAddr', serviceUrl(ctx, name))}<tds:Version>${el('tt:Major', 2)}${el('tt:Minor', 60)}</tds:Version></tds:Service>`,
    )
    .join('')}</tds:GetServicesResponse>`;
}

function capabilities(ctx: OnvifSimContext): string {
  const events = ctx.events
    ? `<tt:Events>${el('tt:XAddr', serviceUrl(ctx, 'events'))}${el('tt:WSSubscriptionPolicySupport', false)}${el('tt:WSPullPointSupport', true)}${el('tt:WSPausableSubscriptionManagerInterfaceSupport', false)}</tt:Events>`
    : '';
  return (
    `<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device>${el('tt:XAddr', serviceUrl(ctx, 'device'))}</tt:Device>${events}` +
    `<tt:Media>${el('tt:XAddr', serviceUrl(ctx, 'media'))}<tt:StreamingCapabilities>${el('tt:RTPMulticast', false)}${el('tt:RTP_TCP', true)}${el('tt:RTP_RTSP_TCP', true)}</tt:StreamingCapabilities></tt:Media>` +
    `<tt:PTZ>${el('tt:XAddr', serviceUrl(ctx, 'ptz'))}</tt:PTZ></tds:Capabilities></tds:GetCapabilitiesResponse>`
  );
}

/** The PTZ configuration a profile carries, also answered by GetConfigurations. */
export function ptzConfiguration(ctx: OnvifSimContext, element = 'tt:PTZConfiguration'): string {
  const l = ctx.ptz.limits;
  const range = (axis: 'pan' | 'tilt' | 'zoom') => `<tt:Min>${l[axis].min}</tt:Min><tt:Max>${l[axis].max}</tt:Max>`;
  return (
    `<${element} token="${PTZ_CONFIG}">${el('tt:Name', 'PTZ')}${el('tt:UseCount', PROFILES.length)}${el('tt:NodeToken', PTZ_NODE)}` +
    // "Pant" is how the ONVIF schema spells this element; clients look for exactly that.
    `${el('tt:DefaultAbsolutePantTiltPositionSpace', SPACES.absolutePanTilt)}${el('tt:DefaultAbsoluteZoomPositionSpace', SPACES.absoluteZoom)}` +
    `${el('tt:DefaultContinuousPanTiltVelocitySpace', SPACES.continuousPanTilt)}${el('tt:DefaultContinuousZoomVelocitySpace', SPACES.continuousZoom)}` +
    `<tt:DefaultPTZSpeed><tt:PanTilt x="1" y="1" space="${SPACES.panTiltSpeed}"/><tt:Zoom x="1" space="${SPACES.zoomSpeed}"/></tt:DefaultPTZSpeed>` +
    `${el('tt:DefaultPTZTimeout', 'PT10S')}` +
    `<tt:PanTiltLimits><tt:Range>${el('tt:URI', SPACES.absolutePanTilt)}<tt:XRange>${range('pan')}</tt:XRange><tt:YRange>${range('tilt')}</tt:YRange></tt:Range></tt:PanTiltLimits>` +
    `<tt:ZoomLimits><tt:Range>${el('tt:URI', SPACES.absoluteZoom)}<tt:XRange>${range('zoom')}</tt:XRange></tt:Range></tt:ZoomLimits>` +
    `</${element}>`
  );
}

function profile(ctx: OnvifSimContext, p: (typeof PROFILES)[number], element: string): string {
  return (
    `<${element} token="${p.token}" fixed="true">${el('tt:Name', p.name)}` +
    `<tt:VideoSourceConfiguration token="vsc_1">${el('tt:Name', 'VideoSource')}${el('tt:UseCount', PROFILES.length)}${el('tt:SourceToken', VIDEO_SOURCE)}<tt:Bounds x="0" y="0" width="1920" height="1080"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="${p.encoder}">${el('tt:Name', p.name)}${el('tt:UseCount', 1)}${el('tt:Encoding', 'H264')}` +
    `<tt:Resolution>${el('tt:Width', p.width)}${el('tt:Height', p.height)}</tt:Resolution>${el('tt:Quality', 5)}` +
    `<tt:RateControl>${el('tt:FrameRateLimit', p.fps)}${el('tt:EncodingInterval', 1)}${el('tt:BitrateLimit', p.bitrate)}</tt:RateControl>` +
    `<tt:H264>${el('tt:GovLength', p.fps * 2)}${el('tt:H264Profile', 'Main')}</tt:H264>${el('tt:SessionTimeout', 'PT60S')}</tt:VideoEncoderConfiguration>` +
    `${ptzConfiguration(ctx)}</${element}>`
  );
}

export function findProfile(request: XmlNode): (typeof PROFILES)[number] {
  const token = textOf(child(request, 'ProfileToken'));
  const found = PROFILES.find((p) => p.token === token);
  if (!found) throw new SimFault(FAULTS.noProfile);
  return found;
}

export const DEVICE_MEDIA_OPERATIONS: Record<string, OperationHandler> = {
  GetSystemDateAndTime: () => systemDateAndTime(),
  GetServices: (ctx) => services(ctx),
  GetCapabilities: (ctx) => capabilities(ctx),
  GetDeviceInformation: ({ info }) =>
    `<tds:GetDeviceInformationResponse>${el('tds:Manufacturer', info.manufacturer)}${el('tds:Model', info.model)}${el('tds:FirmwareVersion', info.firmwareVersion)}${el('tds:SerialNumber', info.serialNumber)}${el('tds:HardwareId', info.hardwareId)}</tds:GetDeviceInformationResponse>`,
  GetHostname: ({ hostname }) =>
    `<tds:GetHostnameResponse><tds:HostnameInformation>${el('tt:FromDHCP', false)}${el('tt:Name', hostname)}</tds:HostnameInformation></tds:GetHostnameResponse>`,
  GetScopes: ({ scopes }) =>
    `<tds:GetScopesResponse>${scopes.map((s) => `<tds:Scopes>${el('tt:ScopeDef', 'Fixed')}${el('tt:ScopeItem', s)}</tds:Scopes>`).join('')}</tds:GetScopesResponse>`,
  GetProfiles: (ctx) => `<trt:GetProfilesResponse>${PROFILES.map((p) => profile(ctx, p, 'trt:Profiles')).join('')}</trt:GetProfilesResponse>`,
  GetProfile: (ctx, request) => `<trt:GetProfileResponse>${profile(ctx, findProfile(request), 'trt:Profile')}</trt:GetProfileResponse>`,
  GetVideoSources: () =>
    `<trt:GetVideoSourcesResponse><trt:VideoSources token="${VIDEO_SOURCE}">${el('tt:Framerate', 30)}<tt:Resolution>${el('tt:Width', 1920)}${el('tt:Height', 1080)}</tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>`,
  GetStreamUri: (ctx, request) => {
    const p = findProfile(request);
    const uri = `${ctx.rtspUri}/${p.token}`;
    return `<trt:GetStreamUriResponse><trt:MediaUri>${el('tt:Uri', uri)}${el('tt:InvalidAfterConnect', false)}${el('tt:InvalidAfterReboot', false)}${el('tt:Timeout', 'PT0S')}</trt:MediaUri></trt:GetStreamUriResponse>`;
  },
  GetSnapshotUri: (ctx, request) => {
    const p = findProfile(request);
    if (!ctx.snapshot) throw new SimFault(FAULTS.actionNotSupported);
    return `<trt:GetSnapshotUriResponse><trt:MediaUri>${el('tt:Uri', `${ctx.baseUrl}${snapshotPath(p.token)}`)}${el('tt:InvalidAfterConnect', false)}${el('tt:InvalidAfterReboot', false)}${el('tt:Timeout', 'PT0S')}</trt:MediaUri></trt:GetSnapshotUriResponse>`;
  },
};
