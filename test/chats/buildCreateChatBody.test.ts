import { buildCreateChatBody, userBind } from '../../src/chats/buildCreateChatBody';
import { chatLink } from '../../src/chats/chatLink';
import { DirectoryUser } from '../../src/directory/directoryUser';

const GRAPH = 'https://graph.microsoft.com';
const member = (id: string, userType: 'Member' | 'Guest' = 'Member'): DirectoryUser => ({
  id,
  displayName: id,
  userPrincipalName: `${id}@contoso.com`,
  mail: undefined,
  userType,
  accountEnabled: true,
  jobTitle: undefined,
  otherMails: [],
});

describe('buildCreateChatBody', () => {
  it('makes a one-on-one chat for one other person and drops the topic', () => {
    const plan = buildCreateChatBody(GRAPH, member('a'), [{ kind: 'directory', user: member('b') }], 'Ignored');
    expect(plan.topicDropped).toBe(true);
    expect(plan.body).toEqual({
      chatType: 'oneOnOne',
      members: [
        { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': "https://graph.microsoft.com/v1.0/users('a')" },
        { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': "https://graph.microsoft.com/v1.0/users('b')" },
      ],
    });
  });

  it('makes a group chat with topic, guests as guest and federated people with their tenant', () => {
    const plan = buildCreateChatBody(
      GRAPH,
      member('a'),
      [
        { kind: 'directory', user: member('g', 'Guest') },
        { kind: 'federated', id: 'f', tenantId: 't2', label: 'f@t2' },
      ],
      '  Launch  ',
    );
    expect(plan.topicDropped).toBe(false);
    expect(plan.body.chatType).toBe('group');
    expect(plan.body.topic).toBe('Launch');
    expect(plan.body.members.map((m) => [m.roles[0], m['user@odata.bind'], m.tenantId])).toEqual([
      ['owner', "https://graph.microsoft.com/v1.0/users('a')", undefined],
      ['guest', "https://graph.microsoft.com/v1.0/users('g')", undefined],
      ['owner', "https://graph.microsoft.com/v1.0/users('f')", 't2'],
    ]);
  });

  it('leaves the topic out of a group chat when none was typed', () => {
    const plan = buildCreateChatBody(GRAPH, member('a'), [{ kind: 'directory', user: member('b') }, { kind: 'directory', user: member('c') }], undefined);
    expect('topic' in plan.body).toBe(false);
  });

  it('binds users on the configured cloud and doubles quotes', () => {
    expect(userBind('https://graph.microsoft.us', "o'x")).toBe("https://graph.microsoft.us/v1.0/users('o''x')");
  });
});

describe('chatLink', () => {
  it("uses Graph's webUrl when there is one", () => {
    expect(chatLink({ id: '19:x@thread.v2', chatType: 'group', topic: null, webUrl: 'https://teams.microsoft.com/l/chat/opaque' }, 't', 'teams.microsoft.com')).toBe(
      'https://teams.microsoft.com/l/chat/opaque',
    );
  });

  it('builds the documented deep link on the cloud host otherwise', () => {
    expect(chatLink({ id: '19:abc_def@unq.gbl.spaces', chatType: 'oneOnOne', topic: null, webUrl: null }, 'tid', 'gov.teams.microsoft.us')).toBe(
      'https://gov.teams.microsoft.us/l/chat/19%3Aabc_def%40unq.gbl.spaces/0?tenantId=tid',
    );
  });
});
