import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ApiTokenValidator, ApiAuthentication } from '../apiAuth/apiTokenValidator';
import type { ApiCaller, ApiConfig } from '../config/apiConfig';
import type { StartChatRequest } from '../chats/startChatService';
import type { ChatResult } from '../chats/chatResult';
import type { StartChatOutcome } from '../chats/startChatOutcome';
import type { PeopleResolver } from '../directory/peopleResolver';
import type { ObjectIdFormat } from '../entra/objectId';
import { ChatRateLimitedError } from '../errors';
import type { CreationQuota } from '../limits/chatCreationQuota';
import type { Logger } from '../logging/createLogger';
import { readChatRequest, type ApiChatRequest } from './chatRequestBody';
import { chatAnswerOf, type ApiChatAnswer, type KickoffReport } from './chatAnswer';
import { peopleProblem, personReport, problemOfError, unconfirmedProblem } from './errorProblems';
import { IDEMPOTENCY_TTL_MS, IdempotencyRecords } from './idempotencyRecords';
import { Problem, problem, writeJson, writeProblem } from './problem';

/** A request body as the server read it (hardened reader): the JSON value, or why it was refused. */
export type ReadBody = () => Promise<{ readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly status: number; readonly code: string }>;

export interface ApiRequest {
  readonly authorization: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly readBody: ReadBody;
}

/** What the API needs of the start-chat service: the bot's own (same ledger, pacing, rules, kickoff). */
export interface ChatStarter {
  start(request: StartChatRequest): Promise<StartChatOutcome>;
}

export interface ChatsEndpointOptions {
  readonly config: ApiConfig;
  readonly tenantId: string;
  readonly objectIds: ObjectIdFormat;
  readonly peoplePerChat: number;
  readonly validator: Pick<ApiTokenValidator, 'check'>;
  readonly service: ChatStarter;
  readonly people: Pick<PeopleResolver, 'findPerson'>;
  readonly records: IdempotencyRecords;
  /** API_CHATS_PER_MINUTE, per caller. */
  readonly callerQuota: CreationQuota;
  /** Whether new chats get the kickoff card (KICKOFF). */
  readonly kickoffEnabled: boolean;
  readonly logger: Logger;
  /** Work that goes on after the answer (none today: the kickoff is awaited); a stopping process waits for it. */
  readonly keepAlive?: (work: Promise<unknown>) => void;
  /** Aborted when a stopping process cuts the work left (the ledger records where it stood). */
  readonly abortSignal?: AbortSignal;
}

/** While the first request with a key works, the others are asked to come back this soon. */
const IN_PROGRESS_RETRY_SECONDS = 1;
/** A key whose chat is recorded but whose answer never was (its instance stopped): answered from the ledger after this. */
const ANSWER_GRACE_MS = 2 * 60_000;
/** An Idempotency-Key: a Structured Field string (quoted) or a bare token, printable ASCII. */
const IDEMPOTENCY_KEY = /^"?([\x21\x23-\x7e]{1,255})"?$/;

/** What the kickoff of this request did: its background work, and the note when the card is not in the chat. */
interface KickoffWatch {
  note: string | undefined;
  work: Promise<unknown> | undefined;
}

type Answer = { readonly kind: 'created'; readonly answer: ApiChatAnswer; readonly replayed: boolean } | { readonly kind: 'problem'; readonly problem: Problem; readonly headers?: Record<string, string> };

/**
 * `POST /api/chats`: authenticate the calling app (Entra token), read and check the body, bind the
 * Idempotency-Key, count the caller's quota, then start the chat through the same service as the
 * bot. Every answer is 201 with the chat or an RFC 9457 problem; nothing here throws.
 */
export class ChatsEndpoint {
  constructor(private readonly options: ChatsEndpointOptions) {}

