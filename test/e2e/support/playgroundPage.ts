import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** One option of an expanded `Input.ChoiceSet` (radio button or check box). */
export interface CardChoice {
  label: string;
  value: string;
  checked: boolean;
}

/** An `Action.OpenUrl`: the Playground shows its URL as the button's tooltip. */
export interface CardLink {
  title: string;
  url: string;
}

/** What a person sees of an Adaptive Card. */
export interface CardView {
  /** All visible text of the card, as the browser lays it out (button titles included). */
  text: string;
  /** Titles of the buttons that post back (Action.Execute / Action.Submit), in order. */
  buttons: string[];
  /** OpenUrl actions with their targets, in order. */
  links: CardLink[];
  /** Options of every expanded choice set on the card, in order. */
  choices: CardChoice[];
}

export interface BotMessage {
  /** Visible text of the whole message (a card's text included). */
  text: string;
  /** The message's Adaptive Card, if it has one. */
  card: CardView | undefined;
}

export interface PlaygroundPageOptions {
  /** The Playground's web UI, e.g. `http://127.0.0.1:56150/`. */
  url: string;
  /** Where screenshots go, e.g. `test-artifacts/e2e`. */
  artifactsDir: string;
  /** Longest wait for anything on screen. Default 15 s. */
  timeoutMs?: number;
}

// Selectors found by reading the Playground 0.2.28 DOM; see docs/playground.md.
const composeBox = '[data-lexical-editor="true"][role="textbox"]';
const sendButton = 'button[aria-label="Send Message"]';
// Every message has a header; only the bot's carry an author name. Header and body share a parent.
const botMessageRoot = '[aria-label="Message header"]:has([aria-label="Message author"]) >> xpath=..';
const cardRoot = '.ac-adaptiveCard';
// The Playground draws a `graph.microsoft.com/users` choice set as a Fluent UI people picker.
const peoplePickerInput = 'input[role="combobox"][aria-label="People Picker"]';

/** Drives the Microsoft 365 Agents Playground web UI (personal chat with the bot). */
export class PlaygroundPage {
  private readonly timeoutMs: number;

  constructor(
    readonly page: Page,
    private readonly options: PlaygroundPageOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 15000;
  }

  /** Loads the UI and waits until the compose box can be typed in. */
  async open(): Promise<void> {
    await this.page.goto(this.options.url);
    await this.page.locator(composeBox).waitFor({ timeout: this.timeoutMs });
  }

  /**
   * Starts over with an empty chat on screen. The Playground keeps no history in the page, so a
   * reload clears it; the bot still sees the same conversation id (one per Playground run), and it
   * receives installationUpdate + conversationUpdate again.
   */
  async newConversation(): Promise<void> {
    await this.page.reload();
    await this.page.locator(composeBox).waitFor({ timeout: this.timeoutMs });
  }

  /** Types `text` into the compose box and sends it, as a person would. */
  async send(text: string): Promise<void> {
    const box = this.page.locator(composeBox);
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.locator(sendButton).click();
  }

  async botMessageCount(): Promise<number> {
    return this.botMessages().count();
  }

  /**
   * Waits for a bot message: the `n`th one on screen (1-based) for a number, otherwise the last one
   * whose visible text contains the string or matches the pattern. Resolves with what it shows.
   */
  async waitForBotMessage(match: number | string | RegExp): Promise<BotMessage> {
    const message =
      typeof match === 'number'
        ? this.botMessages().nth(match - 1)
        : this.botMessages().filter({ hasText: match }).last();
    await message.waitFor({ timeout: this.timeoutMs });
    return readMessage(message);
  }

  /** The newest Adaptive Card on screen. */
  async lastCard(): Promise<CardView> {
    const card = this.page.locator(cardRoot).last();
    await card.waitFor({ timeout: this.timeoutMs });
    return readCard(card);
  }

  /** Clicks a post-back button (Action.Execute / Action.Submit) on the newest card that has it. */
  async clickCardButton(title: string): Promise<void> {
    await this.cardWith(this.page.getByRole('button', { name: title, exact: true }))
      .getByRole('button', { name: title, exact: true })
      .click({ timeout: this.timeoutMs });
  }

