/**
 * Answers with `work`'s result when it comes within `budgetMs`; otherwise answers at once with
 * `early()` and hands the result to `late` when it arrives (e.g. to replace a progress card).
 * `work` must not reject: turn failures into results first. A failing `late` goes to `onLateError`.
 */
export async function answerWithinBudget<T>(
  work: Promise<T>,
  budgetMs: number,
  handlers: {
    readonly early: () => T;
    readonly late: (result: T) => Promise<void>;
    readonly onLateError: (error: unknown) => void;
    /** Given the late work once it is running on its own, so a stopping process can wait for it. */
    readonly keepAlive?: (work: Promise<unknown>) => void;
  },
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), budgetMs);
  });
  const first = await Promise.race([work, timeout]);
  clearTimeout(timer);
  if (first !== TIMED_OUT) return first as T;
  const late = work.then(handlers.late).catch(handlers.onLateError);
  handlers.keepAlive?.(late);
  return handlers.early();
}

const TIMED_OUT = Symbol('timed out');
