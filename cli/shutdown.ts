/**
 * Waits for Ctrl-C or SIGTERM, then runs `stop` once. A second signal while stopping exits
 * at once, so a stuck device can never make the process unkillable by a person.
 */
export function waitForShutdown(stop: () => Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`\n${signal} again: exiting now\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`\n${signal}: stopping…\n`);
      stop()
        .catch((err) => process.stderr.write(`error while stopping: ${(err as Error).message}\n`))
        .finally(() => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve();
        });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
