/**
 * A process that holds a call and nothing else: it joins the URL it is given (argv 2, the
 * profiles under argv 3) and prints the browser's pid, so a test can kill -9 this process
 * and see what the call's browser does.
 */
import { BrowserCall } from '../browser-call.js';

const call = new BrowserCall({
  executable: '/usr/bin/chromium',
  extraArgs: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  profileParent: process.argv[3]!,
});
const view = await call.join({ provider: 'web', url: process.argv[2]! });
process.stdout.write(`${JSON.stringify({ state: view.state, pid: call.pid })}\n`);
