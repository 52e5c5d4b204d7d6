import { CARD_VERBS } from '../../../cards';
import { cardAnswer } from '../../answer';
import { formCard } from '../../formCard';
import { RouteDeps } from '../routeDeps';
import { CardActionRoute } from './cardAction';

/** The form's scope switch ("only people in this chat" / "anyone"): the form again, re-scoped. */
export function showFormRoute(deps: RouteDeps): CardActionRoute<typeof CARD_VERBS.showForm> {
  return {
    run: async ({ turn, submission }) => cardAnswer(formCard(deps, turn, { pickerScope: submission.pickerScope })),
  };
}
