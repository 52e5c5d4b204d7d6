import { CARD_VERBS, createCardRenderer } from '../../src/cards';
import { COMMANDS } from '../../src/commands/catalog';
import { byId, leftoverExpressions, ofType, topActions, visibleTexts } from './cardTree';

const { renderCreatingCard, renderHelpCard } = createCardRenderer();

describe('renderCreatingCard', () => {
  it('says the chat is being created, with whom and about what', () => {
    const card = renderCreatingCard({ people: ['Megan Bowen', 'Adele Vance'], topic: 'Q3 planning', requester: 'me', request: 'form:k', userIds: ['u1'] });
    expect(card.version).toBe('1.5');
    expect(leftoverExpressions(card)).toEqual([]);
    expect(visibleTexts(card)[0]).toBe('Creating your chat…');
    expect(visibleTexts(byId(card, 'people'))).toEqual(['With: ', 'Megan Bowen, Adele Vance']);
    expect(visibleTexts(byId(card, 'topic'))).toEqual(['Topic: ', 'Q3 planning']);
    expect(card.actions).toBeUndefined();
  });

  it('leaves out an empty topic and an empty list of people', () => {
    const card = renderCreatingCard({ people: [], topic: '', requester: 'me', request: 'form:k', userIds: ['u1'] });
    expect(byId(card, 'topic')).toBeUndefined();
    expect(byId(card, 'people')).toBeUndefined();
    expect(leftoverExpressions(card)).toEqual([]);
  });

  it("refreshes itself for the requester, asking for the request's outcome", () => {
    const card = renderCreatingCard({ people: ['Megan Bowen'], topic: '', requester: "m'e", request: "form:a:${x}'\"", userIds: ['u1'] });
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: CARD_VERBS.checkRequest, title: 'Check', data: { verb: CARD_VERBS.checkRequest, requester: "m'e", request: "form:a:${x}'\"" } },
      userIds: ['u1'],
    });
  });
});

describe('renderHelpCard', () => {
  const commands = COMMANDS.map((command) => ({ title: command.title, description: command.description, examples: command.examples }));

  it('lists every command with its description and examples', () => {
    const card = renderHelpCard({ commands });
    expect(card.version).toBe('1.5');
    expect(leftoverExpressions(card)).toEqual([]);
    const sections = ofType(card, 'Container');
    expect(sections).toHaveLength(COMMANDS.length);
    sections.forEach((section, index) => {
      const command = COMMANDS[index]!;
      expect(visibleTexts(section)).toEqual([command.title, command.description, ...command.examples]);
    });
  });

  it('has a "Start a chat" button that opens the form', () => {
    expect(topActions(renderHelpCard({ commands }))).toEqual([
      {
        type: 'Action.Execute',
        title: 'Start a chat',
        style: 'positive',
        verb: CARD_VERBS.showForm,
        data: { verb: CARD_VERBS.showForm },
        fallback: { type: 'Action.Submit', title: 'Start a chat', style: 'positive', data: { verb: CARD_VERBS.showForm } },
      },
    ]);
  });
});
