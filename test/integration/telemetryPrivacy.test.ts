import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CARD_INPUTS, CARD_VERBS } from '../../src/cards/cardData';
import { ACTION_COMMAND_IDS } from '../../src/messageExtension/actionCommands';
import { cardOf } from '../support/botOnSandbox';
import { TelemetryStack, exportedText, startTelemetryStack } from '../support/telemetryStack';
import { cardActionInvoke, messageActivity, messageExtensionInvoke } from '../support/teamsActivity';

/**
 * Names, addresses, topics and first words never leave in telemetry. People with made-up names
 * and addresses no other test uses join the sandbox directory; they start chats through every
 * entry point (typed, the form, the choice card, the message extension, from a message whose text
 * is unique too) and one typed request names someone unknown. Both backends are on; every byte
 * the receivers got (decompressed) is searched for each of those strings, as sent and URL-encoded.
 */

const tag = randomBytes(4).toString('hex');
const word = (prefix: string) => `${prefix}${tag}`;
const requester = { id: '00000000-0000-4000-8000-00000000c001', name: `${word('Quillon')} ${word('Vasterbrook')}`, upn: `${word('qv')}@example.com` };
const olwen = { id: '00000000-0000-4000-8000-00000000c002', name: `${word('Olwen')} ${word('Tarrask')}`, upn: `${word('olwen.t')}@example.com`, mail: `${word('olwen.mail')}@example.com` };
const pim = { id: '00000000-0000-4000-8000-00000000c003', name: `${word('Pimsleur')} ${word('Hadrow')}`, upn: `${word('pim.h')}@example.com`, mail: `${word('pim.mail')}@example.com` };
// Two people whose first name is the same: typing it brings the choice card.
const brannocA = { id: '00000000-0000-4000-8000-00000000c004', name: `${word('Brannoc')} ${word('Aldith')}`, upn: `${word('brannoc.a')}@example.com`, mail: `${word('brannoc.a.mail')}@example.com` };
const brannocB = { id: '00000000-0000-4000-8000-00000000c005', name: `${word('Brannoc')} ${word('Ferrow')}`, upn: `${word('brannoc.f')}@example.com`, mail: `${word('brannoc.f.mail')}@example.com` };
const unknownName = `${word('Nemorin')} ${word('Absent')}`;
const topics = { typed: word('TopicTyped'), form: word('TopicForm'), choice: word('TopicChoice'), extension: word('TopicExtension'), fromMessage: word('TopicFromMessage') };
const firstWords = { typed: `${word('HelloTyped')} there`, form: `${word('HelloForm')} all`, choice: `${word('HelloChoice')} team`, extension: `${word('HelloExtension')} folks` };

function directoryWithUniquePeople(file: string): void {
  const seeded = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'env', 'sandbox-directory.json'), 'utf8')) as { users: unknown[] };
  const user = (who: { id: string; name: string; upn: string; mail?: string }) => ({
    id: who.id,
    displayName: who.name,
    givenName: who.name.split(' ')[0],
    surname: who.name.split(' ')[1],
    mail: who.mail ?? who.upn,
    userPrincipalName: who.upn,
    userType: 'Member',
    accountEnabled: true,
    jobTitle: word('Jobtitle'),
    otherMails: [],
    proxyAddresses: [`SMTP:${who.mail ?? who.upn}`],
  });
  writeFileSync(file, JSON.stringify({ ...seeded, users: [...seeded.users, ...[requester, olwen, pim, brannocA, brannocB].map(user)] }));
}

