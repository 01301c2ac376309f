import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDoctorReport, runDoctor } from '../provisioning/doctor/doctor.js';
import { LAYOUT } from '../provisioning/install/layout.js';

/** `roomctl doctor`: the self-test report; exit 1 when anything is wrong. */
export async function doctorCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { config: { type: 'string' }, root: { type: 'string' }, json: { type: 'boolean' }, 'device-timeout': { type: 'string' } },
    strict: true,
  });
  const root = values.root ? resolve(values.root) : undefined;
  const configPath = values.config ?? (root ? `${root}${LAYOUT.config}` : LAYOUT.config);
  const seconds = values['device-timeout'] === undefined ? undefined : Number(values['device-timeout']);
  if (seconds !== undefined && !(seconds > 0)) {
    process.stderr.write(`roomctl doctor: --device-timeout must be a number of seconds, got ${JSON.stringify(values['device-timeout'])}\n`);
    return 2;
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
