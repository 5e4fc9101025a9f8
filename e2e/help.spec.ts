import { expect, test } from './fixtures';

test('the welcome card shows on a first visit and never again once dismissed', async ({
  dashboard: page,
}) => {
  const card = page.getByRole('region', { name: 'New to the lab?' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('button', { name: 'Start here' })).toBeVisible();
  await card.getByRole('button', { name: 'Dismiss' }).click();
  await expect(card).toBeHidden();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Regions map' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scenarios' })).toBeVisible();
  await expect(card).toBeHidden();
});

test('Escape dismisses the welcome card for good', async ({ dashboard: page }) => {
  const card = page.getByRole('region', { name: 'New to the lab?' });
  await expect(card).toBeVisible();
  await page.locator('body').press('Escape');
  await expect(card).toBeHidden();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Scenarios' })).toBeVisible();
  await expect(card).toBeHidden();
});

test('Escape meant for the console or the map leaves the welcome card alone', async ({ dashboard: page }) => {
  const card = page.getByRole('region', { name: 'New to the lab?' });
  const input = page.getByRole('textbox', { name: 'Console' });
  await input.fill('az acr rep');
  await input.press('Tab');
  await input.press('Escape');
  await page.getByRole('group', { name: 'Regions map' }).getByRole('button').first().focus();
  await page.keyboard.press('Escape');
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
});

test('the tour walks through the screen, closes with Escape, and reopens from help', async ({
  dashboard: page,
}) => {
  await page.getByRole('button', { name: 'Take the tour' }).click();
  const callout = page.getByRole('dialog', { name: 'The map' });
  await expect(callout).toBeVisible();
  await expect(callout).toContainText('1 of 5');
  const titles = ['The console', 'Time', 'Panels', 'Scenarios'];
  for (const title of titles) {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('dialog', { name: title })).toBeVisible();
  }
  await expect(page.getByRole('dialog', { name: 'Scenarios' })).toContainText('Start here');
  await page.keyboard.press('Escape');
  await expect(page.locator('.tour')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Scenarios' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'New to the lab?' })).toBeHidden();
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByRole('button', { name: 'Show the tour again' }).click();
  await expect(page.getByRole('dialog', { name: 'The map' })).toBeVisible();
});

test('? opens help with the console commands and the shortcuts; Escape closes it', async ({
  dashboard: page,
}) => {
  // Typing ? in the console is just typing.
  const input = page.getByRole('textbox', { name: 'Console' });
  await input.click();
  await page.keyboard.type('?');
  await expect(input).toHaveValue('?');
  const help = page.getByRole('dialog', { name: 'Help' });
  await expect(help).toBeHidden();
  await input.fill('');

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  const commands = help.getByRole('region', { name: 'Console commands' });
  await expect(commands).toContainText('az acr replication create');
  await expect(commands).toContainText('docker push');
  await expect(commands).toContainText('sim expect');
  await expect(commands).toContainText('kubectl');
  await expect(help).toContainText('Keyboard shortcuts');
  await expect(help).toContainText('Cancel the running command');

  await help.getByRole('searchbox', { name: 'Filter commands' }).fill('outage');
  await expect(commands).toContainText('sim outage');
  await expect(commands).not.toContainText('docker push');

  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
