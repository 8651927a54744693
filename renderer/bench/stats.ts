export interface Stats {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles over the measured samples, in milliseconds rounded to 0.01. */
export function summarize(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    runs: sorted.length,
    median: round(at(0.5)),
    p95: round(at(0.95)),
    min: round(sorted[0] ?? NaN),
    max: round(sorted.at(-1) ?? NaN),
  };
}

/** `fn` gets a call number that never repeats (warm-up included), so callers can vary inputs. */
export async function measure(
  runs: number,
  warmup: number,
  fn: (i: number) => Promise<unknown> | unknown,
): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = warmup; i < warmup + runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/**
 * Runs a bench page's measurements and hands the result (or the error) to the script that
 * drives the page (`window.__benchResult`), also showing it on the page.
 */
export function publishResult(run: () => Promise<unknown>): void {
  const show = (value: unknown, text: string) => {
    (window as unknown as { __benchResult: unknown }).__benchResult = value;
    document.getElementById('out')!.textContent = text;
  };
  run().then(
    (result) => show(result, JSON.stringify(result, null, 2)),
    (error: unknown) => {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      show({ error: message }, message);
    },
  );
}
