import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { ERROR_CATALOG, type ErrorCode } from '../../drivers/core/errors.js';
import { LAYOUT } from '../install/layout.js';
import type { CheckResult } from './doctor-types.js';

const hintOf = (code: string | undefined) => {
  if (!code || !(code in ERROR_CATALOG)) return undefined;
  const hint = ERROR_CATALOG[code as ErrorCode].hint.replace(/\.$/, '');
  return hint.charAt(0).toLowerCase() + hint.slice(1);
};

/**
 * What to do about a failed check: which file, which field, which command. A report line that
 * only says what is wrong leaves IT guessing at the fix; every FAIL line ends with this.
 */
export function nextStepFor(result: CheckResult, configPath: string, config?: RoomConfig): string {
  if (result.next) return result.next;
  switch (result.area) {
    case 'config':
      return `run roomctl config check ${configPath}: it lists every problem with its field`;
    case 'device': {
      const id = result.name.split(' ')[0];
      const index = config?.devices.findIndex((d) => d.id === id) ?? -1;
      const where = index >= 0 ? `devices[${index}] (${id}) in ${configPath}` : `the device's entry in ${configPath}`;
      // The line already says "wrong password": the catalog's hint would say it again.
      // Passwords usually live in the secrets file: named, so IT opens the right one.
      const secrets = config?.secrets ? `its secrets file ${config.secrets}` : 'its secrets file';
      if (result.code === 'ROOMCTL_E_DEVICE_AUTH')
        return `put the username and password the device expects in ${where} (or ${secrets}), or unlock the account on the device; then run roomctl doctor again`;
      return `${hintOf(result.code) ?? "check the device's power, cable and address"}; its settings are ${where}; then run roomctl doctor again`;
    }
    case 'broker':
      if (result.code === 'ROOMCTL_E_BROKER_REFUSED')
        return `on the broker, add the room's user and ACL lines that roomctl provision printed (also in ${LAYOUT.mosquittoAcl}); the password is mqtt.password in the secrets file`;
      if (result.code === 'ROOMCTL_E_BROKER_PROTOCOL')
        return `set mqtt.protocolVersion in ${configPath} (4 = MQTT 3.1.1), then restart the room: systemctl restart roomctl`;
      return `check mqtt.url in ${configPath}, the network and the broker's firewall`;
    case 'calendar':
      return `check calendar.url (in the secrets file named by ${configPath}): open it in a browser to see what it serves`;
    case 'panel':
      if (result.code === 'ROOMCTL_E_LISTEN_IN_USE')
        return `stop the program that holds that port (ss -ltnp shows which) or set api.listen in ${configPath} to a free port (1024 or above); then systemctl restart roomctl`;
      return `run roomctl start --config ${configPath} to see why the room does not start (under systemd: journalctl -u roomctl)`;
  }
}
