/**
 * The message extension's action commands, as Teams shows them: on a message's "More actions"
 * menu, and in the compose box and command box. The app manifest's `composeExtensions` is checked
 * against this list (src/appPackage), and the invoke routes dispatch on these ids, so the manifest
 * can never offer a command the bot does not answer.
 */

/** Where a command can be started from (the manifest's `context` values). */
export type ActionCommandContext = 'message' | 'compose' | 'commandBox';

export interface ActionCommandInfo {
  /** Sent back as `value.commandId` in the `composeExtension/*` invokes. */
  readonly id: string;
  /** Teams allows 32 characters. */
  readonly title: string;
  /** Teams allows 128 characters. */
  readonly description: string;
  readonly context: readonly ActionCommandContext[];
}

export const ACTION_COMMAND_IDS = {
  /** On a message: a chat with its author and the people it mentions. */
  startChatAboutMessage: 'startChatAboutMessage',
  /** From the compose box or the command box: the start-chat form. */
  startChat: 'startChat',
} as const;
export type ActionCommandId = (typeof ACTION_COMMAND_IDS)[keyof typeof ACTION_COMMAND_IDS];

export const ACTION_COMMANDS: readonly ActionCommandInfo[] = [
  {
    id: ACTION_COMMAND_IDS.startChatAboutMessage,
    title: 'Start a chat about this',
    description: 'Start a new chat with the author of this message and the people it mentions',
    context: ['message'],
  },
  {
    id: ACTION_COMMAND_IDS.startChat,
    title: 'Start a chat',
    description: 'Pick people and a topic for a new Teams chat',
    context: ['compose', 'commandBox'],
  },
];

/**
 * Where an invoke says it came from. Teams sends `value.commandContext` as `message`, `compose`
 * or `commandbox` (lower case, unlike the manifest's `commandBox`); anything else is `undefined`.
 */
export function readCommandContext(value: unknown): ActionCommandContext | undefined {
  if (typeof value !== 'string') return undefined;
  switch (value.toLowerCase()) {
    case 'message':
      return 'message';
    case 'compose':
      return 'compose';
    case 'commandbox':
      return 'commandBox';
    default:
      return undefined;
  }
}

export function isActionCommandId(value: unknown): value is ActionCommandId {
  return typeof value === 'string' && ACTION_COMMANDS.some((command) => command.id === value);
}
