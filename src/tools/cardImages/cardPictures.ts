import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { AdaptiveCardJson } from '../../cards';
import { TEAMS_LIGHT_CSS, TEAMS_LIGHT_HOST_CONFIG } from './teamsLook';

/** The renderer bundle loaded into the page: the UMD build exposes `window.AdaptiveCards`. */
export function adaptiveCardsBundlePath(): string {
  return require.resolve('adaptivecards/dist/adaptivecards.min.js');
}

export interface CardPictureOptions {
  /** Pixel density of the PNG; 2 gives crisp text in docs. */
  readonly deviceScaleFactor?: number;
}

/**
 * Renders cards with the real Adaptive Cards JS renderer in one browser page each and returns
 * a PNG of the card's frame. The card reaches the page as an argument of `page.evaluate`
 * (structured-cloned), never as text in the page's HTML.
 */
export async function drawCardPicture(browser: Browser, card: AdaptiveCardJson, options: CardPictureOptions = {}): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 700, height: 600 }, deviceScaleFactor: options.deviceScaleFactor ?? 2 });
  try {
    const page = await context.newPage();
    // Nothing in the page may reach the network: the bundle is inlined and cards carry no images.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${TEAMS_LIGHT_CSS}</style></head><body><div id="frame"><div id="card"></div></div></body></html>`);
    await page.addScriptTag({ content: readFileSync(adaptiveCardsBundlePath(), 'utf8') });
    const problems = await page.evaluate(renderInPage, { card, hostConfig: TEAMS_LIGHT_HOST_CONFIG });
    if (problems.length > 0) {
      throw new Error(`The Adaptive Cards renderer could not render the card: ${problems.join('; ')}`);
    }
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return await page.locator('#frame').screenshot({ type: 'png' });
  } finally {
    await context.close();
  }
}

interface RenderArguments {
  readonly card: AdaptiveCardJson;
  readonly hostConfig: object;
}

/** Runs inside the page (serialised by Playwright), so it may use only its argument and globals. */
function renderInPage({ card, hostConfig }: RenderArguments): string[] {
  const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptiveCard.parse(card, context);
  const rendered = adaptiveCard.render();
  const target = document.getElementById('card');
  if (!rendered || !target) return ['nothing was rendered'];
  target.appendChild(rendered);
  return [];
}
