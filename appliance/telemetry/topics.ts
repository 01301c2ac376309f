/** The MQTT topic map (docs/TELEMETRY.md), in one place. Base: roomctl/<site>/<room>. */
export function roomTopics(site: string, room: string) {
  const base = `roomctl/${site}/${room}`;
  return {
    base,
    status: `${base}/status`,
    state: `${base}/state`,
    events: `${base}/events`,
    deviceHealth: (deviceId: string) => `${base}/devices/${deviceId}/health`,
    command: (name: string) => `${base}/cmd/${name}`,
  };
}
