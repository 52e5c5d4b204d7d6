import { GraphFaultError, PermissionMissingError } from '../errors';
import { GraphSubResponse } from '../graph/graphTypes';

/**
 * A directory look-up that failed as a whole: a 403 names the permission the step needs (and
 * who grants it, where the person is told); anything else is a Graph fault with its request id.
 */
export function lookupFailure(answer: GraphSubResponse | undefined, permission: string): Error {
  if (!answer) return new GraphFaultError('Graph answered no response for a directory look-up', undefined, undefined, undefined);
  const requestId = answer.headers['request-id'];
  if (answer.status === 403) return new PermissionMissingError(permission, requestId);
  const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
  return new GraphFaultError(`Graph answered ${answer.status} to a directory look-up`, answer.status, code, requestId);
}

/** The `value` list of a collection answer; a 200 without one is a Graph fault. */
export function valueList(body: unknown, what: string): unknown[] {
  const value = (body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) throw new GraphFaultError(`Graph answered ${what} without a value list`, 200, undefined, undefined);
  return value;
}
