import type { FaultInjector, FaultRule } from './types';

/** What the server must do for one request, decided once before the handler runs. */
export interface FaultDecision {
  delayMs: number;
  status?: number;
  retryAfterSeconds?: number;
  drop: boolean;
  afterHandling: boolean;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/** Fault and latency rules; the first matching rule that still has uses (and wins its dice roll) applies. */
export class RuleFaultInjector implements FaultInjector {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): void {
    if (rule.probability !== undefined && (rule.probability < 0 || rule.probability > 1)) {
      throw new RangeError('FaultRule.probability must be between 0 and 1');
    }
    this.rules.push({ rule, remaining: rule.count ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** `path` is the decoded path without query, version prefix included. */
  decide(method: string, path: string): FaultDecision | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathMatches(rule.path, path)) continue;
      if (this.random() >= (rule.probability ?? 1)) continue;
      active.remaining -= 1;
      return {
        delayMs: rule.delayMs ?? 0,
        status: rule.status,
        retryAfterSeconds: rule.retryAfterSeconds,
        drop: rule.drop ?? false,
        afterHandling: rule.afterHandling ?? false,
      };
    }
    return undefined;
  }
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
  // Graph paths are case-insensitive, so string rules are too.
  if (typeof pattern === 'string') return pattern.toLowerCase() === path.toLowerCase();
  pattern.lastIndex = 0;
  return pattern.test(path);
}
