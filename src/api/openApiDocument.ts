import { CHATS_CREATE_ROLE } from '../apiAuth/apiTokenValidator';
import { FIRST_WORDS_MAX_LENGTH } from '../cards/cardData';
import { CHAT_TOPIC_MAX_LENGTH } from '../chats/buildCreateChatBody';
import { MEMBERS_AT_CREATION_MAX } from '../config/teamsChatLimits';
import { PERSON_TEXT_MAX_LENGTH } from './chatRequestBody';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from './problem';

const problemResponse = (description: string, headers: Record<string, unknown> = {}): Record<string, unknown> => ({
  description,
  ...(Object.keys(headers).length > 0 ? { headers } : {}),
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

const retryAfter = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
const challenge = { 'WWW-Authenticate': { $ref: '#/components/headers/WwwAuthenticate' } };

/**
 * The API's OpenAPI 3.1 description: served at `GET /api/openapi.json` and committed as
 * `docs/openapi.json` (`npm run openapi` writes it; a test checks the two are the same). Limits
 * come from the constants the code enforces, so the document cannot drift from them.
 */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Chat Starter API',
    version: '1.0.0',
    description:
      'Start Microsoft Teams chats from other systems, with the bot\u2019s guarantees: people resolved in Entra ID, guests and people of other organizations handled, ' +
      'exactly one chat per request (Idempotency-Key), Microsoft Graph\u2019s budget respected, and the kickoff card posted into the new chat. ' +
      'Callers are apps with an Entra ID access token for the API\u2019s app registration holding the app role ' + CHATS_CREATE_ROLE + '. See docs/api.md.',
  },
  servers: [{ url: '/' }],
  security: [{ entraBearer: [] }],
  paths: {
    '/api/chats': {
      post: {
        operationId: 'createChat',
        summary: 'Start a chat',
        description:
          'Resolves the people, creates the chat with Microsoft Graph and posts the kickoff card (naming the calling app). ' +
          'Answers once the chat exists and the kickoff card is settled.',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'The same key with the same body within 24 hours gets the same answer (with Idempotent-Replayed: true) and never a second chat; with another body, 422; while the first is still working, 409.',
            schema: { type: 'string', minLength: 1, maxLength: 257 },
          },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ChatRequest' } } } },
        responses: {
          '201': {
            description: 'The chat was created (or, with Idempotent-Replayed, had been created by an earlier request with the same key).',
            headers: {
              Location: { description: 'The link that opens the chat in Teams (the body\u2019s webUrl).', schema: { type: 'string', format: 'uri' } },
              'Idempotent-Replayed': { description: 'Present (true) when this is the recorded answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Chat' } } },
          },
          '400': problemResponse('The body is not JSON or does not describe a chat (`errors` says where), or the Idempotency-Key is malformed.'),
          '401': problemResponse('No token, or a token that is not valid for this API (expired, another audience, issuer or tenant, a bad signature).', challenge),
          '403': problemResponse('The calling app is not listed in API_CALLERS or lacks the ' + CHATS_CREATE_ROLE + ' app role.', challenge),
          '408': problemResponse('The body did not arrive in time.'),
          '409': problemResponse('A request with this Idempotency-Key is still being worked on.', retryAfter),
          '413': problemResponse('The body is too large.'),
          '415': problemResponse('The body is not application/json in UTF-8.'),
          '422': problemResponse('People not found, ambiguous (with the candidates) or disabled (`people`); nobody but the requester named; too many people; or the Idempotency-Key was used with another body.'),
          '429': problemResponse('The calling app (API_CHATS_PER_MINUTE) or the requester (LIMIT_CHATS_PER_MINUTE, LIMIT_CHATS_PER_DAY) started too many chats.', retryAfter),
          '500': problemResponse('A fault of the service; nothing was created. `correlationId` is in the logs.'),
          '502': problemResponse('Microsoft Graph failed, or did not confirm whether the chat was created (`creation-unconfirmed`: it may exist).'),
          '503': problemResponse('Microsoft Graph\u2019s budget is spent, the state store is out, the tenant\u2019s signing keys cannot be fetched, or the service is restarting.', retryAfter),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        security: [],
        responses: { '200': { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
  components: {
    securitySchemes: {
      entraBearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A Microsoft Entra ID access token for the API\u2019s app registration (client credentials or a managed identity: scope `<API client id or Application ID URI>/.default`), ' +
          'issued by the deployment\u2019s tenant, with the app role ' + CHATS_CREATE_ROLE + ' in `roles`.',
      },
    },
    headers: {
      RetryAfter: { description: 'Seconds to wait before trying again.', schema: { type: 'string', pattern: '^[0-9]+$' } },
      WwwAuthenticate: { description: 'RFC 6750 Bearer challenge: `error` and `error_description` say what is wrong with the token.', schema: { type: 'string' } },
    },
    schemas: {
      ChatRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['members'],
        properties: {
          members: {
            type: 'array',
            minItems: 1,
            maxItems: MEMBERS_AT_CREATION_MAX,
            description:
              'The people, each as a person could type one: a UPN or email address (guests by their real address), an Entra object id, `<objectId>@<tenantId>` for someone of another organization, ' +
              'or a display name that must match exactly one person. At most LIMIT_PEOPLE_PER_CHAT people in all, the requester included.',
            items: { type: 'string', minLength: 1, maxLength: PERSON_TEXT_MAX_LENGTH },
          },
          topic: { type: 'string', maxLength: CHAT_TOPIC_MAX_LENGTH, description: 'The group chat\u2019s topic (a one-on-one chat has none).' },
          message: { type: 'string', maxLength: FIRST_WORDS_MAX_LENGTH, description: 'The kickoff card\u2019s first words, shown as plain text.' },
          requester: {
            type: 'string',
            minLength: 1,
            maxLength: PERSON_TEXT_MAX_LENGTH,
            description: 'The object id or UPN of a person of the tenant on whose behalf the chat is started: they are in it and @mentioned by the kickoff card. Without one, the chat is started for the first member.',
          },
        },
      },
      Chat: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'webUrl', 'chatType', 'topic', 'members', 'kickoff'],
        properties: {
          id: { type: 'string', minLength: 1, description: 'The Graph chat id.' },
          webUrl: { type: 'string', format: 'uri', description: 'Opens the chat in Teams.' },
          chatType: { type: 'string', enum: ['oneOnOne', 'group'] },
          topic: { type: ['string', 'null'] },
          members: {
            type: 'array',
            minItems: 2,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'displayName', 'role'],
              properties: { id: { type: 'string' }, displayName: { type: 'string' }, role: { type: 'string', enum: ['owner', 'guest'] } },
            },
          },
          kickoff: {
            type: 'object',
            additionalProperties: false,
            required: ['posted'],
            properties: { posted: { type: 'boolean' }, reason: { type: 'string', description: 'Why the kickoff card is not in the chat, for an administrator.' } },
          },
        },
      },
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details.',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string', enum: Object.values(PROBLEM_TYPES) },
          title: { type: 'string' },
          status: { type: 'integer', minimum: 400, maximum: 599 },
          detail: { type: 'string' },
          correlationId: { type: 'string', description: 'For faults: the id of the log lines about this request.' },
          errors: {
            type: 'array',
            description: 'What is wrong with the body, each located by a JSON Pointer.',
            items: { type: 'object', required: ['pointer', 'detail'], properties: { pointer: { type: 'string' }, detail: { type: 'string' } } },
          },
          people: {
            type: 'array',
            description: 'Each person who could not be resolved, and why.',
            items: {
              type: 'object',
              required: ['member', 'reason'],
              properties: {
                member: { type: 'string', description: 'As sent.' },
                reason: {
                  type: 'string',
                  enum: ['notFound', 'ambiguous', 'disabled', 'notAUser', 'emptyGroup', 'groupsUnreadable', 'hiddenMembership'],
                  description: 'notAUser: not a person (a bot, a group where a person is needed); emptyGroup: a group with nobody to add; groupsUnreadable / hiddenMembership: groups could not be read (a permission is missing).',
                },
                candidates: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'displayName', 'address'],
                    properties: { id: { type: 'string' }, displayName: { type: 'string' }, address: { type: 'string' }, jobTitle: { type: 'string' }, kind: { type: 'string', enum: ['group'] } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** The document as served and committed: two-space JSON with a final newline. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument, null, 2)}\n`;
}
