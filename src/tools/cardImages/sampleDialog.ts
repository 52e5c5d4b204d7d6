/**
 * The "Start a chat about this" dialog as Teams would show it for a channel post: drawn from a
 * sample `messagePayload` through the same code the bot answers `composeExtension/fetchTask` with,
 * so the picture in the docs is what the code produces.
 */
import type { AdaptiveCardJson, CardRenderer } from '../../cards';
import { ACTION_COMMAND_IDS } from '../../messageExtension/actionCommands';
import { startChatDialog } from '../../messageExtension/startChatDialog';
import { DEFAULT_ABUSE_LIMITS } from '../../config/loadLimits';

const person = (id: string, displayName: string) => ({ user: { id, displayName, userIdentityType: 'aadUser' } });

/** Megan's post in a channel, mentioning Adele and Patti; Alex (…020) opens the action on it. */
export const SAMPLE_MESSAGE_PAYLOAD = {
  id: '1732700000000',
  createdDateTime: '2026-11-27T10:00:00.000Z',
  subject: null,
  linkToMessage: 'https://teams.microsoft.com/l/message/19:launch@thread.tacv2/1732700000000?tenantId=00000000-0000-0000-0000-000000000001',
  body: { contentType: 'html', content: '<p><at id="0">Adele</at>, <at id="1">Patti</at>: can we settle the launch checklist before Friday?</p>' },
  from: person('00000000-0000-0000-0000-000000000021', 'Megan Bowen'),
  mentions: [
    { id: 0, mentionText: 'Adele', mentioned: person('00000000-0000-0000-0000-000000000022', 'Adele Vance') },
    { id: 1, mentionText: 'Patti', mentioned: person('00000000-0000-0000-0000-000000000024', 'Patti Fernandez') },
  ],
};

export function renderSampleDialog(renderer: CardRenderer): AdaptiveCardJson {
  const answer = startChatDialog(renderer, {
    commandId: ACTION_COMMAND_IDS.startChatAboutMessage,
    commandContext: 'message',
    messagePayload: SAMPLE_MESSAGE_PAYLOAD,
    peoplePerChat: DEFAULT_ABUSE_LIMITS.peoplePerChat,
    requesterId: '00000000-0000-0000-0000-000000000020',
  });
  if (answer.task.type !== 'continue') throw new Error(`The sample message did not open the form: ${answer.task.value}`);
  return answer.task.value.card.content;
}
