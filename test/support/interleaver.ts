import { StateStore, StoredItem } from '../../src/state/stateStore';

export type ActorResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * A small deterministic scheduler for storage interleavings. Each actor gets its own view of a
 * shared store; every store call parks the actor until the scheduler lets exactly that one call
 * run. `run` follows a schedule (a list of actor names); when the named actor is not waiting (or
 * the schedule is used up) the first waiting actor in name order goes, so every schedule is a
 * complete, repeatable run.
 */
export class Interleaver {
  private readonly parked = new Map<string, () => void>();
  private readonly finished = new Set<string>();
  private changed: (() => void) | undefined;
  /** The actors in the order their store calls ran, e.g. `A:create B:create A:get`. */
  readonly trace: string[] = [];

  storeFor(actor: string, inner: StateStore): StateStore {
    const step = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
      await this.park(actor);
      this.trace.push(`${actor}:${operation}`);
      return call();
    };
    return {
      create: <T>(key: string, value: T) => step('create', () => inner.create(key, value)),
      get: <T>(key: string) => step('get', () => inner.get<T>(key)) as Promise<StoredItem<T> | undefined>,
      replace: <T>(key: string, value: T, etag: string) => step('replace', () => inner.replace(key, value, etag)),
      delete: (key: string, etag?: string) => step('delete', () => inner.delete(key, etag)),
    };
  }

  async run(actors: Readonly<Record<string, () => Promise<unknown>>>, schedule: readonly string[]): Promise<Record<string, ActorResult>> {
    const names = Object.keys(actors).sort();
    const results: Record<string, ActorResult> = {};
    for (const name of names) {
      actors[name]!().then(
        (value) => (results[name] = { ok: true, value }),
        (error: unknown) => (results[name] = { ok: false, error }),
      ).finally(() => {
        this.finished.add(name);
        this.notify();
      });
    }
    let position = 0;
    for (;;) {
      await this.until(() => names.every((name) => this.finished.has(name) || this.parked.has(name)));
      const waiting = names.filter((name) => this.parked.has(name));
      if (waiting.length === 0) return results;
      const wanted = schedule[position];
      position += 1;
      const next = wanted !== undefined && this.parked.has(wanted) ? wanted : waiting[0]!;
      const resume = this.parked.get(next)!;
      this.parked.delete(next);
      resume();
      // Let that one call run before anyone else is considered.
      await this.until(() => this.finished.has(next) || this.parked.has(next));
    }
  }

  private park(actor: string): Promise<void> {
    return new Promise((resume) => {
      this.parked.set(actor, resume);
      this.notify();
    });
  }

  private notify(): void {
    const changed = this.changed;
    this.changed = undefined;
    changed?.();
  }

  private async until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => (this.changed = resolve));
  }
}

/** Every schedule of `length` steps over the actors: all interleavings of up to that many calls. */
export function allSchedules(actors: readonly string[], length: number): string[][] {
  let schedules: string[][] = [[]];
  for (let step = 0; step < length; step += 1) schedules = schedules.flatMap((schedule) => actors.map((actor) => [...schedule, actor]));
  return schedules;
}
