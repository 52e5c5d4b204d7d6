/** Summary figures of a set of timings. Nearest-rank percentiles: no interpolation between samples. */
export interface Summary {
  readonly count: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  return { count: values.length, median: percentile(values, 0.5), p95: percentile(values, 0.95), max: Math.max(...values) };
}

/** Fixed-precision text for tables: milliseconds to one decimal. */
export function ms(value: number): string {
  return value.toFixed(1);
}

export function ratio(value: number): string {
  return `${value.toFixed(1)}×`;
}
