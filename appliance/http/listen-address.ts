import { RoomctlError } from '../../drivers/core/errors.js';

/** `host:port` (IPv6 in brackets) as the config writes it, split for `listen()`. */
export function parseListen(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  return { host: listen.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(listen.slice(at + 1)) };
}

/** Why the API could not listen, as a coded error that names api.listen. */
export function listenError(err: unknown, listen: string): RoomctlError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    return new RoomctlError(
      'ROOMCTL_E_LISTEN_IN_USE',
      `Cannot listen on ${listen}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied (ports below 1024 need root)'}`,
      { listen },
    );
  }
  const why =
    code === 'EADDRNOTAVAIL' ? "that address is not one of this machine's" : code === 'ENOTFOUND' ? 'that host name does not resolve' : (err as Error).message;
  return new RoomctlError('ROOMCTL_E_LISTEN_FAILED', `Cannot listen on ${listen} (api.listen): ${why}`, { listen }, { cause: err });
}
