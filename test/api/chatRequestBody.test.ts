import { readChatRequest } from '../../src/api/chatRequestBody';

const read = (body: unknown, peoplePerChat = 200) => readChatRequest(body, peoplePerChat, 'sample');

describe('readChatRequest', () => {
  it('turns each member into the query a person typing it would make, and keeps the topic and message', () => {
    const reading = read({ members: ['Megan Bowen', ' adelev@example.com ', '8b081ef6-4792-4def-b2c9-c363a1bf41d5', '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9@4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1'], topic: ' Q3 ', message: 'Hi\nall', requester: 'alexw@example.com' });
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.request.members.map((query) => query.kind)).toEqual(['name', 'address', 'objectId', 'federated']);
    expect(reading.request.topic).toBe('Q3');
    expect(reading.request.message).toBe('Hi\nall');
    expect(reading.request.requester).toMatchObject({ kind: 'address', address: 'alexw@example.com' });
  });

  it('gives the same fingerprint to the same body whatever the key order, and another to another body', () => {
    const fingerprint = (body: unknown): string => {
      const reading = read(body);
      if (!reading.ok) throw new Error('expected a valid body');
      return reading.request.fingerprint;
    };
    const a = fingerprint({ members: ['Megan Bowen'], topic: 'T' });
    expect(fingerprint({ topic: 'T', members: ['Megan Bowen'] })).toBe(a);
    expect(fingerprint({ members: ['Megan Bowen'], topic: 'U' })).not.toBe(a);
    expect(fingerprint({ members: ['Megan Bowen'], topic: 'T', message: 'x' })).not.toBe(a);
    expect(fingerprint({ members: ['Megan Bowen', 'Lee Gu'], topic: 'T' })).not.toBe(a);
  });

  it.each([
    [{}, '/members'],
    [{ members: [] }, '/members'],
    [{ members: ['  '] }, '/members/0'],
    [{ members: ['Megan', 7] }, '/members/1'],
    [{ members: ['Megan'], topic: 'x'.repeat(251) }, '/topic'],
    [{ members: ['Megan'], message: 'x'.repeat(2001) }, '/message'],
    [{ members: ['Megan'], requester: 'Alex Wilber' }, '/requester'],
    [{ members: ['Megan'], requester: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9@4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1' }, '/requester'],
    [{ members: ['Megan'], extra: true }, '/'],
    [[1, 2], '/'],
    [null, '/'],
    [{ members: ['"  "'] }, '/members/0'],
  ])('refuses %j, pointing at %s', (body, pointer) => {
    const reading = read(body);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((problem) => problem.pointer)).toContain(pointer);
  });

  it('counts the requester among the people a chat holds', () => {
    expect(read({ members: ['a@x.com', 'b@x.com'] }, 2).ok).toBe(true);
    expect(read({ members: ['a@x.com', 'b@x.com'], requester: 'c@x.com' }, 2).ok).toBe(false);
  });
});
