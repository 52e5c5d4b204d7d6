/**
 * The commands the bot understands, as users see them in Teams' command menu and in `help`.
 * The app manifest's `commandLists` is checked against this list by a test, so the menu can
 * never offer a command the parser does not know.
 */
export interface CommandInfo {
  /** What the user types; the parser matches this case-insensitively at the start of the text. */
  readonly title: string;
  /** One line for the command menu (Teams allows 128 characters). */
  readonly description: string;
  /** Full examples shown in `help`. */
  readonly examples: readonly string[];
}

export const COMMANDS: readonly CommandInfo[] = [
  {
    title: 'start chat with',
    description: 'Start a Teams chat with the people you name, e.g. "start chat with Megan, adele@contoso.com about Q3"',
    examples: [
      'start chat with Megan Bowen',
      'start chat with Megan Bowen, adele@contoso.com about Q3 planning',
      'start chat with @Megan Bowen and @Adele Vance about Launch',
    ],
  },
  {
    title: 'start chat',
    description: 'Open a form to pick people and a topic for a new chat',
    examples: ['start chat'],
  },
  {
    title: 'help',
    description: 'What Chat Starter does, with examples',
    examples: ['help'],
  },
];