  async handle(request: ApiRequest, res: ServerResponse): Promise<void> {
    const correlationId = randomUUID();
    const log = this.options.logger.child({ correlationId, route: 'POST /api/chats' });
    try {
      const auth = await this.options.validator.check(request.authorization);
      if (!auth.ok) return this.refuseToken(auth, res, log);
      const caller = auth.caller;
      const callerLog = log.child({ caller: caller.clientId });

      const body = await request.readBody();
      if (!body.ok) {
        callerLog.info({ status: body.status, code: body.code }, 'api request refused');
        return writeProblem(res, problem('badRequest', body.status, 'Unreadable request body', bodyMessage(body.status)), {}, true);
      }
      const read = readChatRequest(body.value, this.options.peoplePerChat, this.options.objectIds);
      if (!read.ok) {
        callerLog.info({ status: 400, problems: read.problems }, 'api request refused');
        return writeProblem(res, problem('badRequest', 400, 'Invalid request body', 'The body does not describe a chat; see errors.', { errors: read.problems }));
      }
      let key: string | undefined;
      if (request.idempotencyKey !== undefined) {
        key = IDEMPOTENCY_KEY.exec(request.idempotencyKey.trim())?.[1];
        if (key === undefined) {
          return writeProblem(res, problem('badRequest', 400, 'Invalid Idempotency-Key', 'An Idempotency-Key is 1 to 255 printable ASCII characters, optionally in double quotes.'));
        }
      }

      const answer = await this.answer(caller, read.request, key, callerLog, correlationId);
      if (answer.kind === 'created') {
        res.setHeader('location', answer.answer.webUrl);
        if (answer.replayed) res.setHeader('idempotent-replayed', 'true');
        return writeJson(res, 201, answer.answer);
      }
      callerLog.info({ status: answer.problem.status, type: answer.problem.type }, 'api request answered with a problem');
      return writeProblem(res, answer.problem, answer.headers ?? {});
    } catch (error) {
      const mapped = problemOfError(error, correlationId);
      if (mapped.level === 'error') log.error({ err: error, status: mapped.problem.status }, 'api request failed');
      else log.info({ status: mapped.problem.status, code: (error as { code?: string }).code }, 'api request refused');
      writeProblem(res, mapped.problem, mapped.headers);
    }
  }

  private refuseToken(auth: Exclude<ApiAuthentication, { ok: true }>, res: ServerResponse, log: Logger): void {
    if (auth.status === 503) {
      log.error({ status: 503, reason: auth.reason }, 'could not check an api token: the tenant metadata or key set is unavailable');
      return writeProblem(res, problem('unavailable', 503, 'Cannot check tokens now', 'The service cannot fetch the tenant\u2019s signing keys right now. Try again after Retry-After.'), { 'retry-after': String(auth.retryAfterSeconds) }, true);
    }
    log.info({ status: auth.status, reason: auth.reason }, 'api request refused');
    // RFC 6750: which realm, and what is wrong (no error code when no token came at all).
    const audience = this.options.config.audiences[0] ?? '';
    const challenge = [`Bearer realm="${audience}"`, ...(auth.error ? [`error="${auth.error}"`, `error_description="${auth.reason}"`] : [])].join(', ');
    if (auth.status === 401) {
      return writeProblem(res, problem('unauthorized', 401, 'Unauthorized', 'A valid Microsoft Entra access token for this API is required.'), { 'www-authenticate': challenge }, true);
    }
    return writeProblem(
      res,
      problem('forbidden', 403, 'Forbidden', 'The calling app is not allowed to start chats: it needs the Chats.Create app role and to be listed in API_CALLERS.'),
      { 'www-authenticate': challenge },
      true,
    );
  }

  private async answer(caller: ApiCaller, request: ApiChatRequest, key: string | undefined, log: Logger, correlationId: string): Promise<Answer> {
    let ledgerKey: string;
    let boundAt = Date.now();
    if (key !== undefined) {
      const claim = await this.options.records.bind(caller.clientId, key, request.fingerprint);
      if (claim.kind === 'otherBody') {
        return { kind: 'problem', problem: problem('idempotencyMismatch', 422, 'Idempotency-Key reused', 'This Idempotency-Key was used with another body in the last 24 hours.') };
      }
      if (claim.answer) return { kind: 'created', answer: claim.answer, replayed: true };
      ledgerKey = claim.ledgerKey;
      boundAt = claim.at;
      // Each chat costs the caller one unit: a key's retries after a failure are the same request.
      if (claim.fresh) {
        const limited = await this.takeCallerQuota(caller);
        if (limited) return limited;
      }
    } else {
      ledgerKey = `api/${caller.clientId}/once/${correlationId}`;
      const limited = await this.takeCallerQuota(caller);
      if (limited) return limited;
    }

    const anchorQuery = request.requester ?? request.members[0]!;
    const signal = this.options.abortSignal ? { abortSignal: this.options.abortSignal } : {};
    const anchor = await this.options.people.findPerson(anchorQuery, signal);
    if ('problem' in anchor) return { kind: 'problem', problem: peopleProblem([{ ...personReport(anchor.problem), member: anchorQuery.text }]) };

    // The kickoff goes on after the chat is recorded; the caller's answer waits for it, and learns
    // through the requester channel when the card could not be posted.
    const kickoff: KickoffWatch = { note: undefined, work: undefined };
    const outcome = await this.options.service.start({
      key: ledgerKey,
      reuseAfterMs: IDEMPOTENCY_TTL_MS,
      requesterId: anchor.user.id,
      queries: request.members,
      topic: request.topic,
      firstWords: request.message,
      ...(this.options.kickoffEnabled
        ? { kickoff: { requesterMri: '', serviceUrl: this.options.config.teamsServiceUrl, tenantId: this.options.tenantId, askedVia: caller.name } }
        : {}),
      tellLater: {
        tellLater: async (news) => {
          kickoff.note = news.note;
        },
      },
      keepAlive: (work) => {
        kickoff.work = work;
        this.options.keepAlive?.(work);
      },
      ...signal,
    });
    return this.answerOutcome(outcome, caller, key, request, boundAt, kickoff, log);
  }

