import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { haNodeId } from '../../appliance/telemetry/ha-discovery.js';
import { RoomctlError } from '../../drivers/core/errors.js';

const run = promisify(execFile);

/** The room's topics: everything it publishes and every command it answers lives under here. */
const roomTopicFilter = (site: string, room: string) => `roomctl/${site}/${room}/#`;

/** The room's own Home Assistant discovery topics, and the topic where Home Assistant says it is back. */
const haDiscoveryFilter = (site: string, room: string) => `homeassistant/+/${haNodeId(site, room)}/+/config`;
const HA_STATUS_TOPIC = 'homeassistant/status';

/**
 * What a room reads of the other rooms, to hold a meeting with them (linked rooms): their
 * records about linked meetings, the invitations addressed to this room, and their online/
 * offline status (a host's last will hands the timer on). It writes only under its own topics,
 * so every record it receives was sent by the room whose topic carries it.
 */
const linkedRoomFilters = (site: string, room: string) => ['roomctl/+/+/meetings/+/records', `roomctl/+/+/links/${site}/${room}`, 'roomctl/+/+/status'];

/**
 * Mosquitto `acl_file` lines: this user may read and write its own room's topics, announce
 * its own Home Assistant entities, hear Home Assistant come online, and read what linked
 * rooms send it — nothing else.
 */
export function mosquittoAcl(user: string, site: string, room: string): string {
  return [
    `# roomctl room ${site}/${room}`,
    `user ${user}`,
    `topic readwrite ${roomTopicFilter(site, room)}`,
    `topic write ${haDiscoveryFilter(site, room)}`,
    `topic read ${HA_STATUS_TOPIC}`,
    ...linkedRoomFilters(site, room).map((f) => `topic read ${f}`),
    '',
  ].join('\n');
}

/** EMQX 5 file authorization (acl.conf) rules: allow the room's topics, deny the rest for this user. */
export function emqxAcl(user: string, site: string, room: string): string {
  return [
    `%% roomctl room ${site}/${room}`,
    `{allow, {username, "${user}"}, all, ["${roomTopicFilter(site, room)}"]}.`,
    `{allow, {username, "${user}"}, publish, ["${haDiscoveryFilter(site, room)}"]}.`,
    `{allow, {username, "${user}"}, subscribe, ["${HA_STATUS_TOPIC}"]}.`,
    `{allow, {username, "${user}"}, subscribe, [${linkedRoomFilters(site, room)
      .map((f) => `"${f}"`)
      .join(', ')}]}.`,
    `{deny, {username, "${user}"}, all, ["#"]}.`,
    '',
  ].join('\n');
}

/**
 * A P-256 key and a certificate signing request for the room (CN = the MQTT username), made
 * by the openssl CLI in a private temporary folder. The key never touches the target until
 * the install writes it with mode 0600.
 */
export async function createKeyAndCsr(commonName: string, organisationalUnit: string, existingKeyPem?: string): Promise<{ key: string; csr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-identity-'));
  try {
    const keyPath = join(dir, 'room.key');
    if (existingKeyPem) {
      await writeFile(keyPath, existingKeyPem, { mode: 0o600 });
    } else {
      await run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath]);
    }
    const subject = `/O=roomctl/OU=${organisationalUnit}/CN=${commonName}`;
    await run('openssl', ['req', '-new', '-key', keyPath, '-subj', subject, '-out', join(dir, 'room.csr')]);
    return { key: await readFile(keyPath, 'utf8'), csr: await readFile(join(dir, 'room.csr'), 'utf8') };
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new RoomctlError(
      missing ? 'ROOMCTL_E_DEPENDENCY_MISSING' : 'ROOMCTL_E_PROVISION_WRITE',
      missing ? 'openssl is not installed: apt-get install openssl' : `openssl could not make the room's key and CSR: ${(err as Error).message}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The subject of a CSR, to tell whether the one on disk still names this room. */
export async function csrSubject(csrPem: string): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-csr-'));
  try {
    await writeFile(join(dir, 'room.csr'), csrPem);
    const { stdout } = await run('openssl', ['req', '-in', join(dir, 'room.csr'), '-noout', '-subject', '-nameopt', 'compat']);
    return stdout.trim().replace(/^subject=/, '');
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
