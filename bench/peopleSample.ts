import { readFileSync } from 'node:fs';
import { PersonQuery } from '../src/directory/personQuery';

/** The fields of a seeded directory user the benchmarks name people by. */
export interface SeededUser {
  readonly id: string;
  readonly displayName: string;
  readonly mail: string | null;
  readonly userPrincipalName: string;
  readonly accountEnabled: boolean;
  readonly userType?: string;
}

export interface SeededDirectory {
  readonly tenantId: string;
  readonly users: readonly SeededUser[];
}

export function readSeededDirectory(file: string): SeededDirectory {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { tenant: { id: string }; users: SeededUser[] };
  return { tenantId: raw.tenant.id, users: raw.users };
}

/** The enabled members (not guests) of the directory: people who may ask the bot for a chat. */
export function requesterIds(directory: SeededDirectory): string[] {
  return directory.users.filter((user) => user.accountEnabled && user.userType !== 'Guest').map((user) => user.id);
}

type Form = 'name' | 'address' | 'objectId';
const FORMS: readonly Form[] = ['name', 'address', 'objectId'];

/**
 * `count` different ways of naming people other than the requester, mixing display names,
 * addresses and object ids. Every query is distinct, so the resolver's de-duplication removes
 * nothing and bot and baseline look up exactly the same list. With U other users there are 3×U
 * distinct queries (one person named three ways counts three look-ups, as it would for the bot).
 */
export function peopleQueries(directory: SeededDirectory, requesterId: string, count: number): PersonQuery[] {
  const others = directory.users.filter((user) => user.id !== requesterId);
  if (count > others.length * FORMS.length) throw new RangeError(`the directory offers only ${others.length * FORMS.length} distinct queries`);
  const queries: PersonQuery[] = [];
  for (let index = 0; index < count; index += 1) {
    const position = index % others.length;
    const round = Math.floor(index / others.length);
    // Shifting the form each round gives every (person, form) pair at most once.
    const form = FORMS[(position + round) % FORMS.length]!;
    const user = others[position]!;
    queries.push(queryFor(user, form));
  }
  return queries;
}

function queryFor(user: SeededUser, form: Form): PersonQuery {
  switch (form) {
    case 'name':
      return { kind: 'name', name: user.displayName, text: user.displayName };
    case 'address': {
      const address = user.mail ?? user.userPrincipalName;
      return { kind: 'address', address, text: address };
    }
    case 'objectId':
      return { kind: 'objectId', id: user.id, text: user.id };
  }
}

/**
 * The text of benchmark turn `turn`: a group chat with 2 to 4 enabled people, named by display
 * name, address or id in turn, and a topic of its own (so every turn is a new chat).
 */
export function startChatText(directory: SeededDirectory, requesterId: string, turn: number): string {
  const pool = directory.users.filter((user) => user.accountEnabled && user.id !== requesterId);
  const size = 2 + (turn % 3);
  const names: string[] = [];
  for (let slot = 0; slot < size; slot += 1) {
    const user = pool[(turn * 4 + slot) % pool.length]!;
    names.push(queryFor(user, FORMS[(turn + slot) % FORMS.length]!).text);
  }
  return `start chat with ${names.join(', ')} about Benchmark topic ${turn + 1}`;
}
