import { expect, test, type } from './fixtures';

test('a replica whose lag exists in one minute only still shows on the lag chart', async ({
  dashboard: page,
}) => {
  const consoleArea = page.getByRole('region', { name: 'Console' });
  await type(page, 'docker build -t myregistry.azurecr.io/big:v1 --size 2GB --layers 4 .');
  await expect(consoleArea).toContainText('Successfully tagged myregistry.azurecr.io/big:v1');
  await type(page, 'docker push myregistry.azurecr.io/big:v1');
  await expect(consoleArea).toContainText(/v1: digest: sha256:/, { timeout: 30_000 });
  await type(page, 'sim wait replicated myregistry.azurecr.io/big:v1');
  await expect(consoleArea).toContainText(/big:v1 is sha256:\w+ on all 2 replicas/, { timeout: 30_000 });
  await type(page, 'sim advance 3m');
  await expect(consoleArea).toContainText(/# time is now/);

  await page.getByRole('tab', { name: 'Charts' }).click();
  const lag = page.getByRole('figure', { name: /Replication lag/ });
  // The lone minute with a lag value is a marker on the plot (a path `M x y` alone draws nothing), in
  // West Europe's colour.
  const dot = lag.locator('svg circle');
  await expect(dot).toHaveCount(1);
  await expect(dot).toBeVisible();
  await expect(dot).toHaveAttribute('fill', '#22c55e');
  const box = await dot.boundingBox();
  expect(box!.width).toBeGreaterThan(3);
  // The description says when that value was, as the plot does.
  await expect(
    lag.getByRole('img', { name: /West Europe: latest \d+s \(at \d\d:\d\d\), peak \d+s/ }),
  ).toBeAttached();

  // No 429s: the axis is 0, 1, 2 (it read 0, 1, 1).
  const throttled = page.getByRole('figure', { name: '429 responses per minute' });
  await expect(throttled.locator('text.chart__axis')).toHaveText([
    '0',
    '1',
    '2',
    /^\d\d:\d\d$/,
    /^\d\d:\d\d$/,
  ]);
});

test('keyboard users can focus the Charts panel and scroll it', async ({ dashboard: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // Some replication, so the lag chart is drawn too (not its one-line empty text).
  const consoleArea = page.getByRole('region', { name: 'Console' });
  await type(page, 'docker build -t myregistry.azurecr.io/app:v2 --size 20MB .');
  await expect(consoleArea).toContainText('Successfully tagged myregistry.azurecr.io/app:v2');
  await type(page, 'docker push myregistry.azurecr.io/app:v2');
  await expect(consoleArea).toContainText(/v2: digest: sha256:/, { timeout: 30_000 });
  await type(page, 'sim wait replicated myregistry.azurecr.io/app:v2');
  await expect(consoleArea).toContainText(/app:v2 is sha256:\w+ on all 2 replicas/, { timeout: 30_000 });
  const tab = page.getByRole('tab', { name: 'Charts' });
  await tab.click();
  await expect(tab).toBeFocused();
  const charts = page.getByRole('region', { name: 'Charts' });
  await expect(charts.getByRole('figure', { name: /Replication lag/ }).getByRole('img')).toBeAttached();
  // The panel overflows at this size (three charts under the header and legend).
  const overflow = await charts.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(overflow).toBeGreaterThan(0);

  await page.keyboard.press('Tab');
  await expect(charts).toBeFocused();
  // A visible focus ring.
  const outline = await charts.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: Number.parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);

  const scrollTop = () => charts.evaluate((el) => el.scrollTop);
  expect(await scrollTop()).toBe(0);
  await page.keyboard.press('ArrowDown');
  await expect.poll(scrollTop).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  await expect.poll(scrollTop).toBe(0);
  await page.keyboard.press('PageDown');
  await expect.poll(scrollTop).toBeGreaterThan(0);
  await expect(charts.getByRole('figure', { name: /Replication lag/ })).toBeInViewport();
});

test('an invalid price in the Cost view is explained at its field and left out of the estimate', async ({
  dashboard: page,
}) => {
  await page.getByRole('tab', { name: 'Cost' }).click();
  const storage = page.getByLabel('Price per GiB-month storage');
  const transfer = page.getByLabel('Price per GiB transfer');

  await storage.fill('-5');
  await expect(storage).toHaveAttribute('aria-invalid', 'true');
  await expect(storage).toHaveAccessibleDescription(/'-5' is not a price/);
  await expect(page.getByText(/'-5' is not a price/)).toBeVisible();
  await expect(page.getByTestId('cost-estimate')).toHaveCount(0);
  await expect(page.getByTestId('cost-no-estimate')).toHaveText(/No estimate: storage not estimated/);

  // A valid transfer price gives an estimate of transfer only, which says storage is left out.
  await transfer.fill('0.1');
  await expect(transfer).not.toHaveAttribute('aria-invalid', 'true');
  const estimate = page.getByTestId('cost-estimate');
  await expect(estimate).toContainText('transfer so far');
  await expect(estimate).not.toContainText('storage 0');
  await expect(estimate).toContainText('storage not estimated: its price is not valid');

  await storage.fill('1e308');
  await expect(storage).toHaveAccessibleDescription(/'1e308'/);
  await expect(estimate).toContainText('storage not estimated');

  // Fixed: the message goes and the estimate has both parts.
  await storage.fill('0.1');
  await expect(storage).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/is not a price/)).toHaveCount(0);
  await expect(estimate).toContainText(/storage [\d.]+ per month; transfer so far/);
  await expect(estimate).not.toContainText('not estimated');
});
