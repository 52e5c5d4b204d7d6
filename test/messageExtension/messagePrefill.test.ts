import { prefillFromMessage } from '../../src/messageExtension/messagePrefill';

const MEGAN = '00000000-0000-0000-0000-000000000021';
const ADELE = '00000000-0000-0000-0000-000000000022';
const ALEX = '00000000-0000-0000-0000-000000000020';
const PATTI = '00000000-0000-0000-0000-000000000024';

const user = (id: string, displayName: string, userIdentityType = 'aadUser') => ({ user: { id, displayName, userIdentityType } });

/** A channel post by Megan mentioning Adele and Patti, shaped as Teams sends it. */
function post(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '1700000000000',
    createdDateTime: '2026-11-27T10:00:00.000Z',
    subject: null,
    linkToMessage: 'https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1700000000000?tenantId=t',
    body: { contentType: 'html', content: '<p><at id="0">Adele</at> and <at id="1">Patti</at>, can we go over the launch checklist before Friday?</p>' },
    from: user(MEGAN, 'Megan Bowen'),
    mentions: [
      { id: 0, mentionText: 'Adele', mentioned: user(ADELE, 'Adele Vance') },
      { id: 1, mentionText: 'Patti', mentioned: user(PATTI, 'Patti Fernandez') },
    ],
    ...overrides,
  };
}

