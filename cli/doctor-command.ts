import { resolve } from 'node:path';
import { formatDoctorReport, runDoctor } from '../provisioning/doctor/doctor.js';
import { LAYOUT } from '../provisioning/install/layout.js';
import { DOCTOR_USAGE } from './command-usage.js';
import { readCommandLine, usageError } from './usage-error.js';

/** `roomctl doctor`: the self-test report; exit 1 when anything is wrong. */
export async function doctorCommand(args: string[]): Promise<number> {
  const { values } = readCommandLine('roomctl doctor', DOCTOR_USAGE, {
    args,
    options: { config: { type: 'string' }, root: { type: 'string' }, json: { type: 'boolean' }, 'device-timeout': { type: 'string' } },
    strict: true,
  });
  const root = values.root ? resolve(values.root) : undefined;
  const configPath = values.config ?? (root ? `${root}${LAYOUT.config}` : LAYOUT.config);
  const seconds = values['device-timeout'] === undefined ? undefined : Number(values['device-timeout']);
  if (seconds !== undefined && !(seconds > 0 && Number.isFinite(seconds))) {
    const said = `--device-timeout must be a number of seconds above 0, got ${JSON.stringify(values['device-timeout'])}`;
    throw usageError('roomctl doctor', 'ROOMCTL_E_BAD_VALUE', said, DOCTOR_USAGE);
  }
  const report = await runDoctor({
    configPath,
    root,
    ...(seconds ? { deviceTimeoutMs: seconds * 1000 } : {}),
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
  return report.passed ? 0 : 1;
}
