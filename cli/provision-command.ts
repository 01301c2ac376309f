import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { askAnswers } from '../provisioning/answers/ask-answers.js';
import { loadAnswersFile } from '../provisioning/answers/answers-load.js';
import { provision } from '../provisioning/provision.js';
import { PROVISION_USAGE } from './command-usage.js';

/** `roomctl provision`: exit 0 when the room is installed and doctor passes, 1 otherwise. */
export async function provisionCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      answers: { type: 'string' },
      root: { type: 'string' },
      'dry-run': { type: 'boolean' },
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
    process.stderr.write(`roomctl provision: no --answers file and no terminal to ask the questions on\n\n${PROVISION_USAGE}`);
    return 2;
  }
  const answers = values.answers ? await loadAnswersFile(values.answers) : await askAnswers(process.stdin, process.stderr);
  const outcome = await provision({
    answers,
    root: values.root ? resolve(values.root) : undefined,
    dryRun: values['dry-run'] === true,
    doctor: values['skip-doctor'] !== true,
    out: (line) => process.stdout.write(`${line}\n`),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  return outcome.doctor && !outcome.doctor.passed ? 1 : 0;
}
