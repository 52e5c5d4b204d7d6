import { createHash } from 'node:crypto';
import { parsePersonQuery } from '../commands/parsePersonQuery';
import { PersonQuery } from '../directory/personQuery';
import type { RequesterChannel } from '../chats/requesterChannel';
import { StartChatRequest, StartChatService } from '../chats/startChatService';
import { StartChatOutcome } from '../chats/startChatOutcome';
import type { WhenInProgress } from '../chats/whenInProgress';
import { RequestKey, ledgerKeyOf } from '../chats/requestKey';
import { RequestExpiredError } from '../errors';
import type { KickoffOrigin } from '../kickoff/kickoffTypes';
import type { EntryPoint } from '../telemetry/telemetry';
import { TurnInfo } from '../turn/turnInfo';

/** How long the same words from the same person count as one request (Teams' redelivery). */
export const TEXT_REPEAT_WINDOW_MS = 2 * 60_000;

/** What every Teams source adds to its request: how to tell the requester later. */
interface Asked {
  readonly tellLater: RequesterChannel;
}

/**
 * Takes start-chat requests in from each Teams source (typed text, the form, the choice card, the
 * message extension's dialog) and hands them to the chat service, each with the idempotency key
 * that makes its redelivery or double submission harmless, and with how it waits for another
 * delivery of itself (`WhenInProgress`, decided in chats/).
 */
export class RequestIntake {
  constructor(private readonly service: StartChatService) {}

  /**
   * Typed text. Teams redelivers a slow turn with the same activity id, and sometimes with a new
   * one, so the key is what was typed, by whom, where; the same words two minutes later are a
   * new request. A delivery that finds the request in progress leaves the answer to the turn
   * working on it, unless that turn's instance stops (its lease runs out): then it takes over.
   */
  fromText(
    turn: TurnInfo,
    asked: Asked & {
      readonly text: string;
      readonly people: readonly PersonQuery[];
      readonly topic: string | undefined;
      readonly firstWords: string;
      readonly onQueued?: StartChatRequest['onQueued'];
    },
  ): Promise<StartChatOutcome> {
    const typed = createHash('sha256').update(asked.text.trim().replace(/\s+/g, ' ')).digest('hex').slice(0, 32);
    const key = ledgerKeyOf({ requesterId: turn.requesterId, request: `message:${turn.conversationId}:${typed}` });
    return counted(turn, 'typed', this.service.start({
      key,
      reuseAfterMs: TEXT_REPEAT_WINDOW_MS,
      requesterId: turn.requesterId,
      queries: asked.people,
      topic: asked.topic,
      firstWords: asked.firstWords,
      whenInProgress: 'waitForOwner',
      ...(asked.onQueued ? { onQueued: asked.onQueued } : {}),
      ...fromTurn(turn, asked.tellLater),
    }));
  }

  /** The form's key: a double click sends the same values from the same card. */
  static formKey(turn: TurnInfo, peopleIds: readonly string[], topic: string, firstWords = '', groupNames: readonly string[] = []): RequestKey {
    return { requesterId: turn.requesterId, request: `form:${turn.conversationId}:${turn.cardActivityId}:${valuesHash(peopleIds, topic, firstWords, groupNames)}` };
  }

  /**
   * A message extension dialog's key. Teams retries a slow `submitAction` (with a new activity id
   * or the same), and the dialog has no card message to name, so, as for typed text, the key is
   * what was submitted, by whom, where; the same form two minutes later is a new request.
   */
  static dialogKey(turn: TurnInfo, peopleIds: readonly string[], topic: string, firstWords = '', groupNames: readonly string[] = []): RequestKey {
    return { requesterId: turn.requesterId, request: `dialog:${turn.conversationId}:${valuesHash(peopleIds, topic, firstWords, groupNames)}` };
  }

  /** The form submitted from a message extension dialog; waits for a twin delivery's result. */
  fromDialog(turn: TurnInfo, asked: Asked & PickedPeople): Promise<StartChatOutcome> {
    const key = ledgerKeyOf(RequestIntake.dialogKey(turn, asked.peopleIds, asked.topic, asked.firstWords, asked.groupNames));
    return counted(turn, 'message_extension', this.service.start({ ...pickedPeopleRequest(turn, key, asked), reuseAfterMs: TEXT_REPEAT_WINDOW_MS, whenInProgress: 'waitForTwin' }));
  }

  /** The choice card's key: one pending request, one chat. */
  static choiceKey(turn: TurnInfo, requestId: string): RequestKey {
    return { requesterId: turn.requesterId, request: `choice:${requestId}` };
  }

