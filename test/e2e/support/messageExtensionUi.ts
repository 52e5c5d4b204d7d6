import type { Locator, Page } from 'playwright-core';

/**
 * The Agents Playground's message extension UI (0.2.28), found by reading its DOM; see
 * docs/playground.md. The Playground has no app manifest, so the person types the command id,
 * as its "Action-Based Message Extension" dialog asks.
 */
export interface DialogView {
  /** Visible text of the dialog (the app's header and the card). */
  readonly text: string;
  /** Values of the card's inputs by label (the picker's label is "People Picker"). */
  readonly inputs: Readonly<Record<string, string>>;
  /** OpenUrl buttons with their targets (the Playground puts the URL in the `title`). */
  readonly links: readonly { readonly title: string; readonly url: string }[];
  /** The bot's answer to the invoke that opened or changed the dialog, as the Playground received it. */
  readonly answer: unknown;
}

const composeBox = '[data-lexical-editor="true"][role="textbox"]';
const dialogRoot = '[role="dialog"]';

export class MessageExtensionUi {
  constructor(
    private readonly page: Page,
    private readonly timeoutMs = 15_000,
  ) {}

  /** The compose box's "Trigger Message Extension App" → Action Command → `commandId` (commandContext `compose`). */
  async openFromComposeBox(commandId: string): Promise<DialogView> {
    await this.page.getByRole('button', { name: 'Trigger Message Extension App' }).click({ timeout: this.timeoutMs });
    await this.page.getByRole('menuitem', { name: 'Action Command' }).click({ timeout: this.timeoutMs });
    return this.createDialog(commandId);
  }

  /** A message's "…" (Show more information) → Action Command → `commandId` (commandContext `message`). */
  async openOnMessage(message: Locator, commandId: string): Promise<DialogView> {
    await message.getByRole('button', { name: 'Show more information' }).click({ timeout: this.timeoutMs });
    await this.page.getByRole('menuitem', { name: 'Action Command' }).click({ timeout: this.timeoutMs });
    return this.createDialog(commandId);
  }

  /** Sends a message in the open chat that @mentions each name (picked from the mention list). */
  async sendWithMentions(parts: readonly ({ readonly mention: string; readonly typed: string } | string)[]): Promise<Locator> {
    await this.page.locator(composeBox).click({ timeout: this.timeoutMs });
    for (const part of parts) {
      if (typeof part === 'string') {
        await this.page.keyboard.type(part);
      } else {
        await this.page.keyboard.type(`@${part.typed}`);
        await this.page.getByRole('menuitem', { name: part.mention }).click({ timeout: this.timeoutMs });
      }
    }
    await this.page.keyboard.press('Enter');
    // The person's own message: a header without an author, holding the mentions as links.
    const last = parts[parts.length - 1];
    const tail = typeof last === 'string' ? last.trim() : last!.mention;
    const message = this.page.locator('[aria-label="Message header"] >> xpath=..').filter({ hasText: tail }).last();
    await message.waitFor({ timeout: this.timeoutMs });
    return message;
  }

  /** Picks `name` in the dialog's people picker after typing `query`. */
  async pickPerson(query: string, name: string): Promise<void> {
    await this.dialog().locator('input[aria-label="People Picker"]').click({ timeout: this.timeoutMs });
    await this.page.keyboard.type(query);
    await this.page.getByRole('option', { name }).click({ timeout: this.timeoutMs });
  }

  /** Clicks a button on the dialog's card and waits for the dialog to show text matching `then`. */
  async clickAndWait(title: string, then: RegExp): Promise<DialogView> {
    const answer = this.nextInvokeAnswer();
    await this.dialog().getByRole('button', { name: title, exact: true }).click({ timeout: this.timeoutMs });
    // Read the dialog that shows it: a message arriving meanwhile (the kickoff's preview in the
    // try-out) may put another dialog-like layer over it.
    const shown = this.page.locator(dialogRoot).filter({ hasText: then }).last();
    await shown.waitFor({ timeout: this.timeoutMs });
    return this.read(await answer, shown);
  }

  async close(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Close' }).first().click({ timeout: this.timeoutMs });
    await this.dialog().waitFor({ state: 'detached', timeout: this.timeoutMs });
  }

  async read(answer: unknown = undefined, dialog: Locator = this.dialog()): Promise<DialogView> {
    const inputs = await dialog.locator('input[type="text"], input[role="combobox"], textarea').evaluateAll((elements) =>
      elements.map((e) => [e.getAttribute('aria-label') ?? '', (e as HTMLInputElement).value] as const),
    );
    const links = await dialog.locator('.ac-actionSet button[role="link"]').evaluateAll((elements) =>
      elements.map((e) => ({ title: e.getAttribute('aria-label') ?? '', url: e.getAttribute('title') ?? '' })),
    );
    return { text: (await dialog.innerText()).trim(), inputs: Object.fromEntries(inputs), links, answer };
  }

  private async createDialog(commandId: string): Promise<DialogView> {
    await this.page.getByPlaceholder('Input command id or leave blanks').fill(commandId, { timeout: this.timeoutMs });
    const answer = this.nextInvokeAnswer();
    await this.page.getByRole('button', { name: 'Create' }).click({ timeout: this.timeoutMs });
    // The app's dialog replaces the Playground's own: it shows the card once the bot answered.
    await this.dialog().locator('.ac-adaptiveCard').waitFor({ timeout: this.timeoutMs });
    return this.read(await answer);
  }

  /** The page relays invokes to the Playground's server, which answers with the bot's response. */
  private async nextInvokeAnswer(): Promise<unknown> {
    const response = await this.page.waitForResponse((r) => new URL(r.url()).pathname === '/_conversation/v1/invoke', { timeout: this.timeoutMs });
    return (await response.json()) as unknown;
  }

  private dialog(): Locator {
    return this.page.locator(dialogRoot).last();
  }
}
