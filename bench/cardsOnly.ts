import path from 'node:path';
import { cardEngineSection, runCardEngineBench } from './cardEngineBench';

/**
 * `node dist-bench/bench/cardsOnly.js`: only section 9 of `npm run bench` (what filling the cards
 * costs), printed, without section 3's figures to set it against; the doc left alone.
 */
const REPO = path.resolve(__dirname, '..', '..');

process.stdout.write(`${cardEngineSection(runCardEngineBench(REPO), undefined).join('\n')}\n`);
