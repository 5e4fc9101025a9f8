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

test('at 1024 × 768 the transfer table of five replicas scrolls sideways in its own box', async ({
  dashboard: page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('button', { name: 'Pause' }).click();
  for (const r of ['australiaeast', 'brazilsouth', 'southeastasia'])
    await type(page, `az acr replication create -r myregistry -l ${r} --no-wait`);
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  await type(page, 'docker build -t myregistry.azurecr.io/app:v8 --size 50MB .');
  await type(page, 'docker push myregistry.azurecr.io/app:v8');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('region', { name: 'Console' })).toContainText(/v8: digest: sha256:/, {
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  await page.getByRole('tab', { name: 'Cost' }).click();
  await expect(page.getByTestId('storage-summary')).toContainText('5 replicas');
  const cost = page.getByRole('region', { name: 'Cost', exact: true });
  const scroller = cost.getByRole('region', { name: 'Cross-region transfer table' });
  const table = scroller.getByRole('table', { name: 'Cross-region transfer' });
  await expect(table.getByRole('columnheader')).toHaveCount(5); // "from \ to" and four targets
  const widths = (el: Element) => ({ scroll: el.scrollWidth, client: el.clientWidth });
  // The table is wider than the column: its box scrolls, the section around it does not.
  const box = await scroller.evaluate(widths);
  expect(box.scroll).toBeGreaterThan(box.client);
  const section = await cost.evaluate(widths);
  expect(section.scroll).toBeLessThanOrEqual(section.client);
  const [sectionBox, scrollerBox] = [(await cost.boundingBox())!, (await scroller.boundingBox())!];
  expect(scrollerBox.x + scrollerBox.width).toBeLessThanOrEqual(sectionBox.x + sectionBox.width + 0.5);
  // "from \ to" stays on one line: the header row is as tall as a body row.
  const rows = table.getByRole('row');
  const headerHeight = (await rows.first().boundingBox())!.height;
  expect(headerHeight).toBeLessThanOrEqual((await rows.nth(1).boundingBox())!.height + 0.5);
  // Reached by keyboard: Tab stops on the box and the arrow keys scroll it.
  await scroller.focus();
  await expect(scroller).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('cost-1024-scrolled.png') });
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBe(0);
  await page.screenshot({ path: test.info().outputPath('cost-1024.png') });
});
