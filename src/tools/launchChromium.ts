import { Browser, chromium } from 'playwright-core';

/** Flags for headless Chromium on this kind of machine: no sandbox, no GPU, no traffic of its own. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Debian's Chromium (CHROMIUM_PATH overrides it), headless, for drawing pictures. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}