  /** Selects an option of an expanded choice set on the newest card that offers it. */
  async chooseOption(label: string): Promise<void> {
    await this.cardWith(this.page.getByLabel(label, { exact: true }))
      .getByLabel(label, { exact: true })
      .check({ timeout: this.timeoutMs });
  }

  /**
   * Types `query` into the people picker of the newest card that has one, as a person would, and
   * picks the suggestion named `name`.
   */
  async pickPerson(query: string, name: string): Promise<void> {
    const input = this.cardWith(this.page.locator(peoplePickerInput)).locator(peoplePickerInput);
    await input.click({ timeout: this.timeoutMs });
    await this.page.keyboard.type(query);
    // Suggestions open in a layer outside the card.
    await this.page.getByRole('option', { name }).click({ timeout: this.timeoutMs });
  }

  /** Types into the text input labelled (or, failing that, with the placeholder) `label` on the newest card that has it. */
  async fillCardText(label: string, text: string): Promise<void> {
    const field = this.page.getByLabel(label, { exact: true }).or(this.page.getByPlaceholder(label, { exact: true }));
    const input = this.cardWith(field).getByLabel(label, { exact: true }).or(this.cardWith(field).getByPlaceholder(label, { exact: true }));
    await input.first().fill(text, { timeout: this.timeoutMs });
  }

  /**
   * Clicks an OpenUrl button and returns the URL the Playground tried to open. The Playground opens
   * it in a popup; the browser from `launchBrowser` refuses the navigation, and the popup is closed.
   */
  async followOpenUrl(title: string): Promise<string> {
    const link = this.cardWith(this.page.getByRole('link', { name: title, exact: true })).getByRole('link', {
      name: title,
      exact: true,
    });
    const playgroundOrigin = new URL(this.options.url).origin;
    // A popup's first request has no frame yet, so it is recognised by leaving the Playground's origin.
    const navigation = this.page.context().waitForEvent('request', {
      predicate: (request) => request.isNavigationRequest() && new URL(request.url()).origin !== playgroundOrigin,
      timeout: this.timeoutMs,
    });
    const popup = this.page.waitForEvent('popup', { timeout: this.timeoutMs });
    await link.click({ timeout: this.timeoutMs });
    const request = await navigation;
    await (await popup).close();
    return request.url();
  }

  /** Saves a full-page PNG as `<artifactsDir>/<name>.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    await mkdir(this.options.artifactsDir, { recursive: true });
    const path = join(this.options.artifactsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  private botMessages(): Locator {
    return this.page.locator(botMessageRoot);
  }

  private cardWith(inner: Locator): Locator {
    return this.page.locator(cardRoot).filter({ has: inner }).last();
  }
}

async function readMessage(message: Locator): Promise<BotMessage> {
  const card = message.locator(cardRoot).last();
  // The header (author, time) is not part of what the bot said.
  const body = message.locator('[aria-label="Message header"] ~ *');
  return {
    text: (await body.allInnerTexts()).join('\n').trim(),
    card: (await card.count()) > 0 ? await readCard(card) : undefined,
  };
}

async function readCard(card: Locator): Promise<CardView> {
  const buttons = await card.locator('.ac-actionSet button[role="button"]').evaluateAll((elements) =>
    elements.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''),
  );
  const links = await card.locator('.ac-actionSet button[role="link"]').evaluateAll((elements) =>
    elements.map((e) => ({ title: e.getAttribute('aria-label') ?? '', url: e.getAttribute('title') ?? '' })),
  );
  const choices = await card.locator('input[type="radio"], input[type="checkbox"]').evaluateAll((elements) =>
    elements.map((e) => {
      const input = e as HTMLInputElement;
      const label = input.id === '' ? null : input.ownerDocument.querySelector(`label[for="${input.id}"]`);
      return { label: label?.textContent?.trim() ?? '', value: input.value, checked: input.checked };
    }),
  );
  return { text: (await card.innerText()).trim(), buttons, links, choices };
}
