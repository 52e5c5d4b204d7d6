import { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, InvokeResponse, MessageFactory, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { type AdaptiveCardJson, type CardRenderer } from '../cards';
import { toAttachment } from './cardAttachment';
import { StartChatService } from '../chats/startChatService';
import type { ObjectIdFormat } from '../entra/objectId';
import type { StartedChatsReader } from '../kickoff/startedChats';
import { DEFAULT_ABUSE_LIMITS } from '../config/loadLimits';
import { DEFAULT_INVOKE_BUDGET_MS } from '../config/turnTiming';
import { Logger } from '../logging/createLogger';
import { TurnInfo } from '../turn/turnInfo';
import { isCardActionValue } from './cardActionValue';
import { CardUpdater } from './cardUpdater';
import type { ConversationMessenger } from './conversationMessenger';
import { tellKickoffLater } from './kickoffLateNotice';
import { malformedCardAction, unsupportedInvoke } from './invokeAnswers';
import { invokeConversation } from './invokeConversation';
import { RequesterNotifier } from './requesterNotifier';
import { isCardSubmission } from './cardSubmissions';
import { TurnLifecycle, readMentions, readTurnInfo } from './readTurnInfo';
import { Reply } from './reply';
import { Routes, createRoutes } from './routes';
import { CardAnswer } from './routes/cardActions/cardAction';
import { StartChatRequests } from './startChatRequests';

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
  /** How long a double-clicked card waits for its twin's result. */
  readonly settleTimeoutMs?: number;
  /** Which ids count as Entra object ids: `guid` unless this is the local try-out. */
  readonly objectIds?: ObjectIdFormat;
  /** Chats the bot created: no welcome there (the kickoff card is theirs). */
  readonly startedChats?: StartedChatsReader;
  /** The most people in one new chat, the requester included; default 200 (LIMIT_PEOPLE_PER_CHAT). */
  readonly peoplePerChat?: number;
  /** The longest typed message the bot reads; default 8,000 characters. */
  readonly textLength?: number;
}

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/**
 * Reads each Teams activity and hands it to its route (`routes/`); sends what the route answers.
 * No rules live here.
 */
export class ChatStarterBot extends TeamsActivityHandler {
  private readonly routes: Routes;

