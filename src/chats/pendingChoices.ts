import { randomUUID } from 'node:crypto';
import { PersonQuery } from '../directory/personQuery';
import { InvalidSubmissionError, PersonProblem, StorageFaultError } from '../errors';
import { Logger } from '../logging/createLogger';
import { StateStore } from '../state/stateStore';
import { GroupConfirmation, PendingChoice } from './chatResult';

/** How long a choice card stays answerable. */
export const CHOICE_LIFETIME_MS = 24 * 60 * 60_000;

/** A choice card's question and everything needed to go on with the request once it is answered. */
interface StoredChoice extends PendingChoice {
  readonly requesterId: string;
  readonly queries: readonly PersonQuery[];
  /** Index into `queries` of the person each question is about. */
  readonly queryIndexes: readonly number[];
  readonly createdAt: number;
  readonly firstWords?: string;
}

/** The request as it was asked, before the names that matched several people were answered. */
export interface AskedRequest {
  readonly requesterId: string;
  readonly queries: readonly PersonQuery[];
  readonly topic: string | undefined;
  /** The first words for the kickoff card, kept until the choice is answered. */
  readonly firstWords?: string;
  /** The person confirmed the size of the chat the groups make (the confirmation card's answer). */
  readonly confirmed?: boolean;
}

/**
 * Choice cards waiting for an answer ("which Megan?"), kept in the state store by a random
 * request id that the card sends back.
 */
export class PendingChoices {
  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /**
   * Stores one question per ambiguous name (or, with `confirmation`, the question whether to go
   * ahead with that many people) and returns what the card shows.
   */
  async save(request: AskedRequest, problems: readonly PersonProblem[], confirmation?: GroupConfirmation): Promise<PendingChoice> {
    const requestId = randomUUID();
    const questions: StoredChoice['questions'][number][] = [];
    const queryIndexes: number[] = [];
    for (const problem of problems) {
      if (problem.reason !== 'ambiguous') continue;
      queryIndexes.push(request.queries.findIndex((query) => query.text === problem.query));
      questions.push({ query: problem.query, inputId: `choice_${questions.length}`, candidates: problem.candidates });
    }
    const stored: StoredChoice = {
      requestId,
      topic: request.topic ?? '',
      questions,
      requesterId: request.requesterId.toLowerCase(),
      queries: request.queries,
      queryIndexes,
      createdAt: this.now(),
      ...(request.firstWords ? { firstWords: request.firstWords } : {}),
      ...(confirmation ? { confirmation } : {}),
    };
    await this.store.create(storeKey(requestId), stored).catch((error: unknown) => {
      throw new StorageFaultError('Could not save the choice for later', { cause: error });
    });
    return { requestId, topic: stored.topic, questions, ...(confirmation ? { confirmation } : {}) };
  }

  /**
   * The request with the person's picks in place of the ambiguous names; undefined when the card
   * is not this requester's or has expired. A pick that is missing or was not offered is an
   * `InvalidSubmissionError`.
   */
  async answer(requestId: string, requesterId: string, choices: Readonly<Record<string, string>>): Promise<AskedRequest | undefined> {
    const stored = await this.store.get<StoredChoice>(storeKey(requestId));
    if (!stored || stored.value.requesterId !== requesterId.toLowerCase() || this.now() - stored.value.createdAt > CHOICE_LIFETIME_MS) return undefined;
    const choice = stored.value;
    const queries = [...choice.queries];
    choice.questions.forEach((question, index) => {
      const picked = choices[question.inputId];
      if (picked === undefined || picked === '') throw new InvalidSubmissionError(`Pick one person for "${question.query}".`);
      const candidate = question.candidates.find((option) => option.id === picked);
      if (!candidate) throw new InvalidSubmissionError(`The choice for "${question.query}" is not one of the people offered.`);
      queries[choice.queryIndexes[index]!] = candidate.kind === 'group' ? { kind: 'group', id: candidate.id, text: question.query } : { kind: 'objectId', id: candidate.id, text: question.query };
    });
    return {
      requesterId,
      queries,
      topic: choice.topic === '' ? undefined : choice.topic,
      ...(choice.firstWords ? { firstWords: choice.firstWords } : {}),
      ...(choice.confirmation ? { confirmed: true } : {}),
    };
  }

  /** Only tidying: the ledger already answers a second click with the recorded result. */
  async discard(requestId: string): Promise<void> {
    await this.store.delete(storeKey(requestId)).catch((error: unknown) => this.logger.error({ err: error }, 'could not delete a used choice'));
  }
}

function storeKey(requestId: string): string {
  return `choice/${requestId}`;
}
