import { expect, hex, test, type } from './fixtures';

test('changing a client DNS mode from the Clients tab runs sim client dns', async ({ dashboard: page }) => {
  await page.getByRole('tab', { name: 'Clients' }).click();
  const dns = page.getByRole('combobox', { name: 'DNS mode of dev' });
  await expect(dns).toHaveValue('cache');
  await dns.selectOption('no-cache');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText(
    'sim client dns dev no-cache',
  );
  await expect(dns).toHaveValue('no-cache');
});

test('the hexagon context menu opens with Shift+F10 and toggles a region outage', async ({
  dashboard: page,
}) => {
  const westeurope = hex(page, 'westeurope');
  await westeurope.focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'West Europe actions' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  // Escape closes and focus returns to the hexagon.
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(westeurope).toBeFocused();
  // Open again, move with the arrow keys to "Region outage" and choose it.
  await page.keyboard.press('Shift+F10');
  const outage = menu.getByRole('menuitem', { name: 'Region outage' });
  for (let i = 0; i < 6 && !(await outage.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('ArrowDown');
  await expect(outage).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('sim outage westeurope on');
  await expect(westeurope).toHaveAccessibleName(/westeurope\): replica, Unavailable \(outage\)/);
  await expect(westeurope).toBeFocused();
});

test('the hover tooltip gives way to the context menu and comes back after it', async ({
  dashboard: page,
}) => {
  const westeurope = hex(page, 'westeurope');
  const tooltip = page.locator('.map-tooltip');
  await westeurope.hover();
  await expect(tooltip).toBeVisible();
  await westeurope.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'West Europe actions' });
  await expect(menu).toBeVisible();
  await expect(tooltip).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await hex(page, 'eastus').hover();
  await expect(tooltip).toBeVisible();
});

test('after a West Europe outage the Paris client is served from East US', async ({ dashboard: page }) => {
  await type(page, 'sim client add paris --location francecentral');
  await page.getByRole('tab', { name: 'Clients' }).click();
  const paris = page.getByRole('listitem', { name: 'Client paris' });
  await expect(paris).toContainText('served by westeurope');
  await type(page, 'sim outage westeurope on');
  await type(page, 'sim advance 5m');
  await expect(paris).toContainText('served by eastus');
});

test('right-clicking a hexagon opens its menu; Escape closes it', async ({ dashboard: page }) => {
  await hex(page, 'japaneast').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Japan East actions' });
  await expect(menu.getByRole('menuitem', { name: 'Create replica in Japan East' })).toBeFocused();
  await expect(menu.getByRole('menuitem')).toHaveText(['Create replica in Japan East', 'Region outage']);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
});
