import type { AdaptiveCardJson, CardRenderer } from '../cards';
import { COMMANDS } from '../commands/catalog';

export function helpCard(cards: CardRenderer): AdaptiveCardJson {
  return cards.renderHelpCard({ commands: COMMANDS });
}
