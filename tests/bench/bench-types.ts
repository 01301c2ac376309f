export interface BenchContext {
  /** Shorter runs (CI smoke, a developer's laptop); figures are still real. */
  quick: boolean;
}

export interface BenchResult {
  name: string;
  figures: Record<string, number>;
  units: Record<string, string>;
  /** Limits a figure must stay within; the runner marks each pass or fail. */
  targets?: Record<string, { max?: number; min?: number }>;
  notes?: string;
  /** Anything more a benchmark measured, written as is to its bench-results JSON. */
  details?: Record<string, unknown>;
}

export interface Benchmark {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
