/**
 * A process that holds a call and nothing else: it joins the URL it is given (argv 2, the
 * profiles under argv 3) and prints the browser's pid, so a test can kill -9 this process
 * and see what the call's browser does. On Ctrl-C (SIGINT) it leaves the call as the room
 * does when it stops, then prints every state the call went through since it joined.
 */
import { BrowserCall } from '../browser-call.js';

const call = new BrowserCall({
  executable: '/usr/bin/chromium',
  extraArgs: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  profileParent: process.argv[3]!,
});
const view = await call.join({ provider: 'web', url: process.argv[2]! });
const since: string[] = [];
call.on('change', (changed) => since.push(changed.detail ? `${changed.state}: ${changed.detail}` : changed.state));
process.once('SIGINT', () => {
  void call.leave('the room is stopping').then(() => process.stdout.write(`${JSON.stringify({ since })}\n`));
});
process.stdout.write(`${JSON.stringify({ state: view.state, pid: call.pid })}\n`);
