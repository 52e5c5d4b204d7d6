import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Request } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`). */
export const defaultChromiumPath = '/usr/bin/chromium';

/** Flags for headless Chromium in a root container with no network but loopback. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Belt and braces under the request routing below: names other than loopback do not resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for http(s)/ws(s) URLs on this machine; data: and blob: URLs never leave the page either. */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  return loopbackHosts.has(parsed.hostname);
}

/** A request the browser wanted to make off this machine, and which was refused. */
export interface BlockedRequest {
  url: string;
  /** A page (or popup) navigation, as opposed to a font, script or XHR. */
  isNavigation: boolean;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Everything refused so far, in order (the Playground asks for Segoe UI fonts from a CDN). */
  readonly blocked: readonly BlockedRequest[];
  /** Closes Chromium and removes its profile directory. */
  close(): Promise<void>;
}

export interface LaunchBrowserOptions {
  executablePath?: string;
  viewport?: { width: number; height: number };
}

/**
 * Launches headless Chromium with a fresh profile and refuses every request that is not to
 * loopback, so a test can never reach the internet (an OpenUrl card action opening
 * teams.microsoft.com included: its URL is recorded in `blocked` instead).
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath ?? defaultChromiumPath,
    headless: true,
    args: [...chromiumArgs],
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const blocked: BlockedRequest[] = [];
  await context.route('**/*', async (route) => {
    const request: Request = route.request();
    if (isLoopbackUrl(request.url())) {
      await route.continue();
      return;
    }
    blocked.push({ url: request.url(), isNavigation: request.isNavigationRequest() });
    await route.abort('blockedbyclient');
  });
  return {
    context,
    blocked,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
