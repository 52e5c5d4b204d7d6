import { ChatStarterError } from './chatStarterError';

/** One option on a choice card: a person, or (`kind: 'group'`) a group whose users are meant. */
export interface Candidate {
  readonly id: string;
  readonly displayName: string;
  readonly address: string;
  /** A person's job title; for a group, what kind of group it is. */
  readonly jobTitle?: string;
  readonly kind?: 'group';
}

/** Why one named person (or group) could not be added. */
export type PersonProblem =
  | { readonly reason: 'notFound'; readonly query: string }
  | { readonly reason: 'disabled'; readonly query: string; readonly displayName: string }
  | { readonly reason: 'ambiguous'; readonly query: string; readonly candidates: readonly Candidate[] }
  | { readonly reason: 'notAUser'; readonly query: string }
  /** A group with nobody in it who can be added. */
  | { readonly reason: 'emptyGroup'; readonly query: string; readonly displayName: string }
  /** Nobody has this name or address, and groups could not be searched (GroupMember.Read.All not granted). */
  | { readonly reason: 'groupsUnreadable'; readonly query: string; readonly permission: string }
  /** A group whose membership is hidden from the app (Member.Read.Hidden not granted). */
  | { readonly reason: 'hiddenMembership'; readonly query: string; readonly displayName: string };

/** Some of the people named could not be resolved to exactly one enabled account. */
export class PeopleNotResolvedError extends ChatStarterError {
  readonly code = 'PEOPLE_NOT_RESOLVED';
  readonly kind = 'user' as const;
  constructor(readonly problems: readonly PersonProblem[]) {
    super(`${problems.length} of the people named could not be added`);
  }
}

export class TooManyPeopleError extends ChatStarterError {
  readonly code = 'TOO_MANY_PEOPLE';
  readonly kind = 'user' as const;
  constructor(readonly count: number, readonly limit: number) {
    super(`A chat holds at most ${limit} people; ${count} were named`);
  }
}

/** A group named has more people than one chat can start with. */
export class GroupTooLargeError extends ChatStarterError {
  readonly code = 'GROUP_TOO_LARGE';
  readonly kind = 'user' as const;
  constructor(readonly groupName: string, readonly count: number, readonly limit: number) {
    super(`The group has ${count} people; a chat holds at most ${limit}`);
  }
}

export class NobodyElseError extends ChatStarterError {
  readonly code = 'NOBODY_ELSE';
  readonly kind = 'user' as const;
  constructor() {
    super('Nobody other than the requester was named');
  }
}

export class TenantNotAllowedError extends ChatStarterError {
  readonly code = 'TENANT_NOT_ALLOWED';
  readonly kind = 'user' as const;
  constructor(readonly tenantId: string | undefined) {
    super(`Tenant ${tenantId ?? '(none)'} is not allowed to use this bot`);
  }
}

/** The requester could not be identified (no Entra object id on the activity). */
export class UnknownRequesterError extends ChatStarterError {
  readonly code = 'UNKNOWN_REQUESTER';
  readonly kind = 'user' as const;
  constructor() {
    super('The activity carries no Entra object id for its sender');
  }
}

/** A card submission or invoke payload that does not match its verb's schema. */
export class InvalidSubmissionError extends ChatStarterError {
  readonly code = 'INVALID_SUBMISSION';
  readonly kind = 'user' as const;
  constructor(readonly problem: string) {
    super(problem);
  }
}

/** A choice card whose request has expired or was already completed. */
export class RequestExpiredError extends ChatStarterError {
  readonly code = 'REQUEST_EXPIRED';
  readonly kind = 'user' as const;
  constructor() {
    super('The request this choice belongs to has expired or was already used');
  }
}

export class FirstWordsTooLongError extends ChatStarterError {
  readonly code = 'FIRST_WORDS_TOO_LONG';
  readonly kind = 'user' as const;
  constructor(readonly length: number, readonly limit: number) {
    super(`The first message has ${length} characters; at most ${limit} are allowed`);
  }
}

export class TopicTooLongError extends ChatStarterError {
  readonly code = 'TOPIC_TOO_LONG';
  readonly kind = 'user' as const;
  constructor(readonly length: number, readonly limit: number) {
    super(`The topic has ${length} characters; at most ${limit} are allowed`);
  }
}

/** The activity came through a channel other than Microsoft Teams (e.g. Web Chat), where tenant and user ids are not vouched for. */
export class ChannelNotSupportedError extends ChatStarterError {
  readonly code = 'CHANNEL_NOT_SUPPORTED';
  readonly kind = 'user' as const;
  constructor(readonly channelId: string | undefined) {
    super(`Channel ${channelId ?? '(none)'} is not supported`);
  }
}
