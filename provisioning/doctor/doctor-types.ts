/** One line of the doctor's report. */
export interface CheckResult {
  area: 'config' | 'device' | 'broker' | 'calendar' | 'panel';
  name: string;
  status: 'ok' | 'fail' | 'warn' | 'skip';
  detail: string;
  /** The coded error behind a failure, when there is one. */
  code?: string;
  /** For a failure: what to do next (which file, which field, which command). */
  next?: string;
}

export interface DoctorReport {
  room?: { id: string; name: string; site: string; timezone: string };
  configPath: string;
  host: string;
  version: string;
  startedAt: string;
  durationMs: number;
  /** How the devices and panel were checked: the running service's API, or an appliance doctor started itself. */
  mode: 'running-service' | 'self-started' | 'none';
  results: CheckResult[];
  passed: boolean;
}
