import { expect, test } from '@playwright/test';

test('the app shell loads without page errors', async ({ page }) => {
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));

  await page.goto('/');

  await expect(page).toHaveTitle('ACR Geo-Replication Lab');
  await expect(page.getByRole('heading', { level: 1, name: 'ACR Geo-Replication Lab' })).toBeVisible();
  expect(pageErrors.map((error) => error.message)).toEqual([]);
});
