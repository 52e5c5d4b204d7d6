import type { CardRenderer } from '../../cards';
import type { ObjectIdFormat } from '../../entra/objectId';
import type { StartedChatsReader } from '../../kickoff/startedChats';
import { RequestIntake } from '../requestIntake';

/** What routes are built with; handed in by the bot, never reached through globals. */
export interface RouteDeps {
  readonly cards: CardRenderer;
  /** Start-chat requests from each Teams source, with their keys and how each waits. */
  readonly intake: RequestIntake;
  readonly allowedTenantIds: readonly string[];
  /**
   * How long a card action may wait for Graph before answering with a "creating…" card.
   * Teams expects an answer to `adaptiveCard/action` within about 5 seconds.
   */
  readonly invokeBudgetMs: number;
  /** Which ids count as Entra object ids (typed or from the people picker). */
  readonly objectIds: ObjectIdFormat;
  /** Chats the bot created (they get the kickoff card, never a welcome); absent when KICKOFF=off. */
  readonly startedChats?: StartedChatsReader;
  /** LIMIT_PEOPLE_PER_CHAT: the most people in one new chat, the requester included (the form says so). */
  readonly peoplePerChat: number;
  /** The longest typed message the bot reads (characters). */
  readonly textLength: number;
}
