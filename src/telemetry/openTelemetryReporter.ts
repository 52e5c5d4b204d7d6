import { Context, Counter, Histogram, Meter, SpanKind, SpanStatusCode, Tracer, context, createContextKey, trace } from '@opentelemetry/api';
import type { Attributes, RequestRecord, Telemetry } from './telemetry';

/** What a turn learned about itself, kept in its context until its server span ends. */
interface TurnState {
  outcome?: string;
  reason?: string;
}

const TURN = createContextKey('chat-starter turn');

/** Seconds: a person waits from a fraction of a second to Graph's 60 s budget bound. */
const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120];

/** The metric names and attributes documented in docs/telemetry.md. */
export const METRICS = {
  chatsCreated: 'chatstarter.chats.created',
  timeToLink: 'chatstarter.chats.time_to_link',
  requestsRefused: 'chatstarter.requests.refused',
  graphThrottled: 'chatstarter.graph.throttled',
  budgetWait: 'chatstarter.graph.budget_wait',
  kickoffOutcome: 'chatstarter.kickoff.outcome',
  turnDuration: 'chatstarter.turn.duration',
} as const;

/** `Telemetry` over the OpenTelemetry API; the providers behind it are set up in startTelemetry. */
export class OpenTelemetryReporter implements Telemetry {
  private readonly chats: Counter;
  private readonly timeToLink: Histogram;
  private readonly refused: Counter;
  private readonly throttled: Counter;
  private readonly budgetWait: Histogram;
  private readonly kickoff: Counter;
  private readonly turnDuration: Histogram;

  constructor(private readonly tracer: Tracer, meter: Meter) {
    const seconds = { unit: 's', advice: { explicitBucketBoundaries: SECONDS_BUCKETS } };
    this.chats = meter.createCounter(METRICS.chatsCreated, { description: 'Chats created, by chat type and entry point' });
    this.timeToLink = meter.createHistogram(METRICS.timeToLink, { ...seconds, description: 'From the request reaching the start-chat service to the chat existing (the link can be shown)' });
    this.refused = meter.createCounter(METRICS.requestsRefused, { description: 'Requests that created nothing, by reason' });
    this.throttled = meter.createCounter(METRICS.graphThrottled, { description: 'Graph 429 answers (whole calls and batch steps), by budget' });
    this.budgetWait = meter.createHistogram(METRICS.budgetWait, { ...seconds, description: "Time a Graph call waited for its turn in Graph's budget (queue and 429 pauses)" });
    this.kickoff = meter.createCounter(METRICS.kickoffOutcome, { description: 'Kickoff cards posted, or not posted by cause' });
    this.turnDuration = meter.createHistogram(METRICS.turnDuration, { ...seconds, description: 'Time to answer one /api/messages request' });
  }

  inSpan<T>(name: string, work: () => Promise<T>, attributes: Attributes = {}): Promise<T> {
    return this.tracer.startActiveSpan(name, { attributes }, async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', errorType(error));
        throw error;
      } finally {
        span.end();
      }
    });
  }

  inRequest<T>(work: (request: RequestRecord) => Promise<T>): Promise<T> {
    const started = performance.now();
    const span = this.tracer.startSpan('POST /api/messages', {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': 'POST', 'http.route': '/api/messages', 'url.path': '/api/messages', 'url.scheme': 'http' },
    });
    const state: TurnState = {};
    const described: Record<string, string> = {};
    let status = 200;
    const record: RequestRecord = {
      describe: (attributes) => {
        if (attributes.activityType) described['activity.type'] = attributes.activityType;
        if (attributes.invokeName) described['invoke.name'] = attributes.invokeName;
        span.setAttributes(described);
      },
      answered: (answeredStatus) => {
        status = answeredStatus;
      },
    };
    const turnContext = trace.setSpan(context.active(), span).setValue(TURN, state);
    const finish = (): void => {
      const outcome = state.outcome ?? (status >= 500 ? 'failed' : status >= 400 ? 'rejected' : 'answered');
      span.setAttributes({ 'http.response.status_code': status, 'chatstarter.outcome': outcome, ...(state.reason ? { 'chatstarter.refusal_reason': state.reason } : {}) });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      this.turnDuration.record((performance.now() - started) / 1000, { ...described, outcome });
    };
    return context.with(turnContext, () => work(record)).finally(finish);
  }

  chatCreated(event: { chatType: string; entryPoint: string; secondsToLink: number }): void {
    const attributes = { 'chat.type': event.chatType, entry_point: event.entryPoint };
    this.chats.add(1, attributes);
    this.timeToLink.record(event.secondsToLink, attributes);
    const turn = currentTurn();
    if (turn) turn.outcome = 'chat_created';
  }

  requestRefused(event: { reason: string; limit?: string }): void {
    this.refused.add(1, { reason: event.reason, ...(event.limit ? { limit: event.limit } : {}) });
    const turn = currentTurn();
    if (turn) {
      turn.outcome = 'refused';
      turn.reason = event.reason;
    }
  }

  graphThrottled(event: { budget: string; count?: number }): void {
    this.throttled.add(event.count ?? 1, { budget: event.budget });
  }

  budgetWaited(event: { budget: string; seconds: number }): void {
    this.budgetWait.record(event.seconds, { budget: event.budget });
  }

  kickoffSettled(event: { outcome: string; cause?: string }): void {
    this.kickoff.add(1, { outcome: event.outcome, ...(event.cause ? { cause: event.cause } : {}) });
  }
}

function currentTurn(active: Context = context.active()): TurnState | undefined {
  return active.getValue(TURN) as TurnState | undefined;
}

/** The error's class or code, never its message (which can hold what people wrote). */
function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code)) return code;
  return error instanceof Error ? error.name : typeof error;
}
