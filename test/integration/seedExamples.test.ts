import seed from '../fixtures/seed-examples.json';
import { messageActivity } from '../support/teamsActivity';
import { BotOnSandbox, cardOf, openUrls, startBotOnSandbox } from '../support/botOnSandbox';

/**
 * The five examples of Graph's "Create chat" page, each typed into the bot as a person would,
 * end to end over real HTTP: Teams-shaped activity → compiled bot → real @azure/identity and
 * Graph client over HTTPS → sandbox tenant. The POST /chats body the bot sends must be the
 * seed's body (binds on the configured Graph host; UPNs resolved to the same people's ids).
 */
interface SeedExample {
  number: number;
  title: string;
  request: { chatType: string; topic?: string; members: { roles: string[]; 'user@odata.bind': string; tenantId?: string }[] };
  response: Record<string, unknown>;
}

const UPN_IDS: Record<string, string> = {
  'jacob@contoso.com': '5e1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a41',
  'alex@contoso.com': '6f2d3b4c-5e6f-4071-9b8c-0d1e2f3a4b52',
};

/** What the user types for each seed example, and who types it (the first member). */
const TYPED: Record<number, string> = {
  1: 'start chat with 82af01c5-f7cc-4a2e-a728-3a5df21afd9d',
  2: 'start chat with Nestor Wilke, jonis@contoso.com about Group chat title',
  3: 'start chat with alex@contoso.com',
  4: 'start chat with 82fe7758-5bb3-4f0d-a43f-e555fd399c6f and pat@fabrikam.com about Group chat title',
  5: 'start chat with 82af01c5-f7cc-4a2e-a728-3a5df21afd9d@4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1',
};

function bindTarget(bind: string): string {
  const match = /users\('(.*)'\)$/.exec(bind);
  if (!match) throw new Error(`not a user bind: ${bind}`);
  return UPN_IDS[match[1]!] ?? match[1]!;
}

describe('the Create chat seed examples, through the bot', () => {
  let env: BotOnSandbox;
  beforeAll(async () => {
    env = await startBotOnSandbox();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it.each((seed.examples as SeedExample[]).map((example) => [example.number, example.title, example] as const))(
    'example %i: %s',
    async (_number, _title, example) => {
      env.sandbox.requests.clear();
      env.connector.clear();
      const requesterId = bindTarget(example.request.members[0]!['user@odata.bind']);
      const res = await env.bot.post(
        messageActivity({ serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: requesterId, text: TYPED[example.number]! }),
      );
      expect(res.status).toBeLessThan(300);

      const posts = env.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
      expect(posts).toHaveLength(1);
      const sent = posts[0]!.body as SeedExample['request'];
      const expected = {
        ...example.request,
        members: example.request.members.map((member) => ({
          ...member,
          'user@odata.bind': `${env.sandbox.origin}/v1.0/users('${bindTarget(member['user@odata.bind'])}')`,
        })),
      };
      expect(sent).toEqual(expected);

      // The sandbox answered with the seed's response shape, and the bot linked to that chat.
      expect(posts[0]!.status).toBe(201);
      const chat = posts[0]!.response as Record<string, unknown>;
      for (const key of Object.keys(example.response)) expect(chat).toHaveProperty([key]);
      expect(chat.chatType).toBe(example.response.chatType);
      expect(chat.topic).toBe(example.response.topic);

      const [reply] = await env.connector.waitForSent(1);
      expect(openUrls(cardOf(reply!.activity))).toEqual([chat.webUrl]);
    },
  );

  it('resolves all the people of a request in one Graph batch round trip', async () => {
    env.sandbox.requests.clear();
    await env.bot.post(
      messageActivity({
        serviceUrl: env.connector.serviceUrl,
        tenantId: env.sandbox.tenantId,
        fromAadObjectId: '8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca',
        text: "start chat with Nestor Wilke, jonis@contoso.com, Patrick O'Brien, pat@fabrikam.com, leeg@contoso.com about Round trips",
      }),
    );
    const topLevel = env.sandbox.requests.all().filter((entry) => !entry.inBatch && entry.path.startsWith('/v1.0'));
    expect(topLevel.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /v1.0/$batch', 'POST /v1.0/chats']);
  });
});
