import { expect, hex, test, type } from './fixtures';
import type { Page } from '@playwright/test';

/** Starts a replica in Japan East and lets it become Ready (something a restore must bring back). */
async function addJapanReplica(page: Page) {
  await type(page, 'az acr replication create -r myregistry -l japaneast');
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): replica, Ready');
}

async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^Session/ }).click();
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  await page.keyboard.press('Escape');
  return link;
}

test('a reload restores the session exactly: the world, the clock and the log', async ({
  dashboard: page,
}) => {
  await addJapanReplica(page);
  await page.getByRole('button', { name: /^Pause/ }).click();
  // Autosave runs every two seconds; wait until it holds the paused session with the replica.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('acr-lab:session') ?? ''))
    .toMatch(/japaneast.*"playing":false/);
  const clock = await page.locator('.scrubber__time').textContent();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Regions map' })).toBeVisible();
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): replica, Ready');
  await expect(page.getByRole('status').filter({ hasText: 'Welcome back' })).toBeVisible();
  await expect(page.locator('.scrubber__time')).toHaveText(clock!);
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();
  expect(page.url()).not.toContain('seed=');
  // The restored commands are the console's history.
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText(
    'session restored: 1 command',
  );
  const input = page.getByRole('textbox', { name: 'Console' });
  await input.focus();
  await input.press('ArrowUp');
  await expect(input).toHaveValue('az acr replication create -r myregistry -l japaneast');
});

test('a share link round trip opens the same session in a fresh browser', async ({
  dashboard: page,
  browser,
}) => {
  await addJapanReplica(page);
  const link = await shareLink(page);
  expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
  const other = await browser.newPage();
  await other.goto(link);
  await expect(other.getByRole('group', { name: 'Regions map' })).toBeVisible();
  await expect(hex(other, 'japaneast')).toHaveAccessibleName(/japaneast\): replica, Ready/);
  await expect(other.getByRole('status').filter({ hasText: 'Opened the shared session' })).toBeVisible();
  expect(other.url()).not.toContain('#s=');
  await other.close();
});

test('a corrupted link is refused with an alert, and the lab still works', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#s=eJyrVkrOz0ktyy8tTi1WslIqS8wpTgWy8-1');
  await expect(page.getByRole('alert').filter({ hasText: 'The shared link was refused' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Regions map' })).toBeVisible();
  await type(page, 'az acr replication list -r myregistry -o table');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('westeurope');
  expect(errors).toEqual([]);
});

test('unreadable saved data: the lab starts clean, says so, and offers the data for download', async ({
  page,
}) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('acr-lab:session', '{"format":"acr-lab-session","version":2,"log":[{"t":-5}]');
    }
  });
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toBeVisible();
  const download = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Download the unreadable data' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('acr-lab-unreadable-session.json');
  // Nothing is overwritten while the notice is up.
  await page.waitForTimeout(2_500);
  expect(await page.evaluate(() => localStorage.getItem('acr-lab:session'))).toContain('"t":-5');
  await expect(hex(page, 'westeurope')).toHaveAccessibleName(/replica, Ready/);
});

test('scrubbing back rebuilds the past; a command there forks, and the old future can be switched back to', async ({
  dashboard: page,
}) => {
  await addJapanReplica(page);
  await page.getByRole('button', { name: /^Pause/ }).click();
  const slider = page.getByRole('slider', { name: 'Rewind' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): available');
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
  await type(page, 'sim outage start --region westeurope');
  await expect(page.getByRole('status').filter({ hasText: /Branched at/ })).toBeVisible();
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): available');
  await page.getByRole('button', { name: 'Switch to it' }).click();
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): replica, Ready');
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Branched at/ })).toHaveCount(0);
});

test('importing a bad session file is refused and the session stays as it was', async ({
  dashboard: page,
}) => {
  await addJapanReplica(page);
  await page.getByRole('button', { name: /^Session/ }).click();
  await page.getByLabel('Import session file', { exact: true }).setInputFiles({
    name: 'evil.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"__proto__":{"polluted":true},"format":"acr-lab-session","version":2}'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'evil.json was not imported' })).toBeVisible();
  expect(await page.evaluate(() => ({}) as Record<string, unknown>).then((o) => o.polluted)).toBeUndefined();
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): replica, Ready');
});

test('if the engine worker crashes, the lab restarts it and replays the session', async ({
  dashboard: page,
}) => {
  await addJapanReplica(page);
  const worker = page.workers()[0]!;
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated engine crash');
    });
  });
  await expect(page.getByRole('alert').filter({ hasText: 'restarted' })).toBeVisible();
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): replica, Ready');
  await type(page, 'az acr replication list -r myregistry -o table');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('japaneast');
});

test('a link pasted into an open lab is validated first: a bad one is refused and nothing changes', async ({
  dashboard: page,
}) => {
  await addJapanReplica(page);
  await page.evaluate(() => (location.hash = '#s=AAAA'));
  await expect(page.getByRole('alert').filter({ hasText: 'The shared link was refused' })).toContainText(
    'Your current session is unchanged',
  );
  expect(page.url()).not.toContain('#s=');
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): replica, Ready');
});

test('rewinding to before a client was chosen shows that world’s client in the prompt', async ({
  dashboard: page,
}) => {
  await type(page, 'sim client add tokyo --location japaneast');
  await type(page, 'sim client use tokyo');
  const prompt = page.locator('.console-prompt');
  await expect(prompt).toHaveText('tokyo$');
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  await page.getByRole('button', { name: /^Pause/ }).click();
  await page.getByRole('slider', { name: 'Rewind' }).focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
  await expect(prompt).toHaveText('dev$');
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(prompt).toHaveText('tokyo$');
  // A command typed in the past runs as, and is echoed for, the client of the world shown.
  await page.getByRole('slider', { name: 'Rewind' }).focus();
  await page.keyboard.press('Home');
  await expect(prompt).toHaveText('dev$');
  await type(page, 'sim time');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('dev$ sim time');
});
