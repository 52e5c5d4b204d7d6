import { parseCommand } from '../../src/commands/parseCommand';
import { MessageInput } from '../../src/commands/command';

const parse = (text: string, mentions: MessageInput['mentions'] = []) => parseCommand({ text, mentions });

describe('parseCommand', () => {
  it('reads people separated by commas, semicolons and "and", and keeps the topic as typed', () => {
    expect(parse('start chat with Megan Bowen, adele@contoso.com; Alex and Lee Gu about Q3 Planning')).toEqual({
      kind: 'startChat',
      topic: 'Q3 Planning',
      people: [
        { kind: 'name', name: 'Megan Bowen', text: 'Megan Bowen' },
        { kind: 'address', address: 'adele@contoso.com', text: 'adele@contoso.com' },
        { kind: 'name', name: 'Alex', text: 'Alex' },
        { kind: 'name', name: 'Lee Gu', text: 'Lee Gu' },
      ],
    });
  });

  it('is case-insensitive for the command words but not for the rest', () => {
    const command = parse('START Chat WITH megan bowen ABOUT Launch Plan');
    expect(command).toEqual({ kind: 'startChat', topic: 'Launch Plan', people: [{ kind: 'name', name: 'megan bowen', text: 'megan bowen' }] });
  });

  it('reads non-GUID sample ids as object ids only in the try-out; otherwise they are names', () => {
    const sample = '00000000-0000-0000-0000-0000000000021';
    const text = `start chat with ${sample}, ${sample}@00000000-0000-0000-0000-0000000000009`;
    expect(parseCommand({ text, mentions: [], objectIds: 'sample' })).toMatchObject({
      people: [{ kind: 'objectId', id: sample }, { kind: 'federated', id: sample, tenantId: '00000000-0000-0000-0000-0000000000009' }],
    });
    expect(parseCommand({ text, mentions: [] })).toMatchObject({ people: [{ kind: 'name', name: sample }, { kind: 'name' }] });
  });

  it('recognises object ids and federated people', () => {
    const command = parse(
      'start chat with 82AF01C5-F7CC-4A2E-A728-3A5DF21AFD9D and 82af01c5-f7cc-4a2e-a728-3a5df21afd9d@4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1',
    );
    expect(command).toEqual({
      kind: 'startChat',
      topic: undefined,
      people: [
        { kind: 'objectId', id: '82af01c5-f7cc-4a2e-a728-3a5df21afd9d', text: '82AF01C5-F7CC-4A2E-A728-3A5DF21AFD9D' },
        {
          kind: 'federated',
          id: '82af01c5-f7cc-4a2e-a728-3a5df21afd9d',
          tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1',
          text: '82af01c5-f7cc-4a2e-a728-3a5df21afd9d@4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1',
        },
      ],
    });
  });

  it('does not split inside words or addresses that contain "and" or "about"', () => {
    const command = parse('start chat with Sandy Anderson, about@contoso.com, brand@contoso.com about roadmap and budget');
    expect(command).toEqual({
      kind: 'startChat',
      topic: 'roadmap and budget',
      people: [
        { kind: 'name', name: 'Sandy Anderson', text: 'Sandy Anderson' },
        { kind: 'address', address: 'about@contoso.com', text: 'about@contoso.com' },
        { kind: 'address', address: 'brand@contoso.com', text: 'brand@contoso.com' },
      ],
    });
  });

  it('turns @mentions into mention queries, even when the name contains "and"', () => {
    const command = parse('start chat with <at>Megan Bowen</at> and <at>Anna and Co</at> about Launch', [
      { text: '<at>Megan Bowen</at>', id: '29:megan', name: 'Megan Bowen' },
      { text: '<at>Anna and Co</at>', id: '29:anna', name: 'Anna and Co' },
    ]);
    expect(command).toEqual({
      kind: 'startChat',
      topic: 'Launch',
      people: [
        { kind: 'mention', memberId: '29:megan', name: 'Megan Bowen', text: 'Megan Bowen' },
        { kind: 'mention', memberId: '29:anna', name: 'Anna and Co', text: 'Anna and Co' },
      ],
    });
  });

  it('joins a mention Teams split into several tags for the same member', () => {
    const command = parse('start chat with <at>Megan</at> <at>Bowen</at> and <at>Adele</at> <at>Vance</at> about Split', [
      { text: '<at>Megan</at>', id: '29:megan', name: 'Megan Bowen' },
      { text: '<at>Bowen</at>', id: '29:megan', name: 'Megan Bowen' },
      { text: '<at>Adele</at>', id: '29:adele', name: 'Adele Vance' },
      { text: '<at>Vance</at>', id: '29:adele', name: 'Adele Vance' },
    ]);
    expect(command).toEqual({
      kind: 'startChat',
      topic: 'Split',
      people: [
        { kind: 'mention', memberId: '29:megan', name: 'Megan Bowen', text: 'Megan Bowen' },
        { kind: 'mention', memberId: '29:adele', name: 'Adele Vance', text: 'Adele Vance' },
      ],
    });
  });

  it('keeps two different members mentioned side by side apart', () => {
    const command = parse('start chat with <at>Megan</at> <at>Adele</at>', [
      { text: '<at>Megan</at>', id: '29:megan', name: 'Megan Bowen' },
      { text: '<at>Adele</at>', id: '29:adele', name: 'Adele Vance' },
    ]);
    expect(command).toMatchObject({ kind: 'startChat', people: [{ memberId: '29:megan' }, { memberId: '29:adele' }] });
  });

  it('keeps mentions in the topic as typed, and ignores typed placeholder characters', () => {
    const command = parse('start chat with Lee about <at>Megan</at> <at>Adele</at> sync', [
      { text: '<at>Megan</at>', id: '29:megan', name: 'Megan Bowen' },
      { text: '<at>Adele</at>', id: '29:adele', name: 'Adele Vance' },
    ]);
    expect(command).toMatchObject({ kind: 'startChat', topic: 'Megan Adele sync' });
    expect(parse('start chat with \uE0007\uE000 \uE0008\uE000')).toEqual({ kind: 'startChat', topic: undefined, people: [{ kind: 'name', name: '7 8', text: '7 8' }] });
  });

  it('parses a huge message of unclosed tags in linear time (no catastrophic backtracking)', () => {
    const text = `start chat with ${'<at>x '.repeat(40_000)}`;
    const command = parse(text);
    expect(command.kind).toBe('startChat');
  });

  it('falls back to the shown name for a mention tag without an entity', () => {
    const command = parse('start chat with <at>Sales Team</at>');
    expect(command).toEqual({ kind: 'startChat', topic: undefined, people: [{ kind: 'name', name: 'Sales Team', text: 'Sales Team' }] });
  });

  it('handles non-breaking spaces, quotes, angle-bracket addresses and a trailing full stop', () => {
    const command = parse('start\u00a0chat with "Patrick O\'Brien", Megan Bowen <meganb@example.com>.');
    expect(command).toEqual({
      kind: 'startChat',
      topic: undefined,
      people: [
        { kind: 'name', name: "Patrick O'Brien", text: "Patrick O'Brien" },
        { kind: 'address', address: 'meganb@example.com', text: 'meganb@example.com' },
      ],
    });
  });

  it('keeps guest UPNs with #EXT# as addresses', () => {
    const command = parse('start chat with pat_fabrikam.com#EXT#@contoso.onmicrosoft.com');
    expect(command).toMatchObject({ kind: 'startChat', people: [{ kind: 'address', address: 'pat_fabrikam.com#EXT#@contoso.onmicrosoft.com' }] });
  });

  it('asks for the form when nobody is named', () => {
    expect(parse('start chat')).toEqual({ kind: 'showForm' });
    expect(parse('Start chat with')).toEqual({ kind: 'showForm' });
    expect(parse('start chat with , ; ')).toEqual({ kind: 'showForm' });
  });

  it('knows help and nothing else', () => {
    expect(parse('help')).toEqual({ kind: 'help' });
    expect(parse('  HELP ')).toEqual({ kind: 'help' });
    expect(parse('hello there')).toEqual({ kind: 'unknown' });
    expect(parse('')).toEqual({ kind: 'unknown' });
    expect(parse('please start chat with Megan')).toEqual({ kind: 'unknown' });
  });

  it('treats an empty topic as no topic', () => {
    expect(parse('start chat with Megan about')).toEqual({ kind: 'startChat', topic: undefined, people: [{ kind: 'name', name: 'Megan', text: 'Megan' }] });
  });
});

