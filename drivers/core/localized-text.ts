import { Type } from '@sinclair/typebox';

/** The panel's languages, as config keys. */
export const TEXT_LANGUAGES = ['en', 'zh-CN'] as const;

/**
 * A name people read, in the config: one string for every language, or one per language
 * (`{ en: "Front camera", zh-CN: "前置摄像头" }`); a language without its own falls back to
 * English, then to any other given.
 */
export function localizedText(description: string, maxLength = 80) {
  const text = Type.String({ minLength: 1, maxLength });
  return Type.Union([text, Type.Object({ en: Type.Optional(text), 'zh-CN': Type.Optional(text) }, { additionalProperties: false, minProperties: 1 })], {
    description,
  });
}

export type LocalizedText = string | { en?: string; 'zh-CN'?: string };
/** Every language's text, filled in (what a panel picks from). */
export interface LocalizedNames {
  en: string;
  'zh-CN': string;
}

/** The text for one language, with the fallbacks above. */
export function textIn(value: LocalizedText, language: (typeof TEXT_LANGUAGES)[number]): string {
  if (typeof value === 'string') return value;
  return value[language] ?? value.en ?? value['zh-CN'] ?? '';
}

/** Both languages filled in, for views that carry names to a panel. */
export function namesOf(value: LocalizedText): LocalizedNames {
  return { en: textIn(value, 'en'), 'zh-CN': textIn(value, 'zh-CN') };
}

/**
 * A display's `inputs` config: which inputs the panel offers and what they are called —
 * `{ "31": "Laptop (HDMI 1)", "52": { en: "Network", zh-CN: "网络" } }`, or a plain list of
 * codes (named by the panel's own words).
 */
export function displayInputsConfig(code: ReturnType<typeof Type.String>, description: string) {
  return Type.Optional(
    Type.Union(
      [
        Type.Array(code, { minItems: 1, uniqueItems: true }),
        Type.Record(code, localizedText('What the panel calls this input', 40), { minProperties: 1, additionalProperties: false }),
      ],
      { description },
    ),
  );
}

/** `inputs` for a display whose inputs have names (hdmi1, component1…): only those names, all by default. */
export function namedInputsConfig(brand: string, names: readonly string[]) {
  return displayInputsConfig(
    Type.String({ pattern: `^(${names.join('|')})$`, description: `${brand} input name` }),
    `Inputs offered on the panel, with the name people know each by: { "hdmi1": "Laptop", "hdmi2": { en: "Room PC", zh-CN: "会议电脑" } }, or a list; defaults to all of ${names.join(', ')}.`,
  );
}

/** The codes a display's `inputs` config offers (in the config's order), and the names it gives them. */
export function displayInputs(
  config: readonly string[] | Record<string, LocalizedText> | undefined,
  defaults: readonly string[],
): { inputs: string[]; labels: Record<string, LocalizedNames> } {
  if (!config) return { inputs: [...defaults], labels: {} };
  if (Array.isArray(config)) return { inputs: [...config], labels: {} };
  const named = config as Record<string, LocalizedText>;
  return { inputs: Object.keys(named), labels: Object.fromEntries(Object.entries(named).map(([k, v]) => [k, namesOf(v)])) };
}
