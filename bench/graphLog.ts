import { LoggedRequest } from '../src/sandbox';

/** Graph requests that crossed the network on their own: batch steps ride inside their batch. */
export function graphRoundTrips(log: readonly LoggedRequest[]): number {
  return log.filter((entry) => !entry.inBatch && entry.path.startsWith('/v1.0/')).length;
}

/** Token requests to the sandbox's Entra ID endpoints (the credential caches its token). */
export function tokenRequests(log: readonly LoggedRequest[]): number {
  return log.filter((entry) => !entry.inBatch && entry.path.endsWith('/oauth2/v2.0/token')).length;
}
