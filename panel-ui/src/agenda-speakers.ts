/** The agenda editor's speakers field: names in speaking order, each with their minutes. */
const SPEAKER = /^(.*?)\s+(\d{1,3})\s*(?:min|分钟|分)?$/i;

/** "Lin 5, Omar 3" → speakers in order; undefined when a part has no name or no minutes (1–120). */
export function parseSpeakers(text: string): { name: string; minutes: number }[] | undefined {
  const parts = text
    .split(/[,，、;；]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const speakers = parts.map((p) => SPEAKER.exec(p)).map((m) => (m && m[1]!.trim() ? { name: m[1]!.trim(), minutes: Number(m[2]) } : undefined));
  return speakers.every((s) => s !== undefined && s.minutes >= 1 && s.minutes <= 120) ? (speakers as { name: string; minutes: number }[]) : undefined;
}
