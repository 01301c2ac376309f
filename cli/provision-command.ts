import { resolve } from 'node:path';
import { askAnswers } from '../provisioning/answers/ask-answers.js';
import { loadAnswersFile } from '../provisioning/answers/answers-load.js';
import { provision } from '../provisioning/provision.js';
import { readPreviousInstall, refuseUnreadableKeptFiles } from '../provisioning/room-inputs.js';
import { PROVISION_USAGE } from './command-usage.js';
import { readCommandLine, usageError } from './usage-error.js';

/** `roomctl provision`: exit 0 when the room is installed and doctor passes, 1 otherwise. */
export async function provisionCommand(args: string[]): Promise<number> {
  const { values } = readCommandLine('roomctl provision', PROVISION_USAGE, {
    args,
    options: {
      answers: { type: 'string' },
      root: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'rewrite-unreadable': { type: 'boolean' },
      'skip-doctor': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(PROVISION_USAGE);
    return 0;
  }
  if (!values.answers && !process.stdin.isTTY) {
    const said = 'no --answers file and no terminal to ask the questions on: give --answers FILE, or run it in a terminal';
    throw usageError('roomctl provision', 'ROOMCTL_E_MISSING_ARGUMENT', said, PROVISION_USAGE);
  }
  const root = values.root ? resolve(values.root) : undefined;
  // Before the first question: a kept config the run would refuse is said before IT types the answers.
  if (values['rewrite-unreadable'] !== true) refuseUnreadableKeptFiles(await readPreviousInstall(root), root);
  const answers = values.answers ? await loadAnswersFile(values.answers) : await askAnswers(process.stdin, process.stderr);
  const outcome = await provision({
    answers,
    root,
    dryRun: values['dry-run'] === true,
    rewriteUnreadable: values['rewrite-unreadable'] === true,
    doctor: values['skip-doctor'] !== true,
    out: (line) => process.stdout.write(`${line}\n`),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  return outcome.doctor && !outcome.doctor.passed ? 1 : 0;
}
