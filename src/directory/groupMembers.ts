import { GraphApi, GraphSubResponse } from '../graph/graphTypes';
import { RunBatchedOptions, runBatched } from '../graph/runBatched';
import { DirectoryGroup } from './directoryGroup';
import { DirectoryUser, readDirectoryUser } from './directoryUser';
import { ADVANCED_QUERY_HEADERS, groupUsersUrl, nextLinkStepUrl } from './groupRequests';
import { lookupFailure, valueList } from './lookupFailure';

/** What reading one group's users came to. */
export type GroupMembership =
  /** `users`: every user member, nested groups included, disabled accounts too (the caller decides). */
  | { readonly kind: 'members'; readonly group: DirectoryGroup; readonly users: readonly DirectoryUser[] }
  /** More users than one chat can hold: not read further. `count` as Graph counted them. */
  | { readonly kind: 'tooLarge'; readonly group: DirectoryGroup; readonly count: number }
  /** The membership is hidden and the app lacks Member.Read.Hidden. */
  | { readonly kind: 'hidden'; readonly group: DirectoryGroup }
  /** The group was deleted between the look-up and the member listing. */
  | { readonly kind: 'gone'; readonly group: DirectoryGroup };

export const GROUP_MEMBER_PERMISSION = 'GroupMember.Read.All';

interface Reading {
  readonly group: DirectoryGroup;
  readonly url: string;
  readonly users: DirectoryUser[];
}

/**
 * Reads the users of several groups, transitively, following every `@odata.nextLink`. Each round
 * sends the next page of every group still being read as steps of `$batch` requests (20 steps
 * each, sent within the look-up budget), so the groups are read side by side. A group with more
 * users than `maxUsers` is reported as too large from its first page's `@odata.count`, without
 * reading the rest.
 */
export async function readGroupMembers(graph: GraphApi, groups: readonly DirectoryGroup[], maxUsers: number, options: RunBatchedOptions = {}): Promise<GroupMembership[]> {
  const results = new Map<string, GroupMembership>();
  let reading: Reading[] = groups.map((group) => ({ group, url: groupUsersUrl(group.id), users: [] }));
  while (reading.length > 0) {
    const answers = await runBatched(graph, reading.map((entry, index) => ({ id: `m${index}`, method: 'GET', url: entry.url, headers: ADVANCED_QUERY_HEADERS })), options);
    const next: Reading[] = [];
    reading.forEach((entry, index) => {
      const outcome = readPage(entry, answers.get(`m${index}`), maxUsers);
      if ('kind' in outcome) results.set(entry.group.id, outcome);
      else next.push(outcome);
    });
    reading = next;
  }
  return groups.map((group) => results.get(group.id)!);
}

/** One page: the membership when it is complete (or refused), else the group with its next page to read. */
function readPage(entry: Reading, answer: GraphSubResponse | undefined, maxUsers: number): GroupMembership | Reading {
  const { group } = entry;
  if (answer?.status === 404) return { kind: 'gone', group };
  // Graph refuses a hidden membership to an app without Member.Read.Hidden; any other 403 is GroupMember.Read.All missing.
  if (answer?.status === 403 && group.hiddenMembership) return { kind: 'hidden', group };
  if (!answer || answer.status !== 200) throw lookupFailure(answer, GROUP_MEMBER_PERMISSION);
  const body = answer.body as { '@odata.count'?: unknown; '@odata.nextLink'?: unknown } | null;
  const users = [...entry.users, ...valueList(body, 'a group member listing').map(readDirectoryUser).filter((user): user is DirectoryUser => user !== undefined)];
  const counted = typeof body?.['@odata.count'] === 'number' ? body['@odata.count'] : 0;
  const count = Math.max(counted, users.length);
  if (count > maxUsers) return { kind: 'tooLarge', group, count };
  const nextUrl = typeof body?.['@odata.nextLink'] === 'string' ? nextLinkStepUrl(body['@odata.nextLink']) : undefined;
  if (nextUrl === undefined) return { kind: 'members', group, users };
  return { group, url: nextUrl, users };
}
