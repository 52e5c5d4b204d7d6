import { createCardRenderer } from '../../src/cards';
import { toAttachment } from '../../src/bot/cardAttachment';

describe('toAttachment', () => {
  it('wraps the expanded card as an Adaptive Card attachment without copying or changing it', () => {
    const card = createCardRenderer().renderHelpCard({ commands: [{ title: 'help', description: 'What I do', examples: ['help'] }] });
    const attachment = toAttachment(card);
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content).toEqual(card);
  });
});