describe('parseCommand: first words after "saying"', () => {
  it('keeps the message exactly: case, punctuation, spacing and line breaks', () => {
    const command = parse('start chat with Megan Bowen and Adele about Q3 Launch saying Hi ALL!\n\nAgenda:  dates, budget & "owners"?\r\n- thanks');
    expect(command).toEqual({
      kind: 'startChat',
      topic: 'Q3 Launch',
      people: [
        { kind: 'name', name: 'Megan Bowen', text: 'Megan Bowen' },
        { kind: 'name', name: 'Adele', text: 'Adele' },
      ],
      firstWords: 'Hi ALL!\n\nAgenda:  dates, budget & "owners"?\r\n- thanks',
    });
  });

  it('works without a topic, on a new line, and in any case', () => {
    expect(parse('start chat with Megan SAYING\nCan we talk about the launch, and then lunch?')).toEqual({
      kind: 'startChat',
      topic: undefined,
      people: [{ kind: 'name', name: 'Megan', text: 'Megan' }],
      firstWords: 'Can we talk about the launch, and then lunch?',
    });
  });

  it('splits at the first "saying" only: the message may contain "saying", "about" and "and"', () => {
    const command = parse('start chat with Megan saying about what Lee was saying and doing');
    expect(command).toMatchObject({ people: [{ name: 'Megan' }], topic: undefined, firstWords: 'about what Lee was saying and doing' });
  });

  it('shows mentions in the message as the names they show, and leaves markup as literal text', () => {
    const command = parse('start chat with <at>Megan Bowen</at> saying <at>Megan Bowen</at>, **look** at ${topic} <b>now</b>', [
      { text: '<at>Megan Bowen</at>', id: '29:megan', name: 'Megan Bowen' },
      { text: '<at>Megan Bowen</at>', id: '29:megan', name: 'Megan Bowen' },
    ]);
    expect(command).toMatchObject({
      people: [{ kind: 'mention', memberId: '29:megan', name: 'Megan Bowen' }],
      firstWords: 'Megan Bowen, **look** at ${topic} <b>now</b>',
    });
  });

  it('has no first words when nothing follows "saying", or when "saying" is part of a word or name', () => {
    expect(parse('start chat with Megan saying   ')).toEqual({ kind: 'startChat', topic: undefined, people: [{ kind: 'name', name: 'Megan', text: 'Megan' }] });
    expect(parse('start chat with Megan about soothsaying')).toEqual({
      kind: 'startChat', topic: 'soothsaying', people: [{ kind: 'name', name: 'Megan', text: 'Megan' }],
    });
    expect(parse('start chat with Megan')).not.toHaveProperty('firstWords');
  });

  it('is not a start-chat command just because it contains "saying"', () => {
    expect(parse('I keep saying hello')).toEqual({ kind: 'unknown' });
    expect(parse('start chat saying hello')).toEqual({ kind: 'showForm', firstWords: 'hello' });
  });

  it('with no people, keeps what was typed for the form: the topic and the first words, as typed', () => {
    expect(parse('start chat about Q3 Launch saying Hi ALL,\nwelcome!')).toEqual({ kind: 'showForm', topic: 'Q3 Launch', firstWords: 'Hi ALL,\nwelcome!' });
    expect(parse('start chat with about Budget')).toEqual({ kind: 'showForm', topic: 'Budget' });
    expect(parse('Start chat saying  see you\n\nthere  ')).toEqual({ kind: 'showForm', firstWords: 'see you\n\nthere' });
    expect(parse('start chat with , ; about Ops saying go')).toEqual({ kind: 'showForm', topic: 'Ops', firstWords: 'go' });
    expect(parse('start chat')).toEqual({ kind: 'showForm' });
  });
});
