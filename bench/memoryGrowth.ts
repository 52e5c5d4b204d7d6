/** One memory figure at a turn count. */
export interface GrowthPoint {
  readonly turns: number;
  readonly bytes: number;
}

/** A straight line through the readings, and how far they scatter around it. */
export interface GrowthFit {
  readonly fromTurns: number;
  readonly toTurns: number;
  /** Slope of the least-squares line, in bytes per turn. */
  readonly bytesPerTurn: number;
  /** What the line gains from the first reading to the last, in bytes. */
  readonly fittedGrowthBytes: number;
  /** Highest minus lowest distance of a reading from the line, in bytes. */
  readonly scatterBytes: number;
}

/** Least-squares growth of `points` (past warm-up: the caller leaves out the earlier readings). */
export function fitGrowth(points: readonly GrowthPoint[]): GrowthFit | undefined {
  if (points.length < 3) return undefined;
  const n = points.length;
  const meanX = points.reduce((sum, point) => sum + point.turns, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.bytes, 0) / n;
  const sxx = points.reduce((sum, point) => sum + (point.turns - meanX) ** 2, 0);
  if (sxx === 0) return undefined;
  const slope = points.reduce((sum, point) => sum + (point.turns - meanX) * (point.bytes - meanY), 0) / sxx;
  const residuals = points.map((point) => point.bytes - (meanY + slope * (point.turns - meanX)));
  const fromTurns = points[0]!.turns;
  const toTurns = points[n - 1]!.turns;
  const fittedGrowthBytes = slope * (toTurns - fromTurns);
  const scatterBytes = Math.max(...residuals) - Math.min(...residuals);
  return { fromTurns, toTurns, bytesPerTurn: slope, fittedGrowthBytes, scatterBytes };
}

/**
 * The noise a growth has to exceed to count: the larger of how far one run's readings scatter
 * around its line and how far two runs doing the same turns read apart at the same turn count.
 * Deliberately plain: a steady leak makes the line climb by more than the readings wander; memory
 * that only wobbles does not.
 */
export function noiseBandBytes(fit: GrowthFit, runsApartBytes: number): number {
  return Math.max(fit.scatterBytes, runsApartBytes);
}

/** The largest difference between runs' readings taken at the same turn count. */
export function runsApart(series: readonly (readonly GrowthPoint[])[]): number {
  let widest = 0;
  const [first, ...others] = series;
  for (const point of first ?? []) {
    for (const other of others) {
      const same = other.find((candidate) => candidate.turns === point.turns);
      if (same) widest = Math.max(widest, Math.abs(same.bytes - point.bytes));
    }
  }
  return widest;
}