describe('prefillFromMessage', () => {
  it('lists the author, then the mentioned people, with the first words as the topic', () => {
    const prefill = prefillFromMessage(post(), { requesterId: ALEX });
    expect(prefill).toEqual({
      people: [
        { id: MEGAN, displayName: 'Megan Bowen' },
        { id: ADELE, displayName: 'Adele Vance' },
        { id: PATTI, displayName: 'Patti Fernandez' },
      ],
      topic: 'Adele and Patti, can we go over the launch checklist before Friday?',
      firstWords: '"Adele and Patti, can we go over the launch checklist before Friday?"\nhttps://teams.microsoft.com/l/message/19:abc@thread.tacv2/1700000000000?tenantId=t',
    });
  });

  it('prefers the subject as the topic', () => {
    expect(prefillFromMessage(post({ subject: '  Launch   checklist ' }))?.topic).toBe('Launch checklist');
  });

  it('cuts a long message to the topic limit at a word boundary', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const topic = prefillFromMessage(post({ body: { contentType: 'html', content: `<p>${words}</p>` } }))?.topic ?? '';
    expect(topic.length).toBeLessThanOrEqual(250);
    expect(topic).toMatch(/^word0 word1 .* word\d+…$/);
  });

  it('leaves out the requester, who is always in the chat', () => {
    const prefill = prefillFromMessage(post({ from: user(ALEX, 'Alex Wilber') }), { requesterId: ALEX.toUpperCase() });
    expect(prefill?.people.map((person) => person.id)).toEqual([ADELE, PATTI]);
  });

  it('lists a person mentioned twice (or the author mentioned) once, ids in lower case', () => {
    const prefill = prefillFromMessage(post({ mentions: [{ mentioned: user(MEGAN.toUpperCase(), 'Megan') }, { mentioned: user(ADELE, 'Adele') }, { mentioned: user(ADELE, 'Adele') }] }));
    expect(prefill?.people.map((person) => person.id)).toEqual([MEGAN, ADELE]);
  });

  it.each([
    ['a bot', { application: { id: '28:bot', displayName: 'Some bot', applicationIdentityType: 'bot' } }],
    ['a channel', { conversation: { id: '19:x@thread.tacv2', displayName: 'General', conversationIdentityType: 'channel' } }],
    ['a team', { conversation: { id: '19:y@thread.skype', displayName: 'Launch team', conversationIdentityType: 'team' } }],
    ['a tag', { tag: { id: 'tag-1', displayName: 'Designers' } }],
    ['a person of another organization', user(MEGAN.replace('21', '99'), 'Guest Person', 'federatedUser')],
    ['an anonymous guest', user('anonymous-1', 'Visitor', 'anonymousGuest')],
    ['a user without an identity type', { user: { id: ADELE, displayName: 'Adele' } }],
    ['a user whose id is not an object id', user("x') or true or ('", 'Mallory')],
    ['a user entry that also names an app', { user: { id: ADELE, displayName: 'Adele', userIdentityType: 'aadUser' }, application: { id: 'x' } }],
  ])('leaves out %s', (_what, mentioned) => {
    const prefill = prefillFromMessage(post({ mentions: [{ mentioned }, { mentioned: user(PATTI, 'Patti Fernandez') }] }));
    expect(prefill?.people.map((person) => person.id)).toEqual([MEGAN, PATTI]);
  });

  it("takes the Playground's sample ids only when told to", () => {
    const sample = '00000000-0000-0000-0000-0000000000021';
    const payload = post({ from: user(sample, 'Megan'), mentions: [] });
    expect(prefillFromMessage(payload)?.people).toEqual([]);
    expect(prefillFromMessage(payload, { objectIds: 'sample' })?.people).toEqual([{ id: sample, displayName: 'Megan' }]);
  });

  it('keeps on-premises synced users', () => {
    const prefill = prefillFromMessage(post({ from: user(MEGAN, 'Megan', 'onPremiseAadUser'), mentions: [] }));
    expect(prefill?.people).toEqual([{ id: MEGAN, displayName: 'Megan' }]);
  });

  it('leaves out a message sent by a bot', () => {
    const prefill = prefillFromMessage(post({ from: { application: { id: '28:b', displayName: 'Bot', applicationIdentityType: 'bot' } } }));
    expect(prefill?.people.map((person) => person.id)).toEqual([ADELE, PATTI]);
  });

  it.each([
    ['fields of the wrong type', { subject: 42, body: 'text', from: 'Megan', mentions: 'everyone', linkToMessage: { href: 'x' } }],
    ['mentions that are not objects', { mentions: [null, 7, 'x', [], { mentioned: 'Adele' }, { mentioned: { user: 'Adele' } }] }],
    ['nothing at all', { body: undefined, from: undefined, mentions: undefined, linkToMessage: undefined }],
  ])('reads a payload with %s without failing, as far as it can', (_what, overrides) => {
    const prefill = prefillFromMessage(post(overrides));
    expect(prefill).toBeDefined();
    expect(prefill?.people.every((person) => /^[0-9a-z-]{36,37}$/.test(person.id))).toBe(true);
    expect(typeof prefill?.topic).toBe('string');
  });

  it.each([null, undefined, 'a message', 42, ['x']])('has no prefill when the payload is %p', (payload) => {
    expect(prefillFromMessage(payload)).toBeUndefined();
  });

  it('strips hostile markup and invisible characters from topic, names and quote', () => {
    const prefill = prefillFromMessage(
      post({
        body: { contentType: 'html', content: '<script>alert(1)</script><img src=x onerror="alert(2)">Budget\u202Etxt.exe &lt;b&gt;review&lt;/b&gt;' },
        from: user(MEGAN, 'Megan\u0000 <b>Bowen</b>\u200B'),
        mentions: [],
      }),
    );
    expect(prefill?.topic).toBe('Budgettxt.exe <b>review</b>');
    expect(prefill?.people).toEqual([{ id: MEGAN, displayName: 'Megan <b>Bowen</b>' }]);
    expect(prefill?.firstWords.startsWith('"Budgettxt.exe <b>review</b>"')).toBe(true);
  });

  it('turns the entities of a message into characters in the topic and the quote', () => {
    const content = '<p>Caf&eacute; launch&hellip; we&rsquo;re on &#8212; r&#xE9;sum&#233; &amp; plan</p>';
    const prefill = prefillFromMessage(post({ body: { contentType: 'html', content }, mentions: [] }));
    expect(prefill?.topic).toBe('Café launch… we’re on — résumé & plan');
    expect(prefill?.firstWords.startsWith('"Café launch… we’re on — résumé & plan"')).toBe(true);
  });

  it('takes a plain-text body as it is', () => {
    expect(prefillFromMessage(post({ body: { contentType: 'text', content: 'a <b>not a tag</b>' } }))?.topic).toBe('a <b>not a tag</b>');
  });

  it.each(['javascript:alert(1)', 'http://teams.microsoft.com/l/message/x', 'data:text/html,hi', 'https://teams.microsoft.com/l/message/a b', 'not a url'])(
    'drops a link back that is not a plain https URL: %s',
    (linkToMessage) => {
      expect(prefillFromMessage(post({ linkToMessage }))?.firstWords).toBe('"Adele and Patti, can we go over the launch checklist before Friday?"');
    },
  );

  it('keeps the first words short, and the link whole', () => {
    const long = Array.from({ length: 200 }, () => 'word').join(' ');
    const prefill = prefillFromMessage(post({ body: { contentType: 'html', content: long } }), { firstWordsMaxLength: 300 });
    const [quote, link] = prefill?.firstWords.split('\n') ?? [];
    expect(quote!.length).toBeLessThanOrEqual(202);
    expect(quote).toMatch(/^"word( word)*…"$/);
    expect(link).toBe(post()['linkToMessage']);
    expect(prefill!.firstWords.length).toBeLessThanOrEqual(300);
  });

  it('stops one short of the chat limit, keeping a place for the requester', () => {
    const mentions = Array.from({ length: 300 }, (_, i) => ({ mentioned: user(`00000000-0000-0000-0000-${String(100000 + i).padStart(12, '0')}`, `P${i}`) }));
    expect(prefillFromMessage(post({ mentions }))?.people).toHaveLength(249);
  });
});
