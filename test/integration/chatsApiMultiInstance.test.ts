import { sandboxApiEnv } from '../../src/dev/sandboxBotEnv';
import { ApiAnswer, callerApp, expectDocumentedAnswer, postChat, tokenFor } from '../support/chatsApiClient';
import { PEOPLE } from '../support/people';
import { TwoInstances, startTwoInstances } from '../support/twoInstances';

const CALLER_LIMIT = 4;

/**
 * The chats API on two compiled bot processes sharing state in Blob storage (Azurite): an
 * Idempotency-Key and the caller's quota hold across instances.
 */
describe('the chats API on two instances sharing Blob state', () => {
  let instances: TwoInstances;
  let token: string;

  beforeAll(async () => {
    instances = await startTwoInstances('chats-api', (stack) => ({ ...sandboxApiEnv(stack.sandbox.api!, stack.connector.serviceUrl), API_CHATS_PER_MINUTE: String(CALLER_LIMIT) }));
    token = await tokenFor(instances.sandbox, callerApp(instances.sandbox, 'Incident'));
  }, 90_000);
  afterAll(async () => {
    await instances?.stop();
  });

  const chatPosts = () => instances.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  const post = async (instance: 0 | 1, body: unknown, key?: string): Promise<ApiAnswer> => {
    const answer = await postChat(instances.bots[instance].url, body, { token, ...(key !== undefined ? { key } : {}) });
    expectDocumentedAnswer(answer);
    return answer;
  };

  it('creates one chat for 20 concurrent requests with one key, spread over both instances; the rest replay it or are told it is in progress', async () => {
    // A slow POST /chats keeps the first request working while the others arrive.
    instances.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 1_000, count: 1 });
    const body = { members: ['Megan Bowen', 'Lee Gu'], requester: PEOPLE.alex.upn, topic: 'Outage 17' };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => post((index % 2) as 0 | 1, body, 'outage-17')));
    expect(chatPosts()).toHaveLength(1);
    expect(instances.sandbox.chats.list().filter((chat) => chat.topic === 'Outage 17')).toHaveLength(1);
    const created = answers.filter((answer) => answer.status === 201);
    const busy = answers.filter((answer) => answer.status === 409);
    expect(created.length + busy.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    expect(created.filter((answer) => answer.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    for (const answer of busy) expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    // Once it is answered, every later request with the key, on either instance, gets that answer.
    const later = await Promise.all([post(0, body, 'outage-17'), post(1, body, 'outage-17')]);
    for (const answer of later) {
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual(created[0]!.body);
      expect(answer.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(chatPosts()).toHaveLength(1);
    // Another body with the same key, on the other instance: 422, nothing created.
    const other = await post(1, { ...body, topic: 'Outage 18' }, 'outage-17');
    expect(other.status).toBe(422);
    expect(chatPosts()).toHaveLength(1);
  });

  it('answers 429 with Retry-After once the caller has started API_CHATS_PER_MINUTE chats, counted across instances', async () => {
    // One chat was started above; the rest of the minute's budget, alternating instances.
    const answers: ApiAnswer[] = [];
    for (let index = 0; index < CALLER_LIMIT; index += 1) answers.push(await post((index % 2) as 0 | 1, { members: ['Adele Vance', 'Lee Gu'], requester: PEOPLE.alex.upn, topic: `Quota ${index}` }));
    expect(answers.map((answer) => answer.status)).toEqual([...Array<number>(CALLER_LIMIT - 1).fill(201), 429]);
    const refused = answers[CALLER_LIMIT - 1]!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.body.type).toBe('urn:chat-starter:problem:rate-limited');
    expect(instances.sandbox.chats.list().filter((chat) => chat.topic === `Quota ${CALLER_LIMIT - 1}`)).toHaveLength(0);
  });
});
