import type { DeviceKind } from '../drivers/core/definition.js';
import type { LocalizedText } from '../drivers/core/localized-text.js';

/** What each kind of device is called on the panel, in both of its languages (the panel's own words). */
const KIND_WORDS: Record<DeviceKind, { en: string; 'zh-CN': string }> = {
  camera: { en: 'Camera', 'zh-CN': '摄像机' },
  display: { en: 'Display', 'zh-CN': '显示屏' },
  dsp: { en: 'Audio processor', 'zh-CN': '音频处理器' },
  microphone: { en: 'Microphone', 'zh-CN': '麦克风' },
  speakerphone: { en: 'Speakerphone', 'zh-CN': '会议电话' },
  'badge-reader': { en: 'Badge reader', 'zh-CN': '刷卡器' },
};

interface Unnamed {
  kind: DeviceKind;
  /** What the device told the probe about itself (make and model), if anything. */
  own?: string;
}

/**
 * Names for found devices that neither the answers nor a previous run named, so the panel
 * says "AXIS P5655-E" or "Camera 2" rather than `camera-2`: the device's own make and model
 * when it gave them (numbered when several give the same), else its kind and number in the
 * room's languages. `taken` holds the names already given, which a new one never repeats.
 */
export function nameFoundDevices(devices: readonly Unnamed[], taken: readonly LocalizedText[]): LocalizedText[] {
  const used = new Set(taken.flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t))));
  const sameOwn = new Map<string, number>();
  for (const d of devices) if (d.own) sameOwn.set(d.own, (sameOwn.get(d.own) ?? 0) + 1);
  const next = new Map<string, number>();
  const numbered = (key: string, make: (n: number) => LocalizedText): LocalizedText => {
    let n = next.get(key) ?? 0;
    let name: LocalizedText;
    do name = make(++n);
    while ((typeof name === 'string' ? [name] : Object.values(name)).some((v) => used.has(v)));
    next.set(key, n);
    for (const v of typeof name === 'string' ? [name] : Object.values(name)) used.add(v);
    return name;
  };
  return devices.map((d) => {
    if (d.own && sameOwn.get(d.own) === 1 && !used.has(d.own)) {
      used.add(d.own);
      return d.own;
    }
    if (d.own) {
      const own = d.own;
      return numbered(`own ${own}`, (n) => `${own} ${n}`);
    }
    const words = KIND_WORDS[d.kind];
    return numbered(`kind ${d.kind}`, (n) => ({ en: `${words.en} ${n}`, 'zh-CN': `${words['zh-CN']} ${n}` }));
  });
}
