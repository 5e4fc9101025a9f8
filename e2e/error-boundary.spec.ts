import type { Page } from '@playwright/test';
import { expect, hex, test, type } from './fixtures';

/**
 * Every panel sits in an ErrorBoundary. `window.__labCrash = NAME` makes the boundary called NAME throw
 * while rendering (see src/ui/ErrorBoundary.tsx); the rest of the lab must keep working.
 */

function fallback(page: Page, panel: string) {
  return page.locator(`[data-boundary="${panel}"][role="alert"]`);
}

async function consoleStillWorks(page: Page): Promise<void> {
  await type(page, 'az acr replication list -r myregistry -o table');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('westeurope');
}

test('a map that fails to render leaves the rest of the lab working, and Try again brings it back', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  const logged: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') logged.push(m.text());
  });
  await page.addInitScript(() => {
    window.__labCrash = 'map';
  });
  await page.goto('/?seed=1');

  const panel = fallback(page, 'map');
  await expect(panel).toHaveText(
    'This panel hit a problem: Simulated failure in the map panel. The rest of the lab keeps working.Try again',
  );
  // No stack trace for the user; the console has it.
  await expect(panel).not.toContainText(/\bat\s|\.js:\d+/);
  expect(logged.some((l) => l.includes('"map" panel failed to render'))).toBe(true);

  await expect(page.getByRole('group', { name: 'Regions map' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'ACR Geo-Replication Lab' })).toBeVisible();
  await page.getByRole('tab', { name: 'Clients' }).click();
  await expect(page.getByRole('tab', { name: 'Clients' })).toHaveAttribute('aria-selected', 'true');
  await consoleStillWorks(page);

  await page.evaluate(() => {
    delete window.__labCrash;
  });
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(panel).toHaveCount(0);
  await expect(hex(page, 'westeurope')).toHaveAccessibleName('West Europe (westeurope): replica, Ready');
  expect(pageErrors).toEqual([]);
});

test('a side tab or a log tab that fails shows its fallback in place; other tabs keep working', async ({
  dashboard: page,
}) => {
  await page.evaluate(() => {
    window.__labCrash = 'charts';
  });
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(fallback(page, 'charts')).toContainText('This panel hit a problem');
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Events' })).toBeVisible();
  await expect(fallback(page, 'charts')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(fallback(page, 'charts')).toBeVisible();
  // Try again renders the panel anew (here with the hook cleared, so it works).
  await page.evaluate(() => {
    delete window.__labCrash;
  });
  await fallback(page, 'charts').getByRole('button', { name: 'Try again' }).click();
  await expect(fallback(page, 'charts')).toHaveCount(0);
  await expect(page.getByRole('tabpanel', { name: 'Charts' })).not.toBeEmpty();

  // Selecting a hexagon switches from another tab to Region, which mounts the (failing) region panel.
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.evaluate(() => {
    window.__labCrash = 'region';
  });
  await hex(page, 'japaneast').click();
  await expect(fallback(page, 'region')).toContainText('Simulated failure in the region panel');
  await page.getByRole('tab', { name: 'Network' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Network' })).toBeVisible();
  await consoleStillWorks(page);
  // Coming back to the tab mounts the panel afresh.
  await page.evaluate(() => {
    delete window.__labCrash;
  });
  await page.getByRole('tab', { name: 'Region' }).click();
  await expect(page.getByRole('button', { name: 'Create replica in Japan East' })).toBeVisible();
});

for (const panel of [
  'time-controls',
  'header-actions',
  'timeline',
  'legend',
  'side-tabs',
  'log-tabs',
  'console',
]) {
  test(`a ${panel} that fails at start leaves the map working`, async ({ page }) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.addInitScript((name) => {
      window.__labCrash = name;
    }, panel);
    await page.goto('/?seed=1');
    await expect(fallback(page, panel)).toContainText('The rest of the lab keeps working.');
    await expect(page.locator('[role="alert"][data-boundary]')).toHaveCount(1);
    await expect(hex(page, 'westeurope')).toHaveAccessibleName('West Europe (westeurope): replica, Ready');
    if (panel !== 'console') await consoleStillWorks(page);
    expect(pageErrors).toEqual([]);
  });
}

test('the root boundary catches what no panel boundary does, and Try again restores the lab', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(() => {
    window.__labCrash = 'app';
  });
  await page.goto('/?seed=1');
  const panel = fallback(page, 'app');
  await expect(panel).toContainText('The lab hit a problem: Simulated failure in the app panel.');
  await expect(panel.getByRole('button', { name: 'Reload' })).toBeVisible();
  await page.evaluate(() => {
    delete window.__labCrash;
  });
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(hex(page, 'westeurope')).toHaveAccessibleName('West Europe (westeurope): replica, Ready');
  expect(pageErrors).toEqual([]);
});
