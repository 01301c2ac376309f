import type { ProvisioningDriver } from '../provisioning-drivers.js';
import type { DoctorReport } from './doctor-types.js';

/**
 * doctor's fix for a device that refuses its login, said for provisioning's run: the answers
 * decide that login (`devices.<driver>`), so one IT fixes in secrets.yaml by hand goes back to
 * the answers' at the next run. A driver whose login is not answered keeps doctor's own fix.
 */
export function loginFixesInAnswers(report: DoctorReport, drivers: readonly ProvisioningDriver[]): void {
  for (const result of report.results) {
    if (result.code !== 'ROOMCTL_E_DEVICE_AUTH') continue;
    // The line's name is "<id> (<driver> <where>)".
    const driver = /\((\S+)/.exec(result.name)?.[1];
    const fields = Object.keys(drivers.find((d) => d.id === driver)?.credentials?.properties ?? {});
    if (fields.length === 0) continue;
    const answers = fields.map((f) => `devices.${driver}.${f}`).join(' and ');
    result.next = `answer ${answers} with the login the device expects and run roomctl provision again (a login fixed by hand in secrets.yaml goes back to the answers' at the next run), or unlock the account on the device`;
  }
}
