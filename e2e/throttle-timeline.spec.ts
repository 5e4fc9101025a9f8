import { expect, hex, test, type } from './fixtures';

test('a load shows on the throttle gauge and the timeline; an outage marks detection and DNS updates', async ({
  dashboard: page,
}) => {
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await type(
    page,
    'sim load start fleet --location westeurope --pulls-per-minute 5000 --image myregistry.azurecr.io/web:v1',
  );
  await expect(timeline.locator('[data-kind="load.started"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();

  await hex(page, 'westeurope').click();
  const reads = page.getByRole('meter', { name: 'Reads per minute' });
  await expect(reads).toBeVisible();
  await expect
    .poll(async () => Number(await reads.getAttribute('aria-valuenow')), { timeout: 10_000 })
    .toBeGreaterThan(0);

  // Clicking a timeline mark selects its region and goes back to that moment (SPEC 8: the
  // timeline of faults and events can be scrubbed back).
  await hex(page, 'eastus').click();
  await page.getByRole('button', { name: /^Pause/ }).click();
  const mark = timeline.locator('[data-kind="load.started"]');
  const markTime = ((await mark.getAttribute('aria-label')) ?? '').slice(0, 8);
  await mark.click();
  await expect(page.getByRole('heading', { name: /West Europe/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
  await expect(page.locator('.scrubber__time')).toContainText(`${markTime} /`);
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeHidden();

  await type(page, 'sim outage westeurope on');
  await type(page, 'sim advance 5m');
  await expect(timeline.locator('[data-kind="outage.start"]')).toHaveCount(1);
  await expect(timeline.locator('[data-kind="health.detected"]').first()).toBeAttached();
  await expect(timeline.locator('[data-kind="dns.updated"]').first()).toBeAttached();
  const log = page.getByRole('list', { name: 'Event log' });
  await expect(log).toContainText(/detected/i);
  await expect(log).toContainText(/DNS/i);
});

test('the charts tab shows requests, 429s and lag per replica with a text alternative', async ({
  dashboard: page,
}) => {
  await type(
    page,
    'sim load start fleet --location westeurope --pulls-per-minute 5000 --image myregistry.azurecr.io/web:v1',
  );
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page.getByRole('tab', { name: 'Charts' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('figure', { name: 'Requests accepted per minute' })).toBeVisible();
  await expect(page.getByRole('figure', { name: '429 responses per minute' })).toBeVisible();
  await expect(page.getByRole('figure', { name: /Replication lag/ })).toBeVisible();
  await expect(
    page.getByRole('img', { name: /Requests accepted per minute\. .*West Europe: latest [^;]*, peak [1-9]/ }),
  ).toBeAttached();
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('list', { name: 'Event log' })).toBeVisible();
});
