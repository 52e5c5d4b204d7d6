import type { ChatParticipant } from '../directory/chatParticipant';
import type { DirectoryUser } from '../directory/directoryUser';
import type { GraphChat } from '../graph/graphTypes';
import { kickoffNote } from '../kickoff/kickoffNotes';
import type { KickoffRecords } from '../kickoff/kickoffRecords';
import type { ChatKickoff, KickoffOrigin, KickoffOutcome, KickoffRequest } from '../kickoff/kickoffTypes';
import type { Logger } from '../logging/createLogger';
import type { ChatResult } from './chatResult';
import type { RequesterChannel } from './requesterChannel';

/** The created chat as the kickoff needs it. */
export interface KickedOffChat {
  readonly chat: GraphChat;
  readonly chatType: 'oneOnOne' | 'group';
  readonly requester: DirectoryUser;
  readonly participants: readonly ChatParticipant[];
}

/** One request's kickoff, once its chat is recorded. */
export interface KickoffRun {
  readonly requestKey: string;
  readonly reuseAfterMs?: number;
  readonly kickoff: KickoffRequest;
  /** The result as recorded: what the person is told now. */
  readonly result: ChatResult;
  readonly tellLater?: RequesterChannel;
  readonly abortSignal?: AbortSignal;
  /** Given the background work once, so a stopping process waits for it. */
  readonly keepAlive?: (work: Promise<unknown>) => void;
}

export interface KickoffStepOptions {
  readonly kickoff: ChatKickoff;
  readonly records: KickoffRecords;
  readonly logger: Logger;
  readonly homeTenantId: string;
}

/**
 * The kickoff card in each new chat, as its own step after the chat is recorded: the person has
 * their result at once; the install and the post (with Teams' roster delay, seconds) go on in the
 * background, at most once per request (its own record), and a card that is not posted is told to
 * the requester through the channel their request came with. It never turns the created chat into
 * an error.
 */
export class KickoffStep {
  constructor(private readonly options: KickoffStepOptions) {}

  /** What to post into the chat, from where the request came and who is in it. */
  plan(origin: KickoffOrigin, firstWords: string, created: KickedOffChat): KickoffRequest {
    return {
      chatId: created.chat.id,
      withOtherOrganization: created.chatType === 'oneOnOne' && created.participants.some((participant) => participant.kind === 'federated'),
      requester: { name: created.requester.displayName, teamsUserId: origin.requesterMri || created.requester.id },
      serviceUrl: origin.serviceUrl,
      tenantId: origin.tenantId ?? this.options.homeTenantId,
      topic: created.chat.topic ?? '',
      people: created.participants.map((participant) => (participant.kind === 'directory' ? participant.user.displayName : participant.label)),
      firstWords,
      ...(origin.askedVia !== undefined ? { askedVia: origin.askedVia } : {}),
    };
  }

  /**
   * Why the card cannot be posted, when that is known without trying (a one-on-one with another
   * organization): the sentence the result card carries from the start. Nothing is ever sent then.
   */
  refusedAtOnce(request: KickoffRequest): string | undefined {
    const refused = this.options.kickoff.refuseAtOnce(request);
    return refused ? kickoffNote(refused) : undefined;
  }

  /**
   * Claims the kickoff's record, then posts in the background. The result the person gets now:
   * with a note when the intent could not be recorded (then nothing is sent).
   */
  async start(run: KickoffRun): Promise<ChatResult> {
    const log = this.options.logger.child({ kickoff: true, chatId: run.kickoff.chatId });
    try {
      if (!(await this.options.records.claim(run.requestKey, run.kickoff.chatId, run.reuseAfterMs !== undefined ? { reuseAfterMs: run.reuseAfterMs } : {}))) {
        log.info({ cause: 'alreadyClaimed' }, 'kickoff not posted again: this request already has one');
        return run.result;
      }
    } catch (error) {
      log.error({ err: error, cause: 'notRecorded' }, 'kickoff not posted: its intent could not be recorded');
      return withNote(run.result, kickoffNote({ kind: 'notPosted', problem: 'notRecorded' }));
    }
    run.keepAlive?.(this.post(run, log));
    return run.result;
  }

  /** The background half: post, record what became of it, tell the requester when it is not there. Never rejects. */
  private async post(run: KickoffRun, log: Logger): Promise<void> {
    let outcome: KickoffOutcome;
    try {
      outcome = await this.options.kickoff.post(run.kickoff, run.abortSignal ? { abortSignal: run.abortSignal } : undefined);
    } catch (error) {
      log.error({ err: error, cause: 'kickoffFailed' }, 'kickoff not posted: it failed unexpectedly');
      outcome = { kind: 'notPosted', problem: 'notDelivered' };
    }
    try {
      await this.options.records.settle(run.requestKey, run.kickoff.chatId, outcome);
    } catch (error) {
      log.error({ err: error }, 'could not record what became of the kickoff');
    }
    const note = kickoffNote(outcome);
    if (note === undefined) return;
    if (!run.tellLater) {
      log.warn('the requester could not be told that the kickoff was not posted: the request gave no way to reach them');
      return;
    }
    await run.tellLater.tellLater({ result: withNote(run.result, note), note }).catch((error: unknown) => {
      log.warn({ err: error }, 'the requester could not be told that the kickoff was not posted');
    });
  }

  /** The result of a replayed request, with what became of its kickoff when the card is not in the chat. */
  async replayed(requestKey: string, result: ChatResult): Promise<ChatResult> {
    try {
      const outcome = await this.options.records.outcome(requestKey, result.chatId);
      return outcome ? withNote(result, kickoffNote(outcome)) : result;
    } catch (error) {
      this.options.logger.warn({ err: error, kickoff: true }, 'could not read what became of the kickoff; the result is shown without it');
      return result;
    }
  }
}

export function withNote(result: ChatResult, note: string | undefined): ChatResult {
  return note === undefined || result.notes.includes(note) ? result : { ...result, notes: [...result.notes, note] };
}
