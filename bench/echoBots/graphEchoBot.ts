import { Client } from '@microsoft/microsoft-graph-client';
import { loadConfig } from '../../src/config/loadConfig';
import { userByIdUrl, usersByAddressUrl, usersByNameUrl } from '../../src/directory/lookupRequests';
import { createGraphClient } from '../../src/graph/createGraphClient';
import { portFromEnvironment, runEchoServer } from './echoServer';

/**
 * Baseline 2, the floor for Chat Starter's own cost: per "start chat with A, B about T" message,
 * the same two Graph calls the bot makes (one `$batch` with the requester and each person, one
 * `POST /chats`) through the same Graph client, and a line of text back. No parsing beyond a
 * regular expression, no state, no cards, no pacing, no error handling.
 */
const MESSAGE = /^start chat with (.+?) about (.+)$/;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface GraphUser {
  readonly id?: string;
  readonly userType?: string;
}

interface BatchAnswer {
  readonly responses: readonly { readonly id: string; readonly status: number; readonly body?: GraphUser & { value?: GraphUser[] } }[];
}

function lookupUrl(name: string): string {
  if (OBJECT_ID.test(name)) return userByIdUrl(name);
  if (name.includes('@')) return usersByAddressUrl(name);
  return usersByNameUrl(name);
}

async function startChat(client: Client, graphEndpoint: string, requesterId: string, text: string): Promise<string> {
  const match = MESSAGE.exec(text.trim());
  if (!match) return 'Say "start chat with <people> about <topic>".';
  const names = match[1]!.split(',').map((name) => name.trim());
  const requests = [requesterId, ...names].map((name, index) => ({ id: String(index), method: 'GET', url: index === 0 ? userByIdUrl(name) : lookupUrl(name) }));
  const answer = (await client.api('/$batch').post({ requests })) as BatchAnswer;
  const users = new Map<string, GraphUser>();
  for (const response of answer.responses) {
    const user = response.body?.id !== undefined ? response.body : response.body?.value?.[0];
    if (user?.id !== undefined) users.set(user.id, user);
  }
  const chat = (await client.api('/chats').post({
    chatType: 'group',
    topic: match[2],
    members: [...users.values()].map((user) => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: [user.userType === 'Guest' ? 'guest' : 'owner'],
      'user@odata.bind': `${graphEndpoint}/v1.0/users('${user.id ?? ''}')`,
    })),
  })) as { id: string };
  return `Created ${chat.id}`;
}

const config = loadConfig(process.env);
const client = createGraphClient(config.graph);
runEchoServer(portFromEnvironment(process.env), async (context) => {
  await context.sendActivity(await startChat(client, config.graph.endpoint, context.activity.from.aadObjectId ?? '', context.activity.text ?? ''));
}).catch((error: unknown) => {
  process.stderr.write(`graph echo bot failed: ${String(error)}\n`);
  process.exit(1);
});
