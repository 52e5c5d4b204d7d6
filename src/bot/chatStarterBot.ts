import { InvokeResponse, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { type CardRenderer } from '../cards';
import { StartChatService } from '../chats/startChatService';
import type { ObjectIdFormat } from '../entra/objectId';
import type { StartedChatsReader } from '../kickoff/startedChats';
import { DEFAULT_ABUSE_LIMITS } from '../config/loadLimits';
import { DEFAULT_INVOKE_BUDGET_MS } from '../config/turnTiming';
import { Logger } from '../logging/createLogger';
import type { Telemetry } from '../telemetry/telemetry';
import { CardUpdater } from './cardUpdater';
import { connectorReach } from './connectorReach';
import type { ConversationMessenger } from './conversationMessenger';
import { unsupportedInvoke } from './invokeAnswers';
import { invokeConversation } from './invokeConversation';
import { RequesterNotifier } from './requesterNotifier';
import { isCardSubmission } from './cardSubmissions';
import { TurnLifecycle, readMentions, readTurnInfo } from './readTurnInfo';
import { RequestIntake } from './requestIntake';
import { Routes, createRoutes } from './routes';
import { asInvokeResponse, sendAsMessage } from './sendAnswer';

export interface ChatStarterBotOptions {
  readonly service: StartChatService;
  readonly cards: CardRenderer;
  readonly cardUpdater: CardUpdater;
  /** Writes to a person's personal chat with the bot (results that outlast a dialog). */
  readonly requesterNotifier: RequesterNotifier;
  /**
   * Says a short message in a conversation after its turn: the kickoff's note when the result card
   * cannot be updated. Without it, that note is only logged.
   */
  readonly messenger?: ConversationMessenger;
  /** The process's shutdown: turns get its cut signal, late work is waited for. */
  readonly lifecycle?: TurnLifecycle;
  readonly allowedTenantIds: readonly string[];
  readonly logger: Logger;
  /** How long a card action may wait for Graph before answering with a "creating…" card (INVOKE_BUDGET_MS). */
  readonly invokeBudgetMs?: number;
  /** Which ids count as Entra object ids: `guid` unless this is the local try-out. */
  readonly objectIds?: ObjectIdFormat;
  /** Chats the bot created: no welcome there (the kickoff card is theirs). */
  readonly startedChats?: StartedChatsReader;
  /** The most people in one new chat, the requester included; default 200 (LIMIT_PEOPLE_PER_CHAT). */
  readonly peoplePerChat?: number;
  /** The longest typed message the bot reads; default 8,000 characters. */
  readonly textLength?: number;
  /** Counts chats created and requests refused (docs/telemetry.md); none: not counted. */
  readonly telemetry?: Telemetry;
}

/**
 * Reads each Teams activity, hands it to its route (`routes/`) and sends the route's `Answer`: as
 * a message, or as the invoke response. Every invoke goes through one table (`routes/invokes.ts`).
 * No rules live here.
 */
export class ChatStarterBot extends TeamsActivityHandler {
  private readonly routes: Routes;

  constructor(private readonly options: ChatStarterBotOptions) {
    super();
    this.routes = createRoutes({
      cards: options.cards,
      intake: new RequestIntake(options.service),
      allowedTenantIds: options.allowedTenantIds,
      invokeBudgetMs: options.invokeBudgetMs ?? DEFAULT_INVOKE_BUDGET_MS,
      objectIds: options.objectIds ?? 'guid',
      ...(options.startedChats ? { startedChats: options.startedChats } : {}),
      peoplePerChat: options.peoplePerChat ?? DEFAULT_ABUSE_LIMITS.peoplePerChat,
      textLength: options.textLength ?? DEFAULT_ABUSE_LIMITS.textLength,
    });

    this.onMessage(async (context, next) => {
      const turn = readTurnInfo(context, options.logger, options.lifecycle, options.telemetry);
      const { reach, answered } = connectorReach(context, turn, options);
      let sentId: string | undefined;
      try {
        const value: unknown = context.activity.value;
        const answer = isCardSubmission(value)
          ? // Action.Submit from an older client: the same payload as Action.Execute, as a message.
            await this.routes.cardAction({ turn, verb: value.verb, data: value, arrival: 'message', reach })
          : await this.routes.message({
              turn,
              text: TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '',
              mentions: readMentions(context.activity),
              say: async (message: string): Promise<void> => {
                await context.sendActivity(message);
              },
              reach,
            });
        // Nothing is sent for `none`: a twin submission (or Teams' redelivery of this one) answers.
        sentId = await sendAsMessage(context, answer, turn.logger);
      } finally {
        // Whatever a route tells later (a failed kickoff) comes after this answer, or at once if there was none.
        answered(sentId);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((member) => member.id === botId)) {
        const turn = readTurnInfo(context, options.logger, options.lifecycle, options.telemetry);
        await sendAsMessage(context, await this.routes.welcome(turn), turn.logger);
      }
      await next();
    });
  }

  /**
   * The one invoke dispatcher: each name listed in `routes/invokes.ts` goes to its route
   * (`adaptiveCard/action` included); any other name is answered as not supported (never
   * botbuilder's 501).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name ?? '';
    const turn = readTurnInfo(context, this.options.logger, this.options.lifecycle, this.options.telemetry);
    const route = this.routes.invokes[name];
    if (!route) {
      turn.logger.info({ invokeName: name.slice(0, 100) }, 'unsupported invoke refused');
      return asInvokeResponse(unsupportedInvoke());
    }
    const { reach, answered } = connectorReach(context, turn, this.options);
    try {
      return asInvokeResponse(await route({ turn, value: context.activity.value, conversation: invokeConversation(context, turn.logger), reach }));
    } catch (error) {
      // Routes answer the person's mistakes themselves; what reaches here is a fault.
      turn.logger.error({ err: error, correlationId: turn.correlationId }, 'invoke failed');
      return { status: 500 };
    } finally {
      answered();
    }
  }
}
