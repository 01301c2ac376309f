/**
 * `npm run bench [-- NAME ...] [-- --quick]`: runs every tests/bench/*.bench.ts (or the
 * named ones) one after another, prints each figure against its target, and writes
 * bench-results/<name>.json plus bench-results/summary.json with the machine's facts.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import type { Benchmark, BenchResult } from './bench-types.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const only = args.filter((a) => !a.startsWith('--'));
const benchDir = join(PROJECT_ROOT, 'tests', 'bench');
const outDir = join(PROJECT_ROOT, 'bench-results');

function verdicts(result: BenchResult): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [figure, target] of Object.entries(result.targets ?? {})) {
    const value = result.figures[figure];
    out[figure] = value !== undefined && (target.max === undefined || value <= target.max) && (target.min === undefined || value >= target.min);
  }
  return out;
}

async function main(): Promise<number> {
  const files = (await readdir(benchDir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const chosen = only.length ? files.filter((f) => only.includes(basename(f, '.bench.ts'))) : files;
  if (chosen.length === 0) {
    process.stderr.write(`no benchmark matches ${only.join(', ')}; have: ${files.map((f) => basename(f, '.bench.ts')).join(', ')}\n`);
    return 2;
  }
  await mkdir(outDir, { recursive: true });
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, quick };
  const summary: Record<string, unknown> = { machine, startedAt: new Date().toISOString(), results: {} };
  let failed = 0;
  for (const file of chosen) {
    const bench = (await import(pathToFileURL(join(benchDir, file)).href)).default as Benchmark;
    process.stdout.write(`\n== ${bench.name}${quick ? ' (quick)' : ''}\n`);
    let result: BenchResult;
    try {
      result = await bench.run({ quick });
    } catch (err) {
      failed++;
      process.stdout.write(`   ERROR ${(err as Error).stack ?? err}\n`);
      (summary.results as Record<string, unknown>)[bench.name] = { error: String((err as Error).message ?? err) };
      continue;
    }
    const verdict = verdicts(result);
    for (const [figure, value] of Object.entries(result.figures)) {
      const target = result.targets?.[figure];
      const mark = figure in verdict ? (verdict[figure] ? 'PASS' : 'FAIL') : '    ';
      const limit = target ? ` (target ${target.max !== undefined ? `≤ ${target.max}` : ''}${target.min !== undefined ? `≥ ${target.min}` : ''})` : '';
      process.stdout.write(`   ${mark} ${figure.padEnd(34)} ${String(value).padStart(12)} ${result.units[figure] ?? ''}${limit}\n`);
    }
    if (result.notes) process.stdout.write(`   ${result.notes.replace(/\n/g, '\n   ')}\n`);
    if (Object.values(verdict).includes(false)) failed++;
    const record = { ...result, verdict, machine, at: new Date().toISOString() };
    (summary.results as Record<string, unknown>)[bench.name] = record;
    await writeFile(join(outDir, `${bench.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }
  await writeFile(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`\nresults in ${outDir}; ${failed === 0 ? 'every target met' : `${failed} benchmark(s) missed a target or failed`}\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
