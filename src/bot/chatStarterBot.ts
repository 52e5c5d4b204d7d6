import {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { CARD_VERBS, type AdaptiveCardJson, type CardRenderer, toAttachment } from '../cards';
import { parseCommand } from '../commands/parseCommand';
import { formReply } from '../commands/formHandler';
import { helpReply, unknownCommandReply } from '../commands/helpHandler';
import { StartChatHandler } from '../commands/startChatHandler';
import { CHAT_TOPIC_MAX_LENGTH } from '../chats/buildCreateChatBody';
import { StartChatOutcome } from '../chats/startChatService';
import { ChannelNotSupportedError, InvalidSubmissionError, TenantNotAllowedError, UnknownRequesterError } from '../errors';
import { describeError } from '../errors/describeError';
import type { ObjectIdFormat } from '../directory/objectId';
import { Logger } from '../logging/createLogger';
import { Reply, cardReply } from '../turn/reply';
import { TurnInfo, readMentions, readTurnInfo } from '../turn/turnInfo';
import { answerWithinBudget } from './answerWithinBudget';
import { CardSubmission, isCardSubmission, parseCardSubmission } from './cardSubmissions';
import { CardUpdater } from './cardUpdater';

export interface ChatStarterBotOptions {
  readonly startChat: StartChatHandler;
  readonly cards: CardRenderer;
  readonly cardUpdater: CardUpdater;
  readonly allowedTenantIds: readonly string[];
  readonly logger: Logger;
  /**
   * How long a card action may wait for Graph before answering with a "creating…" card.
   * Teams expects an answer to `adaptiveCard/action` within about 5 seconds.
   */
  readonly invokeBudgetMs?: number;
  /** Which ids count as Entra object ids: `guid` unless this is the local try-out. */
  readonly objectIds?: ObjectIdFormat;
}

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const TEAMS_CHANNEL = 'msteams';

/** How a card action arrived: an `adaptiveCard/action` invoke, or a message (Action.Submit). */
type Arrival = 'invoke' | 'message';

/** What a progress card shows, and the request its refresh asks about. */
interface Progress {
  readonly peopleCount: number;
  readonly topic: string;
  readonly requestKey: string;
}

/**
 * Routes Teams activities to handlers and turns their outcomes into cards; the rules of starting
 * a chat live in the handlers and the start-chat service.
 */
export class ChatStarterBot extends TeamsActivityHandler {
  private readonly invokeBudgetMs: number;

  constructor(private readonly options: ChatStarterBotOptions) {
    super();
    this.invokeBudgetMs = options.invokeBudgetMs ?? 4_000;

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((member) => member.id === botId)) await this.welcome(context);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const turn = readTurnInfo(context, this.options.logger);
    const card = await this.runCardAction(context, turn, invokeValue.action?.verb, invokeValue.action?.data, 'invoke');
    // An invoke always has a card: progress stands in for an outcome still being worked on.
    return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as unknown as AdaptiveCardInvokeResponse['value'] };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = readTurnInfo(context, this.options.logger);
    const value: unknown = context.activity.value;
    if (isCardSubmission(value)) {
      // Action.Submit from an older client: the same payload as Action.Execute, as a message.
      const card = await this.runCardAction(context, turn, (value as { verb: unknown }).verb, value, 'message');
      // Nothing to say when a twin submission (or Teams' redelivery of this one) will answer.
      if (card) await context.sendActivity(MessageFactory.attachment(toAttachment(card)));
      return;
    }
    const reply = await this.guard(turn, () => this.replyToText(context, turn));
    await this.send(context, reply);
  }

  private async replyToText(context: TurnContext, turn: TurnInfo): Promise<Reply> {
    this.requireAllowedTenant(turn);
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const command = parseCommand({ text, mentions: readMentions(context.activity), objectIds: this.options.objectIds ?? 'guid' });
    turn.logger.info({ command: command.kind }, 'message received');
    switch (command.kind) {
      case 'help':
        return helpReply(this.options.cards);
      case 'showForm':
        return formReply(this.options.cards, turn);
      case 'unknown':
        return unknownCommandReply();
      case 'startChat': {
        this.requireRequester(turn);
        const outcome = await this.options.startChat.fromText(turn, text, command.people, command.topic);
        return this.options.startChat.replyFor(outcome);
      }
    }
  }

  /**
   * A card action from either arrival shape; always answers with a card. An invoke must answer
   * within Teams' few seconds; a message (Action.Submit) has the whole turn and replies once.
   */
  private async runCardAction(context: TurnContext, turn: TurnInfo, verb: unknown, data: unknown, arrival: 'invoke'): Promise<AdaptiveCardJson>;
  private async runCardAction(context: TurnContext, turn: TurnInfo, verb: unknown, data: unknown, arrival: 'message'): Promise<AdaptiveCardJson | undefined>;
  private async runCardAction(context: TurnContext, turn: TurnInfo, verb: unknown, data: unknown, arrival: Arrival): Promise<AdaptiveCardJson | undefined> {
    let submission: CardSubmission;
    try {
      this.requireAllowedTenant(turn);
      submission = parseCardSubmission(verb, data, this.options.objectIds ?? 'guid');
    } catch (error) {
      return this.cardForError(turn, error, verb, data);
    }
    turn.logger.info({ verb: submission.verb }, 'card action received');
    switch (submission.verb) {
      case CARD_VERBS.showForm:
        return cardOf(formReply(this.options.cards, turn, { pickerScope: submission.pickerScope }));
      case CARD_VERBS.startChat: {
        const work = this.startOrFail(turn, () => this.options.startChat.fromForm(turn, submission.peopleIds, submission.topic, arrival === 'invoke'));
        const progress = { peopleCount: submission.peopleIds.length, topic: submission.topic, requestKey: StartChatHandler.formKey(turn, submission.peopleIds, submission.topic) };
        return this.answer(context, turn, arrival, work, progress, verb, data);
      }
      case CARD_VERBS.choosePeople: {
        const work = this.startOrFail(turn, () => this.options.startChat.fromChoice(turn, submission.requestId, submission.choices, arrival === 'invoke'));
        const progress = { peopleCount: Object.keys(submission.choices).length, topic: '', requestKey: StartChatHandler.choiceKey(turn, submission.requestId) };
        return this.answer(context, turn, arrival, work, progress, verb, data);
      }
      case CARD_VERBS.checkRequest: {
        // The "Creating…" card's refresh: show the outcome if there is one, else keep waiting.
        const progress = { peopleCount: 0, topic: '', requestKey: submission.requestKey };
        return this.options.startChat.check(turn, submission.requestKey).then(
          (outcome) => this.cardForOutcome(turn, outcome, progress),
          (error: unknown) => this.cardForError(turn, error, verb, data),
        );
      }
    }
  }

  /** Async so that a missing requester becomes a rejected promise, handled like any failure. */
  private async startOrFail(turn: TurnInfo, start: () => Promise<StartChatOutcome>): Promise<StartChatOutcome> {
    this.requireRequester(turn);
    return start();
  }

  /**
   * Answers an invoke with its result if Graph is quick; otherwise with a "creating…" card at
   * once, replaced by the result when the chat exists (Teams gives card actions ~5 s).
   * A message (Action.Submit) simply waits for the result.
   */
  private async answer(
    context: TurnContext,
    turn: TurnInfo,
    arrival: Arrival,
    work: Promise<StartChatOutcome>,
    progress: Progress,
    verb: unknown,
    data: unknown,
  ): Promise<AdaptiveCardJson | undefined> {
    if (arrival === 'message') {
      return work.then(
        (outcome) => (outcome.kind === 'inProgress' ? undefined : this.cardForOutcome(turn, outcome, progress)),
        (error: unknown) => this.cardForError(turn, error, verb, data),
      );
    }
    const finalCard = work.then(
      (outcome) => this.cardForOutcome(turn, outcome, progress),
      (error: unknown) => this.cardForError(turn, error, verb, data),
    );
    const reference = TurnContext.getConversationReference(context.activity);
    const cardActivityId = turn.cardActivityId;
    return answerWithinBudget(finalCard, this.invokeBudgetMs, {
      early: () => {
        turn.logger.info({ budgetMs: this.invokeBudgetMs }, 'chat creation is slow; answering with a progress card');
        return this.creatingCard(turn, progress);
      },
      late: (card) => this.options.cardUpdater.update(reference, cardActivityId, card),
      onLateError: (error) => turn.logger.error({ err: error }, 'could not replace the progress card with the result'),
    });
  }

  private cardForOutcome(turn: TurnInfo, outcome: StartChatOutcome, progress: Progress): AdaptiveCardJson {
    try {
      const reply = this.options.startChat.replyFor(outcome);
      // Still being worked on (by a twin click or another instance): keep showing progress.
      return reply.kind === 'card' ? reply.card : this.creatingCard(turn, progress);
    } catch (error) {
      return this.cardForError(turn, error, undefined, undefined);
    }
  }

  /** "Creating…", refreshing itself for the requester until the outcome is recorded. */
  private creatingCard(turn: TurnInfo, progress: Progress): AdaptiveCardJson {
    const people = progress.peopleCount > 0 ? [`${progress.peopleCount} ${progress.peopleCount === 1 ? 'person' : 'people'}`] : [];
    return this.options.cards.renderCreatingCard({ people, topic: progress.topic, requestKey: progress.requestKey, userIds: turn.requesterMri === '' ? [] : [turn.requesterMri] });
  }

  /** A bad form is shown again with its problem on it; everything else is an error card. */
  private cardForError(turn: TurnInfo, error: unknown, verb: unknown, data: unknown): AdaptiveCardJson {
    if (error instanceof InvalidSubmissionError && verb === CARD_VERBS.startChat) {
      turn.logger.info({ code: error.code }, 'form submission rejected');
      const topic = typeof (data as { topic?: unknown } | undefined)?.topic === 'string' ? String((data as { topic: string }).topic).slice(0, CHAT_TOPIC_MAX_LENGTH) : '';
      return cardOf(formReply(this.options.cards, turn, { topic, problem: error.problem }));
    }
    return cardOf(this.replyForError(turn, error));
  }

  /** The one place errors become replies (through `describeError`). */
  private replyForError(turn: TurnInfo, error: unknown): Reply {
    const described = describeError(error, turn.correlationId);
    const code = (error as { code?: unknown }).code;
    if (described.level === 'error') turn.logger.error({ err: error, code, correlationId: turn.correlationId }, 'turn failed');
    else turn.logger.info({ code }, 'request could not be completed');
    return cardReply(this.options.cards.renderErrorCard(described.card));
  }

  private async guard(turn: TurnInfo, work: () => Promise<Reply>): Promise<Reply> {
    try {
      return await work();
    } catch (error) {
      return this.replyForError(turn, error);
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const turn = readTurnInfo(context, this.options.logger);
    if (!this.isAllowedTenant(turn)) return;
    const reply = turn.conversationType === 'personal' ? formReply(this.options.cards, turn) : helpReply(this.options.cards);
    await this.send(context, reply);
  }

  private async send(context: TurnContext, reply: Reply): Promise<void> {
    if (reply.kind === 'card') await context.sendActivity(MessageFactory.attachment(toAttachment(reply.card)));
    else if (reply.kind === 'text') await context.sendActivity(MessageFactory.text(reply.text));
  }

  /** Only Teams vouches for `channelData.tenant` and `aadObjectId`; other channels are refused. */
  private isAllowedTenant(turn: TurnInfo): boolean {
    return turn.channelId === TEAMS_CHANNEL && turn.tenantId !== undefined && this.options.allowedTenantIds.includes(turn.tenantId);
  }

  private requireAllowedTenant(turn: TurnInfo): void {
    if (turn.channelId !== TEAMS_CHANNEL) throw new ChannelNotSupportedError(turn.channelId);
    if (!this.isAllowedTenant(turn)) throw new TenantNotAllowedError(turn.tenantId);
  }

  private requireRequester(turn: TurnInfo): void {
    if (turn.requesterId === '') throw new UnknownRequesterError();
  }
}

function cardOf(reply: Reply): AdaptiveCardJson {
  if (reply.kind !== 'card') throw new Error('Expected a card reply');
  return reply.card;
}
