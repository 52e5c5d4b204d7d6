import { type ResultCardData, createCardRenderer } from '../../src/cards';
import { allStrings } from './cardTree';

const base: ResultCardData = {
  chatType: 'group',
  topic: 'First topic',
  members: [
    { displayName: 'Megan Bowen', address: 'MeganB@contoso.com' },
    { displayName: 'Adele Vance', address: 'AdeleV@contoso.com', note: 'Guest' },
  ],
  openUrl: 'https://teams.microsoft.com/l/chat/19%3Aabc%40thread.v2/0?tenantId=t1',
  notes: ['A note'],
};

describe('a renderer reuses each parsed template', () => {
  it('renders one after another without carrying data over, and a render cannot change the template', () => {
    const renderer = createCardRenderer();
    const first = renderer.renderResultCard(base);
    const firstJson = JSON.stringify(first);
    const second = renderer.renderResultCard({ ...base, topic: 'Second ${$root.openUrl}', members: [{ displayName: 'Lee Gu', address: '' }], notes: [] });
    const secondStrings = allStrings(second);
    expect(secondStrings).toContain('Second ${$root.openUrl}');
    expect(secondStrings.join('\n')).not.toMatch(/First topic|Megan Bowen|Adele Vance|A note/);
    // Changing what came out changes nothing for the next render.
    (first.body as unknown[]).length = 0;
    expect(JSON.stringify(renderer.renderResultCard(base))).toBe(firstJson);
  });
});