  private async answerOutcome(
    outcome: StartChatOutcome, caller: ApiCaller, key: string | undefined, request: ApiChatRequest, boundAt: number, watch: KickoffWatch, log: Logger,
  ): Promise<Answer> {
    switch (outcome.kind) {
      case 'created': {
        const kickoff = await this.kickoffReport(outcome.result, watch);
        const answer = chatAnswerOf(outcome.result, kickoff);
        if (key !== undefined) {
          await this.options.records.saveAnswer(caller.clientId, key, request.fingerprint, answer).catch((error: unknown) => log.warn({ err: error }, 'could not record an api answer; the ledger still has the chat'));
        }
        log.info({ chatId: answer.id, kickoffPosted: kickoff.posted }, 'api chat created');
        return { kind: 'created', answer, replayed: false };
      }
      case 'replayed': {
        const recorded = key === undefined ? undefined : await this.options.records.answerOf(caller.clientId, key);
        if (recorded) return { kind: 'created', answer: recorded, replayed: true };
        // The first request has its chat but has not answered yet (its kickoff is being posted).
        if (Date.now() - boundAt < ANSWER_GRACE_MS) return this.stillWorking();
        return { kind: 'created', answer: chatAnswerOf(outcome.result, { posted: false, reason: 'Whether the kickoff card was posted was not recorded.' }), replayed: true };
      }
      case 'inProgress':
        return this.stillWorking();
      case 'uncertain':
        return { kind: 'problem', problem: unconfirmedProblem() };
      case 'needsChoice':
        return {
          kind: 'problem',
          problem: peopleProblem(outcome.choice.questions.map((question) => ({ member: question.query, reason: 'ambiguous', candidates: question.candidates }))),
        };
    }
  }

  /** API_CHATS_PER_MINUTE: one unit per chat the caller may start; a 429 when it is spent. */
  private async takeCallerQuota(caller: ApiCaller): Promise<Answer | undefined> {
    try {
      await this.options.callerQuota.take(`api-caller:${caller.clientId}`);
      return undefined;
    } catch (error) {
      if (!(error instanceof ChatRateLimitedError)) throw error;
      return {
        kind: 'problem',
        problem: problem('rateLimited', 429, 'Too many chats', `This app may start at most ${this.options.config.chatsPerMinute} chats per minute. Try again in ${error.retryAfterSeconds} s.`),
        headers: { 'retry-after': String(error.retryAfterSeconds) },
      };
    }
  }

  private stillWorking(): Answer {
    return {
      kind: 'problem',
      problem: problem('idempotencyConflict', 409, 'Request in progress', 'A request with this Idempotency-Key is still being worked on. Send it again after Retry-After to get its answer.'),
      headers: { 'retry-after': String(IN_PROGRESS_RETRY_SECONDS) },
    };
  }

  /** Waits for the kickoff (the install and the post, bounded by the kickoff's own retries). */
  private async kickoffReport(result: ChatResult, watch: KickoffWatch): Promise<KickoffReport> {
    if (!this.options.kickoffEnabled) return { posted: false, reason: 'The kickoff card is turned off (KICKOFF=off).' };
    if (!watch.work) {
      // Never started: refused at once (a one-on-one with another organization) or not recorded;
      // the result's last note says why.
      const note = result.notes[result.notes.length - 1];
      return { posted: false, reason: note ?? 'The kickoff card was not posted.' };
    }
    await watch.work;
    return watch.note === undefined ? { posted: true } : { posted: false, reason: watch.note };
  }
}

function bodyMessage(status: number): string {
  switch (status) {
    case 408:
      return 'The request body did not arrive in time.';
    case 413:
      return 'The request body is too large.';
    case 415:
      return 'The request body must be JSON (application/json, UTF-8), optionally gzip, deflate or br encoded.';
    default:
      return 'The request body is not valid JSON.';
  }
}

