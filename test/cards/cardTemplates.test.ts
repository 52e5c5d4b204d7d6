import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CARD_NAMES, defaultCardsDirectory, loadCardTemplates } from '../../src/cards';

describe('card templates', () => {
  it('resolves cards/ at the repository root from src/cards', () => {
    expect(defaultCardsDirectory()).toBe(path.resolve(__dirname, '..', '..', 'cards'));
  });

  it('loads every template, each an Adaptive Card of schema 1.5 at most', () => {
    const templates = loadCardTemplates();
    expect(Object.keys(templates).sort()).toEqual([...CARD_NAMES].sort());
    for (const name of CARD_NAMES) {
      const template = templates[name];
      expect(template.type).toBe('AdaptiveCard');
      expect(template.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
      expect(Number(template.version)).toBeLessThanOrEqual(1.5);
    }
  });

  it('freezes the loaded JSON deeply so a shared set cannot be changed', () => {
    const templates = loadCardTemplates();
    expect(Object.isFrozen(templates)).toBe(true);
    expect(Object.isFrozen(templates.form)).toBe(true);
    expect(Object.isFrozen((templates.form.body as unknown[])[0])).toBe(true);
  });

  describe('with a broken cards directory', () => {
    let directory: string;
    beforeEach(() => {
      directory = mkdtempSync(path.join(tmpdir(), 'cards-'));
    });
    afterEach(() => {
      rmSync(directory, { recursive: true, force: true });
    });

    it('names the missing file', () => {
      expect(() => loadCardTemplates(directory)).toThrow(path.join(directory, 'form.json'));
    });

    it('rejects a template that is not an AdaptiveCard', () => {
      for (const name of CARD_NAMES) {
        writeFileSync(path.join(directory, `${name}.json`), JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body: [] }));
      }
      writeFileSync(path.join(directory, 'help.json'), JSON.stringify({ type: 'MessageCard' }));
      expect(() => loadCardTemplates(directory)).toThrow(/help\.json is not an AdaptiveCard/);
    });
  });
});
