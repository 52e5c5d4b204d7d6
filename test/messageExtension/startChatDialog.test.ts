import { CARD_INPUTS, CARD_VERBS, createCardRenderer } from '../../src/cards';
import { ACTION_COMMAND_IDS } from '../../src/messageExtension/actionCommands';
import { FETCH_TASK_MESSAGES, type FetchTaskInput, startChatDialog } from '../../src/messageExtension/startChatDialog';
import type { CardDialogResponse } from '../../src/messageExtension/taskModuleResponse';
import { SAMPLE_MESSAGE_PAYLOAD, renderSampleDialog } from '../../src/tools/cardImages/sampleDialog';
import { byId, leftoverExpressions, topActions } from '../cards/cardTree';

const cards = createCardRenderer();
const ALEX = '00000000-0000-0000-0000-000000000020';
const MEGAN = '00000000-0000-0000-0000-000000000021';
const ADELE = '00000000-0000-0000-0000-000000000022';
const PATTI = '00000000-0000-0000-0000-000000000024';
const user = (id: string, displayName: string) => ({ user: { id, displayName, userIdentityType: 'aadUser' } });

const messagePayload = {
  body: { contentType: 'html', content: '<p>Launch review with <at id="0">Adele</at> and <at id="1">Patti</at></p>' },
  from: user(MEGAN, 'Megan Bowen'),
  mentions: [{ mentioned: user(ADELE, 'Adele Vance') }, { mentioned: user(PATTI, 'Patti Fernandez') }],
};

function fetchTask(overrides: Partial<FetchTaskInput> = {}): FetchTaskInput {
  return { commandId: ACTION_COMMAND_IDS.startChatAboutMessage, commandContext: 'message', messagePayload, requesterId: ALEX, peoplePerChat: 200, ...overrides };
}

function formOf(response: ReturnType<typeof startChatDialog>) {
  expect(response.task.type).toBe('continue');
  const value = (response as CardDialogResponse).task.value;
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return { value, card: value.card.content, picker: byId(value.card.content, CARD_INPUTS.people), topic: byId(value.card.content, CARD_INPUTS.topic) };
}

describe('startChatDialog', () => {
  it('from a message: the form in a dialog, holding the author and the two mentioned people, and the proposed topic', () => {
    const { value, card, picker, topic } = formOf(startChatDialog(cards, fetchTask({})));
    expect(value).toMatchObject({ title: 'Start a chat', width: 'medium', height: 'large' });
    expect(picker?.value).toBe([MEGAN, ADELE, PATTI].join(','));
    expect(topic?.value).toBe('Launch review with Adele and Patti');
    expect(byId(card, CARD_INPUTS.message)?.value).toBe('"Launch review with Adele and Patti"');
    expect(topActions(card)).toEqual([{ type: 'Action.Submit', title: 'Start chat', style: 'positive', data: { verb: CARD_VERBS.startChat } }]);
  });

  it('from a message with no readable payload: says so, without a form', () => {
    expect(startChatDialog(cards, fetchTask({ messagePayload: 'garbage' }))).toEqual({ task: { type: 'message', value: FETCH_TASK_MESSAGES.noMessage } });
    expect(startChatDialog(cards, fetchTask({ commandContext: 'compose' }))).toEqual({ task: { type: 'message', value: FETCH_TASK_MESSAGES.noMessage } });
  });

  it.each(['compose', 'commandbox', 'commandBox'])('from the %s: an empty form', (commandContext) => {
    const { picker, topic } = formOf(startChatDialog(cards, fetchTask({ commandId: ACTION_COMMAND_IDS.startChat, commandContext, messagePayload: undefined })));
    expect(picker?.value).toBe('');
    expect(topic?.value).toBe('');
  });

  it("from a group chat's compose box: the chat's members, without the requester", () => {
    const conversationMembers = [
      { id: ALEX, displayName: 'Alex Wilber' },
      { id: MEGAN, displayName: 'Megan Bowen' },
      { id: ADELE, displayName: 'Adele Vance' },
    ];
    const { picker } = formOf(startChatDialog(cards, fetchTask({ commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose', conversationMembers })));
    expect(picker?.value).toBe([MEGAN, ADELE].join(','));
  });

  it('from the command box: never the members of whatever chat is open', () => {
    const conversationMembers = [{ id: MEGAN, displayName: 'Megan Bowen' }];
    const { picker } = formOf(startChatDialog(cards, fetchTask({ commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'commandbox', conversationMembers })));
    expect(picker?.value).toBe('');
  });

  it.each([undefined, 'dance', 42, { id: 'startChat' }])('an unknown command %p: a message, no form', (commandId) => {
    expect(startChatDialog(cards, fetchTask({ commandId }))).toEqual({ task: { type: 'message', value: FETCH_TASK_MESSAGES.unknownCommand } });
  });
});

describe('the sample dialog drawn in docs/cards/dialog.png', () => {
  it('is the form pre-filled from the sample post: author, two mentions, topic, quote with the link', () => {
    const card = renderSampleDialog(cards);
    expect(leftoverExpressions(card)).toEqual([]);
    expect(byId(card, CARD_INPUTS.people)?.choices).toEqual([
      { title: 'Megan Bowen', value: '00000000-0000-0000-0000-000000000021' },
      { title: 'Adele Vance', value: '00000000-0000-0000-0000-000000000022' },
      { title: 'Patti Fernandez', value: '00000000-0000-0000-0000-000000000024' },
    ]);
    expect(byId(card, CARD_INPUTS.topic)?.value).toBe('Adele, Patti: can we settle the launch checklist before Friday?');
    expect(byId(card, CARD_INPUTS.message)?.value).toContain(SAMPLE_MESSAGE_PAYLOAD.linkToMessage);
  });
});