  /**
   * `whenInProgress`: a card action waits for its twin (a card must show a result); a message
   * (Action.Submit) answers at once and stays silent, since the twin will answer.
   */
  fromForm(turn: TurnInfo, asked: Asked & PickedPeople & { readonly whenInProgress: WhenInProgress }): Promise<StartChatOutcome> {
    const key = ledgerKeyOf(RequestIntake.formKey(turn, asked.peopleIds, asked.topic, asked.firstWords, asked.groupNames));
    return counted(turn, 'form', this.service.start({ ...pickedPeopleRequest(turn, key, asked), whenInProgress: asked.whenInProgress }));
  }

  fromChoice(
    turn: TurnInfo,
    asked: Asked & { readonly requestId: string; readonly choices: Readonly<Record<string, string>>; readonly whenInProgress: WhenInProgress },
  ): Promise<StartChatOutcome> {
    const key = ledgerKeyOf(RequestIntake.choiceKey(turn, asked.requestId));
    return counted(turn, 'choice_card', this.service.continueWithChoices({
      key,
      requesterId: turn.requesterId,
      requestId: asked.requestId,
      choices: asked.choices,
      whenInProgress: asked.whenInProgress,
      ...fromTurn(turn, asked.tellLater),
    }));
  }

  /**
   * The outcome of one of the requester's own requests, for a "Creating…" card's refresh. Every
   * key names its requester, compared with the turn's as a whole id, so nobody can read another
   * person's request through a crafted key.
   */
  async recordedOutcome(turn: TurnInfo, key: RequestKey): Promise<StartChatOutcome> {
    if (turn.requesterId === '' || key.requesterId !== turn.requesterId) throw new RequestExpiredError();
    const outcome = await this.service.outcome(ledgerKeyOf({ requesterId: turn.requesterId, request: key.request }));
    if (!outcome) throw new RequestExpiredError();
    return outcome;
  }
}

/** The outcome as it is, counted under its entry point when it created a chat (docs/telemetry.md). */
function counted(turn: TurnInfo, entryPoint: EntryPoint, outcome: Promise<StartChatOutcome>): Promise<StartChatOutcome> {
  const telemetry = turn.telemetry;
  if (!telemetry) return outcome;
  const started = performance.now();
  return outcome.then((settled) => {
    if (settled.kind === 'created') telemetry.chatCreated({ chatType: settled.result.chatType, entryPoint, secondsToLink: (performance.now() - started) / 1000 });
    return settled;
  });
}

/** People picked by id (the form, the dialog): no names to resolve, no look-ups of mentions. */
interface PickedPeople {
  readonly peopleIds: readonly string[];
  /** The form's groups field: addresses or names, resolved as typed ones are (a group, or a person). */
  readonly groupNames?: readonly string[];
  readonly topic: string;
  readonly firstWords: string;
}

function pickedPeopleRequest(turn: TurnInfo, key: string, asked: Asked & PickedPeople): StartChatRequest {
  return {
    key,
    requesterId: turn.requesterId,
    queries: [
      ...asked.peopleIds.map((id): PersonQuery => ({ kind: 'objectId', id, text: id })),
      ...(asked.groupNames ?? []).map((name) => parsePersonQuery(name)).filter((query): query is PersonQuery => query !== undefined),
    ],
    topic: asked.topic === '' ? undefined : asked.topic,
    firstWords: asked.firstWords,
    ...fromTurn(turn, asked.tellLater),
  };
}

/**
 * What every request takes from its turn: the member look-up for mentions; where the kickoff card
 * is sent from (the requester's own Bot Connector and tenant); the shutdown signal that cuts its
 * work and where the work that outlives the turn (the kickoff) is handed so a stopping process
 * waits for it; and how the route reaches the person later.
 */
function fromTurn(turn: TurnInfo, tellLater: RequesterChannel): Pick<StartChatRequest, 'lookupMember' | 'kickoff' | 'tellLater' | 'abortSignal' | 'keepAlive'> {
  const kickoff: KickoffOrigin = { requesterMri: turn.requesterMri, serviceUrl: turn.serviceUrl, tenantId: turn.tenantId };
  return {
    lookupMember: turn.lookupMember,
    kickoff,
    tellLater,
    ...(turn.abortSignal ? { abortSignal: turn.abortSignal } : {}),
    ...(turn.keepAlive ? { keepAlive: turn.keepAlive } : {}),
  };
}

/** The submitted values, hashed: first words and groups only when given, so forms without them keep their keys. */
function valuesHash(peopleIds: readonly string[], topic: string, firstWords: string, groupNames: readonly string[] = []): string {
  const fields: unknown[] = [[...peopleIds].sort(), topic];
  if (firstWords !== '' || groupNames.length > 0) fields.push(firstWords);
  if (groupNames.length > 0) fields.push([...groupNames].map((name) => name.toLowerCase()).sort());
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}
