/**
 * The data each card template in `cards/*.json` is filled with. These interfaces are the contract
 * between the bot (which builds the data) and the templates (which only display it): user text
 * reaches a card only as a value in one of these objects, never spliced into card JSON.
 */

/** Verbs of the `Action.Execute` buttons; the bot dispatches card actions on these. */
export const CARD_VERBS = {
  startChat: 'chatStarter.startChat',
  choosePeople: 'chatStarter.choosePeople',
  showForm: 'chatStarter.showForm',
  /** Sent by the "Creating…" card's `refresh`: shows the request's outcome when the card is viewed. */
  checkRequest: 'chatStarter.checkRequest',
} as const;
export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/**
 * The longest first message a kickoff card carries (the form's limit too). Far below Teams' ~28 KB
 * message limit, and long enough for a real opening message; longer input is refused plainly.
 */
export const FIRST_WORDS_MAX_LENGTH = 2000;

/** The form's groups field: room for a handful of addresses or names. */
export const GROUPS_TEXT_MAX_LENGTH = 1000;

/** Names of the inputs on the cards, which arrive as keys of the submitted data. */
export const CARD_INPUTS = {
  people: 'people',
  topic: 'topic',
  /** The first words to post in the new chat (optional). */
  message: 'message',
  /** Groups or distribution lists by address or name, comma-separated (optional). */
  groups: 'groups',
  /** On the choice card: one input per ambiguous name, named `choice_<index>`. */
  choicePrefix: 'choice_',
} as const;

export interface PersonView {
  readonly displayName: string;
  /** Mail or UPN; empty when unknown (a federated person). */
  readonly address: string;
  readonly jobTitle?: string;
  /** "Guest", "Other organization" or empty. */
  readonly note?: string;
}

/** The start-chat form (people picker, topic, Start). */
export interface FormCardData {
  /** `currentContext` limits the picker to the conversation's members (group chats, channels). */
  readonly pickerScope: 'organization' | 'currentContext';
  /** True in group chats and channels, where limiting the picker to members is offered. */
  readonly offerScopeToggle: boolean;
  /** Values to pre-fill after a failed submission. */
  readonly topic: string;
  readonly message?: string;
  /** Groups typed on the previous submission (addresses or names), shown again. */
  readonly groups?: string;
  /** A problem with the previous submission, shown above the inputs; empty when none. */
  readonly problem: string;
  /**
   * The most people one new chat may have, the requester included (LIMIT_PEOPLE_PER_CHAT): the
   * picker's label says how many can be picked, so the person knows before pressing Start.
   */
  readonly peopleMax: number;
  /** People already in the picker (e.g. from a message); their names show until Teams resolves the ids. */
  readonly people?: readonly { readonly id: string; readonly displayName: string }[];
  /**
   * Shown in a dialog (a message extension's task module), where Teams sends `Action.Submit` to the
   * bot as `composeExtension/submitAction`; in a conversation the card uses `Action.Execute`.
   */
  readonly inDialog?: boolean;
}

/** The chat was created. */
export interface ResultCardData {
  readonly chatType: 'oneOnOne' | 'group';
  readonly topic: string;
  readonly members: readonly PersonView[];
  readonly openUrl: string;
  /** Extra remarks, e.g. "A topic can't be set on a one-on-one chat, so it was not used." */
  readonly notes: readonly string[];
}

/** A name matched several people: pick one for each. */
export interface ChoiceCardData {
  /** Opaque id of the pending request the choice continues. */
  readonly requestId: string;
  readonly topic: string;
  readonly questions: readonly {
    /** The text the user typed for this person. */
    readonly query: string;
    /** Input id: `choice_<index>`. */
    readonly inputId: string;
    readonly candidates: readonly (PersonView & { readonly id: string })[];
  }[];
  /**
   * Present when the groups named make a large chat: the card asks to confirm it (how many
   * people, through which groups, a few names) instead of asking which person was meant.
   */
  readonly confirmation?: {
    readonly peopleCount: number;
    readonly groups: readonly { readonly displayName: string; readonly address: string; readonly memberCount: number }[];
    readonly sampleNames: readonly string[];
    readonly leftOut: readonly string[];
  };
}

/** Something the user can fix (not found, disabled, …) or a fault (with a correlation id). */
export interface ErrorCardData {
  readonly title: string;
  readonly message: string;
  /** One line per person who could not be added. */
  readonly problems: readonly { readonly query: string; readonly reason: string }[];
  /** Shown for faults so support can find the logs; empty for user errors. */
  readonly correlationId: string;
}

/** A chat is being created (Graph is slow); the card is updated when it exists. */
export interface CreatingCardData {
  readonly people: readonly string[];
  readonly topic: string;
  /** Whose request and which (`RequestKey`); the card's `refresh` asks for its outcome. */
  readonly requester: string;
  readonly request: string;
  /** Who gets the automatic refresh: the requester's Teams user id (MRI, `29:…`). */
  readonly userIds: readonly string[];
}

/**
 * The first message in a chat the bot created: who asked for it (a real Teams mention, so they are
 * notified), the topic, who was invited, and the requester's own first words, shown as plain text.
 */
export interface KickoffCardData {
  readonly requester: {
    readonly name: string;
    /** The id Teams mentions: the requester's Teams user id (`29:…`) or Entra object id. */
    readonly id: string;
  };
  /** Empty for a one-on-one chat. */
  readonly topic: string;
  /** Display names of the people invited (the requester left out). */
  readonly people: readonly string[];
  /** What the requester wrote after `saying`, exactly; empty when nothing. */
  readonly firstWords: string;
  /** The system the request came through (an HTTP API caller's name), shown as plain text; absent for requests made in Teams. */
  readonly askedVia?: string;
}

export interface HelpCardData {
  readonly commands: readonly { readonly title: string; readonly description: string; readonly examples: readonly string[] }[];
}
