export const FLEET_ZH_CN: Record<string, string> = {};
