import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * Hostile requests for /api/messages, generated with fast-check from a fixed seed (the same
 * corpus every run). Every entry is something that must never create a chat: a broken body, an
 * activity of the wrong shape, an activity from a tenant that is not allowed (or whose two tenant
 * ids disagree), a malformed card action or invoke, or text that is not a start-chat command.
 */
export interface HostileRequest {
  /** The family it comes from, for the counts. */
  readonly kind: string;
  readonly body: Uint8Array;
  readonly headers: Record<string, string>;
  /** The activity, when the body is one (authenticated mode signs a token for its serviceUrl). */
  readonly activity?: Record<string, unknown>;
}

export interface CorpusContext {
  /** Where replies go (the connector stub); the only serviceUrl a well-formed entry carries. */
  readonly serviceUrl: string;
  readonly allowedTenantId: string;
  readonly requesterId: string;
}

const FOREIGN_TENANT = 'bbbbbbbb-0000-4000-8000-00000000000b';
const JSON_TYPE = { 'content-type': 'application/json' };

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const jsonBody = (value: unknown): Uint8Array => utf8(JSON.stringify(value) ?? 'null');

function baseActivity(context: CorpusContext, tenant: { conversation?: string; channel?: string } = {}): Record<string, unknown> {
  const conversationTenant = tenant.conversation ?? context.allowedTenantId;
  const channelTenant = tenant.channel ?? context.allowedTenantId;
  return {
    type: 'message',
    id: `hostile-${Math.random().toString(36).slice(2)}`,
    serviceUrl: context.serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${context.requesterId}`, name: 'Requester', aadObjectId: context.requesterId },
    recipient: { id: '28:chat-starter-bot', name: 'Chat Starter' },
    conversation: { id: `a:${Math.random().toString(36).slice(2)}`, conversationType: 'personal', tenantId: conversationTenant },
    channelData: { tenant: { id: channelTenant } },
    text: 'help',
  };
}

/** Any JSON value, including deep and odd ones. */
const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Values that are not what a field should be. */
const wrongValue = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(anyJson, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }), fc.string({ maxLength: 40 }));
/** Text that cannot be a start-chat command (so an allowed tenant gets help or a hint). */
const notACommand = fc.string({ unit: 'grapheme', maxLength: 300 }).filter((text) => !/start\s*chat/i.test(text));
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.constantFrom('<at>', '<at></at>'.repeat(500), 'start chat with ' + '<at>x</at> '.repeat(300), 'start chat with a, '.repeat(400), '\u0000\u202e\uE000start chat', 'start chat with ' + 'x'.repeat(9_000)),
);

/** Paths of the activity fields the bot and the SDK read. */
const FIELDS: readonly (readonly string[])[] = [
  ['type'], ['id'], ['serviceUrl'], ['channelId'], ['from'], ['from', 'id'], ['from', 'aadObjectId'], ['recipient'], ['conversation'],
  ['conversation', 'id'], ['conversation', 'tenantId'], ['channelData'], ['channelData', 'tenant'], ['channelData', 'tenant', 'id'],
  ['text'], ['entities'], ['value'], ['replyToId'], ['name'], ['membersAdded'], ['attachments'],
];

function withField(activity: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(activity);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

/**
 * Bodies that are not JSON, or lie about their encoding or type, or are too large: the edge's
 * families, around `valid` (a body the endpoint would otherwise take). Shared by every endpoint.
 */
export function bodyFamilies(valid: unknown): fc.Arbitrary<HostileRequest>[] {
  return [
    // Bodies that are not JSON, or lie about their encoding or type.
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ kind: 'random bytes', body: bytes, headers: JSON_TYPE })),
    fc.string({ maxLength: 500 }).map((text) => ({ kind: 'text that is not JSON', body: utf8(`{${text}`), headers: JSON_TYPE })),
    fc.tuple(fc.constantFrom('gzip', 'deflate', 'br', 'x-gzip'), fc.uint8Array({ maxLength: 500 })).map(([encoding, bytes]) => ({ kind: 'lying Content-Encoding', body: bytes, headers: { ...JSON_TYPE, 'content-encoding': encoding } })),
    fc.tuple(fc.constantFrom('gzip', 'deflate', 'br'), fc.integer({ min: 1, max: 60 })).map(([encoding, cut]) => {
      const compress = encoding === 'gzip' ? gzipSync : encoding === 'deflate' ? deflateSync : brotliCompressSync;
      const whole = compress(Buffer.from(JSON.stringify(valid)));
      return { kind: 'truncated compressed body', body: new Uint8Array(whole.subarray(0, Math.min(cut, whole.length - 1))), headers: { ...JSON_TYPE, 'content-encoding': encoding } };
    }),
    fc.constantFrom('compress', 'gzip, gzip', 'identity, br', 'zstd', '*').map((encoding) => ({ kind: 'unsupported Content-Encoding', body: jsonBody(valid), headers: { ...JSON_TYPE, 'content-encoding': encoding } })),
    fc.constantFrom('application/xml', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '').map((type) => ({ kind: 'wrong content type', body: jsonBody(valid), headers: (type === '' ? {} : { 'content-type': type }) as Record<string, string> })),
    fc.constantFrom(512 * 1024, 2 * 1024 * 1024).map((size) => ({ kind: 'decompression bomb', body: new Uint8Array(gzipSync(Buffer.alloc(size, 0x20))), headers: { ...JSON_TYPE, 'content-encoding': 'gzip' } })),
    fc.constant(null).map(() => ({ kind: 'oversized body', body: jsonBody({ ...(valid as Record<string, unknown>), padding: 'y'.repeat(300 * 1024) }), headers: JSON_TYPE })),
  ];
}

function families(context: CorpusContext): fc.Arbitrary<HostileRequest>[] {
  const activityRequest = (kind: string, activity: Record<string, unknown>): HostileRequest => ({ kind, body: jsonBody(activity), headers: JSON_TYPE, activity });
  return [
    ...bodyFamilies(baseActivity(context)),
    // JSON that is not an activity.
    anyJson.map((value) => ({ kind: 'JSON that is not an activity', body: jsonBody(value), headers: JSON_TYPE })),
    // An activity with one field of the wrong shape.
    fc.tuple(fc.constantFrom(...FIELDS), wrongValue).map(([path, value]) => activityRequest('a field of the wrong shape', withField(baseActivity(context), path, value))),
    fc.constantFrom(['from'], ['conversation'], ['serviceUrl'], ['type'], ['channelId']).map((path) => {
      const activity = baseActivity(context);
      delete activity[path[0]!];
      return activityRequest('a required field missing', activity);
    }),
    fc.constantFrom('file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'ftp://127.0.0.1/', '').map((url) => activityRequest('a serviceUrl that is not http(s)', { ...baseActivity(context), serviceUrl: url })),
    // Well-formed activities that must be refused by the bot's rules.
    fc.tuple(fc.constantFrom('conversation', 'channel'), hostileText).map(([where, text]) =>
      activityRequest('tenant ids that disagree', { ...baseActivity(context, where === 'conversation' ? { conversation: FOREIGN_TENANT } : { channel: FOREIGN_TENANT }), text: `start chat with Megan Bowen, Lee Gu about ${text}` }),
    ),
    hostileText.map((text) => activityRequest('a tenant that is not allowed', { ...baseActivity(context, { conversation: FOREIGN_TENANT, channel: FOREIGN_TENANT }), text: `start chat with Megan Bowen ${text}` })),
    fc.constantFrom('webchat', 'directline', 'emulator', 'slack', 'MSTEAMS ').map((channelId) => activityRequest('a channel other than Teams', { ...baseActivity(context), channelId, text: 'start chat with Megan Bowen, Lee Gu about Elsewhere' })),
    fc.constant(null).map(() => {
      const activity = baseActivity(context);
      (activity.from as Record<string, unknown>).aadObjectId = undefined;
      return activityRequest('no requester id', { ...activity, text: 'start chat with Megan Bowen, Lee Gu about Nobody' });
    }),
    notACommand.map((text) => activityRequest('text that is not a command', { ...baseActivity(context), text })),
    fc.constant(null).map(() => activityRequest('a message beyond the length limit', { ...baseActivity(context), text: `start chat with ${'Megan Bowen, '.repeat(700)}` })),
    // Invokes.
    fc.oneof(wrongValue, fc.record({ action: wrongValue }), fc.record({ action: fc.record({ type: fc.constant('Action.Execute'), verb: wrongValue, data: wrongValue }) })).map((value) =>
      activityRequest('a malformed card action', { ...baseActivity(context), type: 'invoke', name: 'adaptiveCard/action', value }),
    ),
    fc.tuple(fc.string({ maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 4 })).map(([verb, data]) =>
      activityRequest('a card action with an unknown verb or bad data', { ...baseActivity(context), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: verb === 'startChat' ? 'startChatX' : verb, data } } }),
    ),
    fc.tuple(fc.constantFrom('startChat', 'choosePeople', 'checkRequest', 'showForm'), fc.dictionary(fc.string({ maxLength: 12 }), wrongValue, { maxKeys: 4 })).map(([verb, data]) =>
      activityRequest('a known verb with hostile data from another tenant', { ...baseActivity(context, { conversation: FOREIGN_TENANT, channel: FOREIGN_TENANT }), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }),
    ),
    fc.tuple(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('task/fetch', 'signin/verifyState', 'composeExtension/query', 'config/fetch', 'fileConsent/invoke', 'handoff/action')), anyJson).map(([name, value]) =>
      activityRequest('an invoke the bot has no route for', { ...baseActivity(context), type: 'invoke', name: name === 'adaptiveCard/action' || name.startsWith('composeExtension/fetchTask') || name.startsWith('composeExtension/submitAction') ? `x-${name}` : name, value }),
    ),
    fc.tuple(fc.constantFrom('composeExtension/fetchTask', 'composeExtension/submitAction'), anyJson).map(([name, value]) =>
      activityRequest('a message-extension invoke with a hostile payload from another tenant', { ...baseActivity(context, { conversation: FOREIGN_TENANT, channel: FOREIGN_TENANT }), type: 'invoke', name, value }),
    ),
    fc.tuple(fc.string({ maxLength: 30 }), anyJson).map(([type, value]) => activityRequest('an activity type the bot ignores', { ...baseActivity(context), type: type === '' || type === 'message' || type === 'invoke' ? 'event' : type, value })),
    fc.array(fc.record({ id: fc.string({ maxLength: 20 }), name: fc.string({ maxLength: 20 }) }), { maxLength: 5 }).map((members) =>
      activityRequest('a conversation update from another tenant', { ...baseActivity(context, { conversation: FOREIGN_TENANT, channel: FOREIGN_TENANT }), type: 'conversationUpdate', membersAdded: [...members, { id: '28:chat-starter-bot' }] }),
    ),
  ];
}

/** `count` hostile requests, the families in turn, from a fixed seed. */
export function hostileCorpus(context: CorpusContext, count: number, seed: number): HostileRequest[] {
  const all = families(context);
  const perFamily = Math.ceil(count / all.length);
  return all.flatMap((family, index) => fc.sample(family, { numRuns: perFamily, seed: seed + index }));
}

/** A chat request the API would take, around which the hostile ones are made. */
const VALID_CHAT = { members: ['Megan Bowen', 'Lee Gu'], topic: 'Hostile', message: 'hello' };
const CHAT_FIELDS = ['members', 'topic', 'message', 'requester'] as const;
/** Tokens no Entra tenant issued: not JWTs, unsigned, with headers that ask to fetch keys elsewhere, huge. */
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const hostileToken = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'Basic YTpi', `Bearer ${'a'.repeat(20_000)}`, 'Bearer ...', 'Bearer a.b', 'Bearer \u00e9.\u00e9.\u00e9'),
  fc.tuple(fc.dictionary(fc.constantFrom('alg', 'kid', 'jku', 'x5u', 'jwk', 'crit', 'b64', 'typ'), anyJson, { maxKeys: 5 }), fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 5 })).map(
    ([header, payload]) => `Bearer ${b64(header)}.${b64(payload)}.${b64('sig')}`,
  ),
  fc.constantFrom('none', 'HS256', 'RS256', 'ES256', 'PS256', 'EdDSA').map((alg) => `Bearer ${b64({ alg, kid: '../../etc/passwd', jku: 'http://127.0.0.1:1/keys' })}.${b64({ aud: 'x', exp: 9_999_999_999, tid: 'x', ver: '2.0' })}.`),
);
/** Idempotency keys that are not ones (sent as bytes fetch accepts). */
// eslint-disable-next-line no-control-regex
const hostileKey = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 300 }).map((text) => text.replace(/[\x00-\x1f\x7f]/g, ' ')), fc.constantFrom('', ' ', '"', '""', 'x'.repeat(256), '"a" , "b"'));
/** What people may type as members: anything at all, and look-ups' edge cases. */
const memberText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom("O'Brien' or 1 eq 1 or '", '$miriamg@contoso.com', 'pat_fabrikam.com#EXT#@contoso.onmicrosoft.com', '%00', '../users', '00000000-0000-0000-0000-000000000000@x', '<at>x</at>', 'a'.repeat(321)),
);

/**
 * Hostile requests for `POST /api/chats`. `authorization` present: the request carries that header
 * (a hostile token, or none when empty); absent: the test sends a valid token, so the API's own
 * checks of the body, the key and the people are exercised.
 */
export function hostileApiCorpus(count: number, seed: number): (HostileRequest & { readonly authorization?: string })[] {
  const chat = (kind: string, body: unknown, headers: Record<string, string> = {}): HostileRequest => ({ kind, body: jsonBody(body), headers: { ...JSON_TYPE, ...headers } });
  const all: fc.Arbitrary<HostileRequest & { readonly authorization?: string }>[] = [
    ...bodyFamilies(VALID_CHAT),
    anyJson.map((value) => chat('JSON that is not a chat request', value)),
    fc.tuple(fc.constantFrom(...CHAT_FIELDS), wrongValue).map(([field, value]) => chat('a field of the wrong shape', { ...VALID_CHAT, [field]: value })),
    fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 4 }).map((extra) => chat('unknown fields', { ...extra, ...VALID_CHAT, ...(Object.keys(extra).length === 0 ? { extra: 1 } : {}) })),
    fc.array(memberText, { maxLength: 6 }).map((members) => chat('members as anyone could type them', { ...VALID_CHAT, members })),
    fc.constant(null).map(() => chat('more members than a chat holds', { ...VALID_CHAT, members: Array.from({ length: 260 }, (_, index) => `person${index}@example.com`) })),
    fc.tuple(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 2_100 })).map(([topic, message]) => chat('long or odd topic and message', { ...VALID_CHAT, topic, message })),
    memberText.map((requester) => chat('a requester that is not one', { ...VALID_CHAT, requester })),
    hostileKey.map((key) => chat('a hostile Idempotency-Key', VALID_CHAT, { 'idempotency-key': key })),
    hostileToken.map((authorization) => ({ ...chat('a token no tenant issued', VALID_CHAT), authorization })),
    fc.constant(null).map(() => ({ ...chat('no token', VALID_CHAT), authorization: '' })),
  ];
  const perFamily = Math.ceil(count / all.length);
  return all.flatMap((family, index) => fc.sample(family, { numRuns: perFamily, seed: seed + index }));
}