  constructor(private readonly options: ChatStarterBotOptions) {
    super();
    this.routes = createRoutes({
      cards: options.cards,
      requests: new StartChatRequests({ service: options.service, ...(options.settleTimeoutMs !== undefined ? { settleTimeoutMs: options.settleTimeoutMs } : {}) }),
      allowedTenantIds: options.allowedTenantIds,
      invokeBudgetMs: options.invokeBudgetMs ?? DEFAULT_INVOKE_BUDGET_MS,
      objectIds: options.objectIds ?? 'guid',
      ...(options.startedChats ? { startedChats: options.startedChats } : {}),
      peoplePerChat: options.peoplePerChat ?? DEFAULT_ABUSE_LIMITS.peoplePerChat,
      textLength: options.textLength ?? DEFAULT_ABUSE_LIMITS.textLength,
    });

    this.onMessage(async (context, next) => {
      const turn = readTurnInfo(context, options.logger, options.lifecycle);
      const value: unknown = context.activity.value;
      if (isCardSubmission(value)) {
        // Action.Submit from an older client: the same payload as Action.Execute, as a message.
        let sent: () => void = () => undefined;
        const answered = new Promise<void>((resolve) => (sent = resolve));
        try {
          const card = await this.cardAction(context, turn, value.verb, value, 'message', answered);
          // Nothing to say when a twin submission (or Teams' redelivery of this one) will answer.
          if (card) await context.sendActivity(MessageFactory.attachment(toAttachment(card)));
        } finally {
          // Whatever the route says later (a failed kickoff) comes after this answer, or at once if there was none.
          sent();
        }
      } else {
        const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
        const say = async (message: string): Promise<void> => {
          await context.sendActivity(MessageFactory.text(message));
        };
        const reply = await this.routes.message({ turn, text, mentions: readMentions(context.activity), say });
        const sentId = await send(context, reply);
        if (reply.kind === 'card' && reply.kickoffLater) this.tellKickoffLater(context, turn, reply.kickoffLater, sentId);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((member) => member.id === botId)) {
        await send(context, await this.routes.welcome(readTurnInfo(context, options.logger, options.lifecycle)));
      }
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const turn = readTurnInfo(context, this.options.logger, this.options.lifecycle);
    const card = await this.cardAction(context, turn, invokeValue.action?.verb, invokeValue.action?.data, 'invoke');
    // An invoke always has a card: progress stands in for an outcome still being worked on.
    return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as unknown as AdaptiveCardInvokeResponse['value'] };
  }

  /**
   * `adaptiveCard/action` goes to botbuilder (then `onAdaptiveCardInvoke`) once its payload has
   * the right shape; invokes listed in `routes/invokes.ts` go to their route; any other name is
   * answered as not supported (never botbuilder's 501).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name ?? '';
    const turn = readTurnInfo(context, this.options.logger, this.options.lifecycle);
    if (name === CARD_ACTION_INVOKE) {
      if (isCardActionValue(context.activity.value)) return super.onInvokeActivity(context);
      turn.logger.info('malformed card action refused');
      return malformedCardAction();
    }
    const route = this.routes.invokes[name];
    if (!route) {
      turn.logger.info({ invokeName: name.slice(0, 100) }, 'unsupported invoke refused');
      return unsupportedInvoke();
    }
    try {
      const conversation = invokeConversation(context, this.options.requesterNotifier, turn.tenantId, turn.logger);
      return await route({ turn, value: context.activity.value, conversation });
    } catch (error) {
      // Routes answer the person's mistakes themselves; what reaches here is a fault.
      turn.logger.error({ err: error, correlationId: turn.correlationId }, 'invoke failed');
      return { status: 500 };
    }
  }

  private cardAction(context: TurnContext, turn: TurnInfo, verb: unknown, data: unknown, arrival: 'invoke' | 'message', answered?: Promise<void>): Promise<CardAnswer> {
    const reference = TurnContext.getConversationReference(context.activity);
    const replaceCard = (card: AdaptiveCardJson): Promise<void> => this.options.cardUpdater.update(reference, turn.cardActivityId, card);
    const messenger = this.options.messenger;
    return this.routes.cardAction({ turn, verb, data, arrival, replaceCard, ...(messenger ? { say: (text: string) => messenger.say(reference, text) } : {}), ...(answered ? { answered } : {}) });
  }

  /**
   * A typed request's kickoff goes on after its result card was sent: if it fails, that card
   * (`sentId`) is updated with the note, or the note follows it. The process waits for this on shutdown.
   */
  private tellKickoffLater(context: TurnContext, turn: TurnInfo, later: NonNullable<Extract<Reply, { kind: 'card' }>['kickoffLater']>, sentId: string | undefined): void {
    const reference = TurnContext.getConversationReference(context.activity);
    const { cardUpdater, messenger } = this.options;
    const work = tellKickoffLater(later, {
      ...(sentId ? { update: (card: AdaptiveCardJson) => cardUpdater.update(reference, sentId, card) } : {}),
      ...(messenger ? { say: (text: string) => messenger.say(reference, text) } : {}),
    }, this.options.cards, turn.logger);
    turn.keepAlive?.(work);
  }
}

/** Sends the reply; the id of the message sent, when Teams gave one. */
async function send(context: TurnContext, reply: Reply): Promise<string | undefined> {
  if (reply.kind === 'card') return (await context.sendActivity(MessageFactory.attachment(toAttachment(reply.card))))?.id;
  if (reply.kind === 'text') return (await context.sendActivity(MessageFactory.text(reply.text)))?.id;
  return undefined;
}
