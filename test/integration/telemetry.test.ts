import type { TrackEnvelope } from '../../src/sandbox/telemetryReceivers';
import { cardOf } from '../support/botOnSandbox';
import { PEOPLE } from '../support/people';
import { TelemetryStack, startTelemetryStack } from '../support/telemetryStack';
import { messageActivity } from '../support/teamsActivity';

/**
 * The compiled bot with telemetry on, against local stand-ins of Application Insights' ingestion
 * endpoint and of an OTLP/HTTP collector. Each suite drives a typed request that creates a chat
 * (with one 429 from Graph on the way) and one refused for a name nobody has, stops the bot
 * (SIGTERM: it flushes), then reads what arrived. Every connection the bot made is recorded by a
 * preload that refuses anything beyond loopback; a refused one fails the suite.
 */

const CREATED = 'start chat with Megan Bowen and Adele Vance about Telemetry check';
const REFUSED = 'start chat with Nobody Atall';

type Json = Record<string, unknown>;

/** The kickoff on, with an app id the catalog does not have: it warns (a log line to export) and is not posted. */
const KICKOFF_WITHOUT_APP = { KICKOFF: 'on', TEAMS_APP_ID: 'not-in-the-catalog', LOG_LEVEL: 'info' };

async function driveTheTwoRequests(stack: TelemetryStack): Promise<void> {
  const base = { serviceUrl: stack.connector.serviceUrl, tenantId: stack.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name };
  // One 429 on POST /chats: paced, waited out, then created; counted as Graph throttling.
  stack.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', status: 429, retryAfterSeconds: 1, count: 1 });
  const say = async (text: string): Promise<Json> => {
    const before = stack.connector.sent().length;
    const res = await stack.bot.post(messageActivity({ ...base, text }));
    expect(res.status).toBe(200);
    const sent = await stack.connector.waitForSent(before + 1);
    return sent[sent.length - 1]!.activity as Json;
  };
  expect(JSON.stringify(cardOf(await say(CREATED)))).toContain('Open chat');
  expect(JSON.stringify(cardOf(await say(REFUSED)))).toContain('Nobody Atall');
  // The kickoff settles in the background with a warning (its app is not in the catalog): let it.
  const deadline = Date.now() + 10_000;
  while (!stack.bot.logs.some((line) => line.includes('kickoff not posted')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await stack.stopBot();
}

function expectOnlyLoopback(stack: TelemetryStack, receiverPort: string): void {
  const connections = stack.connections();
  expect(connections.filter((entry) => !entry.allowed)).toEqual([]);
  // The guard was really there: it saw the bot reach the telemetry receiver.
  expect(connections.some((entry) => entry.kind === 'connect' && String(entry.port) === receiverPort)).toBe(true);
}

/** The pino lines (stdout) of the request whose trace this is. */
function logLinesOf(stack: TelemetryStack, traceId: string): Json[] {
  return stack.bot.logs.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Json).filter((line) => line.trace_id === traceId);
}

describe('telemetry to Application Insights (local ingestion stand-in)', () => {
  let stack: TelemetryStack;
  beforeAll(async () => {
    stack = await startTelemetryStack({ backends: ['azureMonitor'], env: KICKOFF_WITHOUT_APP });
    await driveTheTwoRequests(stack);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const ofType = (baseType: string): TrackEnvelope[] => stack.ingestion.envelopes.filter((envelope) => envelope.data?.baseType === baseType);
  const propertiesOf = (envelope: TrackEnvelope): Json => (envelope.data?.baseData?.properties ?? {}) as Json;
  const operationOf = (envelope: TrackEnvelope): string | undefined => envelope.tags?.['ai.operation.id'];

  it('sends a request, Graph and Bot Connector dependencies, our steps and the correlated logs under one operation id', () => {
    const created = ofType('RequestData').find((envelope) => propertiesOf(envelope)['chatstarter.outcome'] === 'chat_created');
    expect(created).toBeDefined();
    expect(propertiesOf(created!)).toMatchObject({ 'activity.type': 'message' });
    expect(created!.data?.baseData).toMatchObject({ responseCode: '200', success: true });
    const operation = operationOf(created!)!;
    expect(operation).toMatch(/^[0-9a-f]{32}$/);

    const dependencies = ofType('RemoteDependencyData').filter((envelope) => operationOf(envelope) === operation);
    const describe = (envelope: TrackEnvelope) => `${String(envelope.data?.baseData?.name)} ${String(envelope.data?.baseData?.data ?? '')}`;
    const graphHost = new URL(stack.sandbox.origin).hostname;
    const toGraph = dependencies.filter((envelope) => String(envelope.data?.baseData?.target ?? '').includes(graphHost)).map(describe);
    expect(toGraph.some((text) => text.includes('/v1.0/$batch'))).toBe(true);
    expect(toGraph.filter((text) => text.includes('/v1.0/chats')).length).toBeGreaterThanOrEqual(2); // the 429, then the created chat
    const connectorHost = new URL(stack.connector.serviceUrl).host;
    expect(dependencies.some((envelope) => String(envelope.data?.baseData?.target ?? '').includes(connectorHost))).toBe(true);
    const steps = dependencies.map((envelope) => String(envelope.data?.baseData?.name));
    expect(steps).toEqual(expect.arrayContaining(['people.lookup', 'graph.create_chat', 'graph.budget_wait', 'kickoff.post']));

    // The kickoff's warning (its app is not in the catalog), exported and tied to the same operation.
    const warnings = ofType('MessageData').filter((envelope) => operationOf(envelope) === operation);
    expect(warnings.map((envelope) => envelope.data?.baseData?.message)).toEqual(expect.arrayContaining([expect.stringContaining('kickoff not posted')]));
    // And every line the bot printed for that request carries its trace id.
    const printed = logLinesOf(stack, operation);
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.every((line) => typeof line.span_id === 'string')).toBe(true);
  });

  it('records the refused request with its reason', () => {
    const refused = ofType('RequestData').find((envelope) => propertiesOf(envelope)['chatstarter.outcome'] === 'refused');
    expect(propertiesOf(refused!)).toMatchObject({ 'chatstarter.refusal_reason': 'not_found' });
    expect(operationOf(refused!)).not.toBe(operationOf(ofType('RequestData').find((envelope) => propertiesOf(envelope)['chatstarter.outcome'] === 'chat_created')!));
  });

  it('sends the metrics with their attributes', () => {
    const metrics = ofType('MetricData').flatMap((envelope) => {
      const baseData = envelope.data?.baseData as { metrics?: { name: string; value: number; count?: number }[]; properties?: Json } | undefined;
      return (baseData?.metrics ?? []).map((metric) => ({ name: metric.name, value: metric.value, count: metric.count, properties: baseData?.properties ?? {} }));
    });
    const find = (name: string, properties: Json) => metrics.filter((metric) => metric.name === name && Object.entries(properties).every(([key, value]) => metric.properties[key] === value));
    expect(find('chatstarter.chats.created', { 'chat.type': 'group', entry_point: 'typed' })[0]?.value).toBe(1);
    expect(find('chatstarter.chats.time_to_link', { entry_point: 'typed' })[0]?.count).toBe(1);
    expect(find('chatstarter.requests.refused', { reason: 'not_found' })[0]?.value).toBe(1);
    expect(find('chatstarter.graph.throttled', { budget: 'chat_creation' })[0]?.value).toBe(1);
    expect(find('chatstarter.graph.budget_wait', { budget: 'chat_creation' }).length).toBe(1);
    expect(find('chatstarter.kickoff.outcome', { outcome: 'not_posted', cause: 'catalogAppMissing' })[0]?.value).toBe(1);
    expect(find('chatstarter.turn.duration', { 'activity.type': 'message', outcome: 'chat_created' })[0]?.count).toBe(1);
  });

  it('made no connection beyond loopback (no instance metadata, no statsbeat)', () => {
    expectOnlyLoopback(stack, new URL(stack.ingestion.url).port);
  });
});

describe('telemetry to an OTLP/HTTP collector (local receiver)', () => {
  let stack: TelemetryStack;
  beforeAll(async () => {
    stack = await startTelemetryStack({ backends: ['otlp'], env: KICKOFF_WITHOUT_APP });
    await driveTheTwoRequests(stack);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  interface OtlpSpan { traceId: string; spanId: string; name: string; kind: number; attributes: { key: string; value: Record<string, unknown> }[] }
  const attributesOf = (item: { attributes?: { key: string; value: Record<string, unknown> }[] }): Json =>
    Object.fromEntries((item.attributes ?? []).map((attribute) => [attribute.key, Object.values(attribute.value)[0]]));
  const spans = (): OtlpSpan[] =>
    (stack.otlp.received.traces as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }[]).flatMap((body) => body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));

  it('sends the server span, its children and Graph calls in one trace, the metrics and the correlated warnings', () => {
    const server = spans().find((span) => span.kind === 2 && attributesOf(span)['chatstarter.outcome'] === 'chat_created');
    expect(server).toBeDefined();
    const trace = spans().filter((span) => span.traceId === server!.traceId);
    expect(trace.map((span) => span.name)).toEqual(expect.arrayContaining(['people.lookup', 'graph.create_chat', 'graph.budget_wait', 'kickoff.post']));
    const urls = trace.map((span) => String(attributesOf(span)['url.full'] ?? ''));
    expect(urls.some((url) => url.endsWith('/v1.0/chats'))).toBe(true);
    expect(urls.some((url) => url.endsWith('/v1.0/$batch'))).toBe(true);

    const refused = spans().find((span) => span.kind === 2 && attributesOf(span)['chatstarter.outcome'] === 'refused');
    expect(attributesOf(refused!)['chatstarter.refusal_reason']).toBe('not_found');

    const metricNames = (stack.otlp.received.metrics as { resourceMetrics: { scopeMetrics: { metrics: { name: string }[] }[] }[] }[]).flatMap((body) =>
      body.resourceMetrics.flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics.map((metric) => metric.name))),
    );
    expect(metricNames).toEqual(expect.arrayContaining([
      'chatstarter.chats.created', 'chatstarter.chats.time_to_link', 'chatstarter.requests.refused', 'chatstarter.graph.throttled',
      'chatstarter.graph.budget_wait', 'chatstarter.kickoff.outcome', 'chatstarter.turn.duration',
    ]));

    const records = (stack.otlp.received.logs as { resourceLogs: { scopeLogs: { logRecords: { traceId?: string; body?: { stringValue?: string }; severityText?: string }[] }[] }[] }[]).flatMap((body) =>
      body.resourceLogs.flatMap((resource) => resource.scopeLogs.flatMap((scope) => scope.logRecords)),
    );
    const kickoffWarning = records.find((record) => record.body?.stringValue?.includes('kickoff not posted'));
    expect(kickoffWarning).toMatchObject({ traceId: server!.traceId, severityText: 'WARN' });
    // Only warn and above leave the process.
    expect(records.some((record) => record.severityText === 'INFO')).toBe(false);
    expect(logLinesOf(stack, server!.traceId).length).toBeGreaterThan(0);
  });

  it('made no connection beyond loopback', () => {
    expectOnlyLoopback(stack, new URL(stack.otlp.url).port);
  });
});
