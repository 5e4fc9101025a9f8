import { expect, test as base, type ConsoleMessage, type Page } from '@playwright/test';

/** Logs every CSP violation in this global (page or worker) as a console error the fixture catches. */
function reportViolations(): void {
  self.addEventListener('securitypolicyviolation', (e) => {
    console.error(
      `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
    );
  });
}

/**
 * Every test fails on a Content-Security-Policy violation, from the page (its `securitypolicyviolation`
 * event or Chromium's console message about it) or its worker (the event, listened to as soon as the
 * worker is seen, so a violation in the worker's very first task may slip through). With `dashboard`,
 * every test also fails on an uncaught page error, and starts on a loaded dashboard.
 */
export const test = base.extend<{ dashboard: Page }>({
  page: async ({ page }, use) => {
    const violations: string[] = [];
    await page.addInitScript(reportViolations);
    const onConsole = (m: ConsoleMessage) => {
      if (/^(CSP violation|Refused to)|violates the following Content Security Policy/.test(m.text())) {
        violations.push(m.text());
      }
    };
    page.on('console', onConsole);
    page.on('worker', (w) => {
      w.on('console', onConsole);
      w.evaluate(reportViolations).catch(() => {}); // the worker may already be gone
    });
    await use(page);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
  dashboard: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/?seed=1');
    await expect(page.getByRole('group', { name: 'Regions map' })).toBeVisible();
    await use(page);
    expect(errors).toEqual([]);
  },
});

export { expect };

/** The hexagon button of a region, by its programmatic name. */
export function hex(page: Page, region: string) {
  return page
    .getByRole('group', { name: 'Regions map' })
    .getByRole('button', { name: new RegExp(`\\(${region}\\):`) });
}

/** Types a line into the console and presses Enter. */
export async function type(page: Page, line: string) {
  const input = page.getByRole('textbox', { name: 'Console' });
  await input.fill(line);
  await input.press('Enter');
}

/** Opens the Scenarios picker and starts the "Start here" tour; returns the player. */
export async function startHere(page: Page) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page
    .getByRole('dialog', { name: 'Scenarios' })
    .getByRole('button', { name: /Start here: a first tour/ })
    .click();
  return page.locator('aside.scenario-player');
}