describe('nothing people wrote or are called leaves in telemetry', () => {
  let stack: TelemetryStack;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'chat-starter-privacy-'));
    const directoryFile = path.join(work, 'directory.json');
    directoryWithUniquePeople(directoryFile);
    stack = await startTelemetryStack({ backends: ['azureMonitor', 'otlp'], directoryFile, env: { KICKOFF: 'on', LOG_LEVEL: 'debug' } });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const base = (extra: Record<string, unknown> = {}) => ({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.sandbox.tenantId, fromAadObjectId: requester.id, fromName: requester.name, ...extra });
  const say = async (text: string): Promise<Record<string, unknown>> => {
    const before = stack.connector.sent().length;
    expect((await stack.bot.post(messageActivity({ ...base(), text }))).status).toBe(200);
    const sent = await stack.connector.waitForSent(before + 1);
    return cardOf(sent[sent.length - 1]!.activity as Record<string, unknown>);
  };

  it('sends every entry point through, then finds none of their strings in any exported byte', async () => {
    // Typed, by name and by address, with a topic and first words.
    expect(JSON.stringify(await say(`start chat with ${olwen.name}, ${pim.mail} about ${topics.typed} saying ${firstWords.typed}`))).toContain('Open chat');
    // Someone nobody has: refused.
    expect(JSON.stringify(await say(`start chat with ${unknownName}`))).toContain(unknownName);
    // The form (the people picker sends ids).
    const form = await stack.bot.post(cardActionInvoke({
      ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-privacy',
      data: { [CARD_INPUTS.people]: `${olwen.id},${pim.id},${brannocA.id}`, [CARD_INPUTS.topic]: topics.form, [CARD_INPUTS.message]: firstWords.form },
    }));
    expect(JSON.stringify(form.body)).toContain('Open chat');
    // The choice card: an ambiguous first name, then the pick.
    const choice = JSON.stringify(await say(`start chat with ${word('Brannoc')}, ${olwen.upn} about ${topics.choice} saying ${firstWords.choice}`));
    const requestId = /"requestId":"([^"]+)"/.exec(choice)?.[1];
    expect(requestId).toBeDefined();
    const picked = await stack.bot.post(cardActionInvoke({ ...base(), verb: CARD_VERBS.choosePeople, replyToId: 'choice-privacy', data: { requestId, choice_0: brannocB.id } }));
    expect(JSON.stringify(picked.body)).toContain('Open chat');
    // The message extension: prefilled from a message whose words are unique, then submitted.
    const channel = { conversationId: '19:privacy@thread.tacv2', conversationType: 'channel' as const };
    const person = (who: { id: string; name: string }) => ({ user: { id: who.id, displayName: who.name, userIdentityType: 'aadUser' } });
    const fetched = await stack.bot.post(messageExtensionInvoke({
      ...base(channel), name: 'composeExtension/fetchTask',
      value: {
        commandId: ACTION_COMMAND_IDS.startChatAboutMessage, commandContext: 'message', context: { theme: 'default' },
        messagePayload: {
          id: '1732700000001', subject: topics.fromMessage, linkToMessage: 'https://teams.microsoft.com/l/message/19:privacy@thread.tacv2/1732700000001',
          body: { contentType: 'html', content: `<p><at id="0">${pim.name}</at> ${word('MessageBody')} words</p>` },
          from: person(olwen), mentions: [{ id: 0, mentionText: pim.name, mentioned: person(pim) }],
        },
      },
    }));
    expect(JSON.stringify(fetched.body)).toContain(topics.fromMessage);
    const submitted = await stack.bot.post(messageExtensionInvoke({
      ...base(channel), name: 'composeExtension/submitAction',
      value: {
        commandId: ACTION_COMMAND_IDS.startChatAboutMessage, commandContext: 'message', context: { theme: 'default' },
        data: { verb: CARD_VERBS.startChat, [CARD_INPUTS.people]: `${olwen.id},${pim.id}`, [CARD_INPUTS.topic]: topics.extension, [CARD_INPUTS.message]: firstWords.extension },
      },
    }));
    expect(JSON.stringify(submitted.body)).toContain('Open chat');

    // Let the kickoffs settle (their warnings are exported), then stop: the bot flushes.
    const deadline = Date.now() + 10_000;
    while (stack.bot.logs.filter((line) => line.includes('kickoff not posted')).length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await stack.stopBot();

    const exported = exportedText(stack).toLowerCase();
    // The search is only worth something if telemetry really arrived from all of that.
    expect(stack.ingestion.envelopes.filter((envelope) => envelope.data?.baseType === 'RequestData').length).toBeGreaterThanOrEqual(6);
    expect(stack.otlp.received.traces.length).toBeGreaterThan(0);
    expect(exported).toContain('chatstarter.chats.created');

    const secrets = [
      ...[requester, olwen, pim, brannocA, brannocB].flatMap((who: { name: string; upn: string; mail?: string }) => [...who.name.split(' '), who.name, who.upn, ...(who.mail ? [who.mail] : [])]),
      unknownName, ...unknownName.split(' '), ...Object.values(topics), ...Object.values(firstWords).map((words) => words.split(' ')[0]!), word('MessageBody'), word('Jobtitle'),
    ];
    const found = secrets.filter((secret) => exported.includes(secret.toLowerCase()) || exported.includes(encodeURIComponent(secret).toLowerCase()));
    expect(found).toEqual([]);
  }, 120_000);
});
