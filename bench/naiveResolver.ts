import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { PersonQuery } from '../src/directory/personQuery';
import { userByIdUrl, usersByAddressUrl, usersByNameUrl } from '../src/directory/lookupRequests';

/** How many of the looked-up queries found at least one directory user. */
export interface NaiveResolution {
  readonly requesterFound: boolean;
  readonly found: number;
}

/**
 * The baseline the bot is measured against: what a first implementation would do, one
 * sequential `GET` per person (and one for the requester) through the same Graph client, with
 * the same URLs the bot puts in its batch. Only the transport differs.
 */
export async function resolveNaively(client: Client, requesterId: string, queries: readonly PersonQuery[]): Promise<NaiveResolution> {
  const requesterFound = await lookUp(client, userByIdUrl(requesterId));
  let found = 0;
  for (const query of queries) {
    if (await lookUp(client, urlFor(query))) found += 1;
  }
  return { requesterFound, found };
}

function urlFor(query: PersonQuery): string {
  switch (query.kind) {
    case 'objectId':
      return userByIdUrl(query.id);
    case 'address':
      return usersByAddressUrl(query.address);
    case 'name':
      return usersByNameUrl(query.name);
    case 'federated':
    case 'mention':
    case 'group':
      throw new RangeError(`the baseline does not look up ${query.kind} queries`);
  }
}

async function lookUp(client: Client, url: string): Promise<boolean> {
  try {
    const body = (await client.api(url).get()) as { id?: unknown; value?: unknown } | null;
    return Array.isArray(body?.value) ? body.value.length > 0 : typeof body?.id === 'string';
  } catch (error) {
    // An unknown id is an answer ("not found"), not a failure of the benchmark.
    if (error instanceof GraphError && error.statusCode === 404) return false;
    throw error;
  }
}
