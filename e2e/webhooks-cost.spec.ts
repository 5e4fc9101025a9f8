import { expect, test, type } from './fixtures';

test('webhooks in two regions each deliver a push; the cost tab shows billed storage and transfer', async ({
  dashboard: page,
}) => {
  // The empty state offers the create command.
  await page.getByRole('tab', { name: 'Webhooks' }).click();
  await expect(page.getByRole('button', { name: 'Run in console' })).toBeVisible();

  await type(
    page,
    'az acr webhook create -r myregistry -n hookeast --uri https://example.com/hook --actions push --location eastus',
  );
  await type(
    page,
    'az acr webhook create -r myregistry -n hookwest --uri https://example.com/hook --actions push --location westeurope',
  );
  await type(page, 'docker build -t myregistry.azurecr.io/app:v7 --size 50MB .');
  await type(page, 'docker push myregistry.azurecr.io/app:v7');
  const consoleArea = page.getByRole('region', { name: 'Console' });
  await expect(consoleArea).toContainText(/v7: digest: sha256:/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();

  await page.getByRole('tab', { name: 'Webhooks' }).click();
  const deliveries = page.getByRole('list', { name: 'Webhook deliveries' }).getByRole('listitem');
  await expect(deliveries).toHaveCount(2);
  await expect(deliveries.first()).toContainText('app:v7');
  await expect(deliveries.first()).toContainText(/delivered 200/);
  await deliveries.first().getByText('Payload').click();
  await expect(deliveries.first().locator('pre')).toContainText('"action": "push"');

  await page.getByRole('checkbox', { name: 'Group duplicates' }).check();
  const groups = page.getByRole('list', { name: 'Delivery groups' }).getByRole('listitem');
  await expect(groups).toHaveCount(1);
  await expect(groups.first()).toContainText(/2 deliveries for one push \(eastus, westeurope\)/);

  await page.getByRole('tab', { name: 'Cost' }).click();
  const summary = page.getByTestId('storage-summary');
  await expect(summary).toContainText('2 replicas');
  const text = (await summary.textContent()) ?? '';
  const m = /Used ([\d.]+)\s*(\w+).*billed ([\d.]+)\s*(\w+)/.exec(text);
  expect(m).not.toBeNull();
  expect(m![2]).toBe(m![4]);
  expect(Number(m![3])).toBeCloseTo(2 * Number(m![1]), 1);
  const cell = page.locator('td[data-from="eastus"][data-to="westeurope"]');
  await expect(cell).not.toHaveText(/^0\s*B$/);
  expect(Number.parseFloat((await cell.textContent()) ?? '0')).toBeGreaterThan(0);

  // Prices only as the user's assumptions.
  await expect(page.getByTestId('cost-estimate')).toHaveCount(0);
  await page.getByLabel('Price per GiB-month storage').fill('0.1');
  await expect(page.getByTestId('cost-estimate')).toContainText('Based on your assumptions');
});
