// Prints vitest's result as the one plain closing line CI reads: "tests: N passed, N failed, N skipped".
// A run can fail with every test passed (an error thrown outside any test, e.g. by a timer left
// running after its test): the line says so, rather than reading as a green run.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
// vitest's JSON report does not count those errors; its exit status (the second argument) does.
const status = Number(process.argv[3] ?? 0);
const outside = status !== 0 && report.numFailedTests === 0 ? ' — FAILED: errors outside any test, listed above as "Unhandled Errors"' : '';
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped${outside}`);
