import { getEventListeners } from 'node:events';

/**
 * How many things a long-lived abort signal holds on behalf of others: its abort listeners, and
 * on Node 20 the dependent signals `AbortSignal.any` registered with it (an internal set that
 * is never emptied; absent where Node does not keep one, then counted as none).
 */
export function heldBySignal(signal: AbortSignal): number {
  const dependants = Object.getOwnPropertySymbols(signal).find((symbol) => symbol.description === 'kDependantSignals');
  // Node's own set, from another realm than jest's: read its size rather than test `instanceof Set`.
  const set = dependants === undefined ? undefined : ((signal as unknown as Record<symbol, unknown>)[dependants] as { readonly size?: unknown } | undefined);
  return getEventListeners(signal, 'abort').length + (typeof set?.size === 'number' ? set.size : 0);
}
