import { isChatStarterError } from './chatStarterError';
import { ChatRateLimitedError, MessageTooLongError } from './limitErrors';
import { AmbiguousCreateError, GraphFaultError, PermissionMissingError, StorageFaultError, ThrottledError } from './faults';
import {
  ChannelNotSupportedError,
  InvalidSubmissionError,
  NobodyElseError,
  PeopleNotResolvedError,
  PersonProblem,
  RequestExpiredError,
  TenantNotAllowedError,
  TooManyPeopleError,
  TopicTooLongError,
  FirstWordsTooLongError,
  GroupTooLargeError,
  UnknownRequesterError,
} from './userErrors';

/** What the person is told; the bot shows it (on the error card). */
export interface ErrorSummary {
  readonly title: string;
  readonly message: string;
  /** One line per person who could not be added. */
  readonly problems: readonly { readonly query: string; readonly reason: string }[];
  /** Shown for faults so support can find the logs; empty for user errors. */
  readonly correlationId: string;
}

export interface ErrorDescription {
  readonly summary: ErrorSummary;
  /** User errors are expected (info); faults need attention (error). */
  readonly level: 'info' | 'error';
}

const WHAT_PERMISSIONS_ALLOW: Record<string, string> = {
  'Chat.Create': 'create chats',
  'User.Read.All': 'look people up in your directory',
  'GroupMember.Read.All': "read your groups' members",
};

/**
 * The one place an error becomes what the person sees. No stack trace or internal message ever
 * reaches them; faults carry a correlation id that is also in the logs.
 */
export function describeError(error: unknown, correlationId: string): ErrorDescription {
  const user = (title: string, message: string, problems: ErrorSummary['problems'] = []): ErrorDescription => ({
    summary: { title, message, problems, correlationId: '' },
    level: 'info',
  });
  const fault = (title: string, message: string): ErrorDescription => ({
    summary: { title, message, problems: [], correlationId },
    level: 'error',
  });

  if (!isChatStarterError(error)) {
    return fault('Something went wrong', 'Sorry, I hit an unexpected problem and no chat was created. Please try again in a moment.');
  }
  if (error instanceof PeopleNotResolvedError) {
    return user(
      "I couldn't start the chat",
      'Nothing was created. Check these people and try again:',
      error.problems.map((problem) => ({ query: problem.query, reason: describeProblem(problem) })),
    );
  }
  if (error instanceof TooManyPeopleError) {
    return user('Too many people', `A Teams chat holds at most ${error.limit} people, you included. You named ${error.count - 1} others.`);
  }
  if (error instanceof GroupTooLargeError) {
    return user(
      'Group too large',
      `${error.groupName} has ${error.count} people, and a Teams chat can start with at most ${error.limit}, you included. Nothing was created; name a smaller group or the people themselves.`,
    );
  }
  if (error instanceof FirstWordsTooLongError) {
    return user('First message too long', `The first message can have at most ${error.limit} characters; yours has ${error.length}. Nothing was created.`);
  }
  if (error instanceof TopicTooLongError) {
    return user('Topic too long', `A chat topic can have at most ${error.limit} characters; yours has ${error.length}. Nothing was created.`);
  }
  if (error instanceof ChatRateLimitedError) {
    return error.window === 'minute'
      ? user('Slow down a little', `You can start at most ${error.limit} ${chats(error.limit)} a minute. Nothing was created; try again in ${error.retryAfterSeconds} seconds.`)
      : user('Daily limit reached', `You can start at most ${error.limit} ${chats(error.limit)} a day. Nothing was created; try again tomorrow (the count starts again at midnight UTC).`);
  }
  if (error instanceof MessageTooLongError) {
    return user('Message too long', `I read messages of up to ${error.limit} characters; yours has ${error.length}. Nothing was created.`);
  }
  if (error instanceof NobodyElseError) {
    return user('Who should be in the chat?', 'Name at least one other person, for example: start chat with Megan Bowen, adele@contoso.com about Q3 planning');
  }
  if (error instanceof ChannelNotSupportedError) {
    return user('Microsoft Teams only', 'Chat Starter starts Teams chats, so it only works inside Microsoft Teams.');
  }
  if (error instanceof TenantNotAllowedError) {
    return user('Not available here', "Chat Starter isn't enabled for your organization. Ask your Teams admin to add it.");
  }
  if (error instanceof UnknownRequesterError) {
    return user("I couldn't find you", "Your account isn't in this organization's directory, so I can't start chats for you.");
  }
  if (error instanceof InvalidSubmissionError) {
    return user('Please check the form', error.problem);
  }
  if (error instanceof RequestExpiredError) {
    return user('That choice has expired', 'This request is no longer open. Start a new chat from the form or with "start chat with …".');
  }
  if (error instanceof PermissionMissingError) {
    const what = WHAT_PERMISSIONS_ALLOW[error.permission] ?? 'do this';
    return fault(
      'Chat Starter needs a permission',
      `The app isn't allowed to ${what}: it needs the Microsoft Graph application permission ${error.permission}. ` +
        'A Global Administrator or Privileged Role Administrator must grant it (admin consent) in Microsoft Entra ID. Nothing was created.',
    );
  }
  if (error instanceof ThrottledError) {
    return fault('Teams is busy', 'Microsoft Teams is limiting requests right now. Nothing was created; please try again in a minute.');
  }
  if (error instanceof AmbiguousCreateError) {
    return fault(
      "Teams didn't confirm the chat",
      "Teams didn't answer whether the chat was created. Look in your chat list before trying again, so you don't end up with two chats.",
    );
  }
  if (error instanceof GraphFaultError || error instanceof StorageFaultError) {
    return fault('Something went wrong', 'Sorry, I could not reach Microsoft Teams properly and no chat was created. Please try again in a moment.');
  }
  return fault('Something went wrong', 'Sorry, I hit an unexpected problem and no chat was created. Please try again in a moment.');
}

const chats = (count: number): string => (count === 1 ? 'chat' : 'chats');

function describeProblem(problem: PersonProblem): string {
  switch (problem.reason) {
    case 'notFound':
      return 'No one in your organization matches this.';
    case 'disabled':
      return `${problem.displayName}'s account is disabled.`;
    case 'notAUser':
      return "This mention isn't a person I can add (tags and teams can't be added to a chat).";
    case 'groupsUnreadable':
      return `No one in your organization matches this, and if it is a group I can't read it: the app needs the Microsoft Graph application permission ${problem.permission}, which a Global Administrator or Privileged Role Administrator must grant.`;
    case 'emptyGroup':
      return `${problem.displayName} is a group with no one in it I can add.`;
    case 'hiddenMembership':
      return `${problem.displayName} keeps its membership hidden, so I can't see who is in it. Name the people instead, or ask an admin to grant the app Member.Read.Hidden.`;
    case 'ambiguous':
      if (problem.candidates.length === 1) return `Only part of a name: did you mean ${problem.candidates[0]!.displayName} (${problem.candidates[0]!.address})? Use their full name or email address.`;
      return `Matches several ${problem.candidates.some((candidate) => candidate.kind === 'group') ? 'people or groups' : 'people'}: ${problem.candidates.map((candidate) => `${candidate.displayName} (${candidate.address})`).join('; ')}. Use their email address.`;
  }
}
