/**
 * Draws every card with sample data to `docs/cards/<name>.png`, using the Adaptive Cards JS
 * renderer in headless Chromium. Run: `npm run cards:images` (builds first).
 * CHROMIUM_PATH overrides the browser (default /usr/bin/chromium, Debian's package).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CARD_NAMES, createCardRenderer } from '../cards';
import { drawCardPicture } from './cardImages/cardPictures';
import { renderSampleCards, withMentionsDrawn, withSamplePickerChoices } from './cardImages/sampleCards';
import { renderSampleDialog } from './cardImages/sampleDialog';
import { launchChromium } from './launchChromium';


async function main(): Promise<void> {
  const outputDirectory = path.resolve(__dirname, '..', '..', 'docs', 'cards');
  const cards = renderSampleCards(createCardRenderer());
  mkdirSync(outputDirectory, { recursive: true });

  const browser = await launchChromium();
  try {
    for (const name of CARD_NAMES) {
      const card = name === 'form' ? withSamplePickerChoices(cards[name]) : withMentionsDrawn(cards[name]);
      const png = await drawCardPicture(browser, card);
      const file = path.join(outputDirectory, `${name}.png`);
      writeFileSync(file, png);
      process.stdout.write(`${path.relative(process.cwd(), file)} (${png.length} bytes)\n`);
    }
    // The message extension's dialog: the form pre-filled from a sample channel post.
    const dialogPng = await drawCardPicture(browser, renderSampleDialog(createCardRenderer()));
    const dialogFile = path.join(outputDirectory, 'dialog.png');
    writeFileSync(dialogFile, dialogPng);
    process.stdout.write(`${path.relative(process.cwd(), dialogFile)} (${dialogPng.length} bytes)\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`renderCardImages failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
