import { expect, test as base, type Page } from '@playwright/test';

/** Every test fails on an uncaught page error, and starts on a loaded dashboard. */
export const test = base.extend<{ dashboard: Page }>({
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
