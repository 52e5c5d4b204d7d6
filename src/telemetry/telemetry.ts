/**
 * What the bot reports about itself, as domain code sees it: spans around the steps a person
 * waits for and the metrics of docs/telemetry.md. Handed in through the factories; when telemetry
 * is off it is `NO_TELEMETRY`, and no OpenTelemetry module is loaded. Nothing passed here may carry
 * what people wrote or who they are: names, addresses, topics, first words (ids of our own only).
 */
export interface Telemetry {
  /** Runs `work` in a child span of the current request (or of nothing, off a request). */
  inSpan<T>(name: SpanName, work: () => Promise<T>, attributes?: Attributes): Promise<T>;
  /** The request being served (the server span of `/api/messages`), run around the whole turn. */
  inRequest<T>(work: (request: RequestRecord) => Promise<T>): Promise<T>;
  chatCreated(event: { readonly chatType: string; readonly entryPoint: EntryPoint; readonly secondsToLink: number }): void;
  requestRefused(event: { readonly reason: RefusalReason; readonly limit?: string }): void;
  graphThrottled(event: { readonly budget: GraphBudget; readonly count?: number }): void;
  budgetWaited(event: { readonly budget: GraphBudget; readonly seconds: number }): void;
  kickoffSettled(event: { readonly outcome: 'posted' | 'not_posted'; readonly cause?: string }): void;
}

export type Attributes = Readonly<Record<string, string | number | boolean>>;

/** The child spans; their meaning is in docs/telemetry.md. */
export type SpanName = 'people.lookup' | 'graph.create_chat' | 'graph.budget_wait' | 'kickoff.install' | 'kickoff.post';

/** Where a start-chat request came in; a new entry point adds its name here. */
export type EntryPoint = 'typed' | 'form' | 'choice_card' | 'message_extension';

/** Graph's budgets as the pacers spend them (src/pacing). */
export type GraphBudget = 'chat_creation' | 'lookups' | 'installs' | 'unpaced';

export type RefusalReason =
  | 'not_found'
  | 'ambiguous'
  | 'disabled_account'
  | 'empty_group'
  | 'limit'
  | 'missing_permission'
  | 'teams_busy'
  | 'not_confirmed'
  | 'not_allowed'
  | 'invalid_request'
  | 'expired'
  | 'fault';

/** The server span of one `/api/messages` request, filled in as the turn learns what it is. */
export interface RequestRecord {
  describe(attributes: { readonly activityType?: string; readonly invokeName?: string }): void;
  /** The HTTP status answered. */
  answered(status: number): void;
}

const NO_REQUEST: RequestRecord = { describe: () => undefined, answered: () => undefined };

/** Telemetry off: every call does nothing (and costs next to nothing). */
export const NO_TELEMETRY: Telemetry = {
  inSpan: (_name, work) => work(),
  inRequest: (work) => work(NO_REQUEST),
  chatCreated: () => undefined,
  requestRefused: () => undefined,
  graphThrottled: () => undefined,
  budgetWaited: () => undefined,
  kickoffSettled: () => undefined,
};

/** What pino needs to carry trace ids and send warn+ records on (src/logging/createLogger). */
export interface LogHooks {
  /** Fields merged into every log line: `trace_id`, `span_id` of the active span, if any. */
  mixin(): Record<string, string>;
  /** Receives each serialized record at warn and above (redaction already applied). */
  readonly warnStream: { write(line: string): void };
}

/** Telemetry as started in src/index.ts, before the rest of the bot is loaded. */
export interface StartedTelemetry {
  readonly reporter: Telemetry;
  readonly logHooks: LogHooks;
  /** Sends what is buffered; bounded, so a backend that does not answer cannot hold the exit. */
  shutdown(): Promise<void>;
}
