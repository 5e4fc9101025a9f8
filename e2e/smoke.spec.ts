import { expect, test } from '@playwright/test';

test('the engine view shows the demo world and advances it', async ({ page }) => {
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));

  await page.goto('/');
  await expect(page).toHaveTitle('ACR Geo-Replication Lab');
  await expect(page.getByRole('heading', { level: 1, name: 'ACR Geo-Replication Lab' })).toBeVisible();

  const replicas = page.getByRole('table', { name: 'Replicas of myregistry' });
  await expect(replicas.getByRole('row')).toHaveCount(3);
  await expect(replicas.getByRole('row', { name: /eastus \(home\)/ })).toContainText('Ready');
  await expect(replicas.getByRole('row', { name: /westeurope/ })).toContainText('web:v1');

  const clock = page.getByRole('status', { name: 'Simulated time' }).or(page.getByLabel('Simulated time'));
  const before = await clock.textContent();
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  await expect(clock).not.toHaveText(before ?? '');

  await page.getByRole('button', { name: 'Push a new image from dev' }).click();
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText('push.committed');
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText('replication.applied');

  expect(pageErrors.map((error) => error.message)).toEqual([]);
});
