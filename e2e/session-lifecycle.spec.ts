import type { Page } from '@playwright/test';
import { expect, test, type } from './fixtures';

/** A scenario whose first step moves the console to a new client, `paris`. */
const PARIS_SCENARIO = {
  format: 'acr-lab-scenario/1',
  id: 'paris-client',
  title: 'Paris client',
  teaches: 'That a new session puts the player and the console away.',
  seed: 3,
  steps: [
    {
      title: 'Move to Paris',
      narrative: 'A client in France Central becomes the console’s client.',
      actions: [{ run: 'sim client add paris --location francecentral' }, { run: 'sim client use paris' }],
      regions: ['francecentral'],
      pause: false,
    },
    {
      title: 'Read the clock',
      narrative: 'Still in the same world.',
      actions: [{ run: 'sim time' }, { expect: '00:0', says: 'The clock reads as expected.' }],
      regions: [],
      pause: false,
    },
  ],
  tryThis: ['Start a new session.'],
};

const player = (page: Page) => page.locator('aside.scenario-player');
const consoleLog = (page: Page) => page.getByRole('log', { name: 'Console output' });
const prompt = (page: Page) => page.locator('.console-prompt');

/** Opens the Paris scenario (replacing the session if asked) and runs its first step. */
async function playFirstStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const picker = page.getByRole('dialog', { name: 'Scenarios' });
  await picker.getByLabel('Scenario file').setInputFiles({
    name: 'paris.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(PARIS_SCENARIO)),
  });
  const replace = picker.getByRole('button', { name: 'Replace and start' });
  await expect(player(page).or(replace)).toBeVisible();
  if (await replace.isVisible()) await replace.click();
  await player(page).getByRole('button', { name: 'Run step' }).click();
  await expect(player(page).getByRole('button', { name: 'Step ran' })).toBeVisible({ timeout: 20_000 });
  await expect(prompt(page)).toHaveText('paris$');
}

/** The player is gone and the console starts afresh in the demo world, whose client is `dev`. */
async function expectFreshStart(page: Page, banner: string | RegExp): Promise<void> {
  await expect(player(page)).toBeHidden();
  await expect(page.getByRole('group', { name: 'Regions map' })).toHaveAttribute('data-highlighted', '');
  await expect(consoleLog(page)).toContainText(banner);
  await expect(consoleLog(page)).not.toContainText('$ sim client use paris');
  await expect(prompt(page)).toHaveText('dev$');
  await type(page, 'sim time');
  await expect(consoleLog(page)).toContainText('dev$ sim time');
}

async function openSessionMenu(page: Page) {
  await page.getByRole('button', { name: /^Session/ }).click();
  return page.getByRole('group', { name: 'Session' });
}

async function shareLink(page: Page): Promise<string> {
  const menu = await openSessionMenu(page);
  await menu.getByRole('button', { name: 'Copy share link' }).click();
  const link = await menu.getByRole('textbox', { name: 'Share link' }).inputValue();
  await page.keyboard.press('Escape');
  return link;
}

/** The rewind strip's `01:02:03 / 01:02:03` → 3723 (the first clock, now). */
function seconds(clock: string | null): number {
  return (clock ?? '')
    .split(' ')[0]!
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

/** Crashes the engine worker as an uncaught error would, and waits for the lab to restart it. */
async function crashEngine(page: Page): Promise<void> {
  await page.workers()[0]!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated engine crash');
    });
  });
  await expect(page.getByRole('alert').filter({ hasText: 'restarted' })).toBeVisible();
}

test.describe('replacing the session resets the player and the console', () => {
  test('New session closes the scenario player and starts the console afresh', async ({
    dashboard: page,
  }) => {
    await playFirstStep(page);
    await expect(player(page)).toHaveAttribute('data-step', '1');
    page.once('dialog', (d) => void d.accept());
    const menu = await openSessionMenu(page);
    await menu.getByRole('button', { name: 'New session' }).click();
    await expectFreshStart(page, 'A new session: the demo world again');
  });

  test('importing a session file closes the scenario player and starts the console afresh', async ({
    dashboard: page,
  }) => {
    // The demo world as autosave keeps it: a valid session file.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('acr-lab:session') ?? '')).not.toBe('');
    const file = await page.evaluate(() => localStorage.getItem('acr-lab:session')!);
    await playFirstStep(page);
    page.once('dialog', (d) => void d.accept());
    await openSessionMenu(page);
    await page.getByLabel('Import session file', { exact: true }).setInputFiles({
      name: 'demo-session.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
    await expectFreshStart(page, 'Imported demo-session.json: 0 commands replayed');
  });

  test('a share link pasted into the open lab closes the scenario player and starts the console afresh', async ({
    dashboard: page,
  }) => {
    const link = await shareLink(page);
    await playFirstStep(page);
    page.once('dialog', (d) => void d.accept());
    await page.evaluate((hash) => (location.hash = hash), new URL(link).hash);
    await expectFreshStart(page, 'Opened the shared session from the link');
    // The scenario session it replaced is kept, and offered back.
    const notice = page.getByRole('status').filter({ hasText: 'Opened the shared session' });
    page.once('dialog', (d) => void d.accept());
    await notice.getByRole('button', { name: 'Restore my previous session' }).click();
    await expect(consoleLog(page)).toContainText('Your previous session is back');
    await expect(prompt(page)).toHaveText('paris$');
  });
});

test('opening a share link in a new page keeps the saved session, and offers it back', async ({
  dashboard: page,
}) => {
  await type(page, 'az acr replication create -r myregistry -l japaneast');
  const link = await shareLink(page);
  // More work after the link was made: it exists only in this browser's saved session.
  await type(page, 'sim client add paris --location francecentral');
  await expect(consoleLog(page)).toContainText('paris');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('acr-lab:session') ?? ''))
    .toContain('sim client add paris');
  const context = page.context();
  await page.close();

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('group', { name: 'Regions map' })).toBeVisible();
  const notice = other.getByRole('status').filter({ hasText: 'Opened the shared session' });
  await expect(notice).toContainText('Your own session (2 commands) was kept');
  // Autosave now writes the shared session; the user's own one is kept apart.
  await expect
    .poll(() => other.evaluate(() => localStorage.getItem('acr-lab:session') ?? ''))
    .not.toContain('sim client add paris');
  expect(await other.evaluate(() => localStorage.getItem('acr-lab:session-before-link'))).toContain(
    'sim client add paris',
  );
  // The notice stays until the user decides (it offers something to do).
  await other.waitForTimeout(9_000);
  await expect(notice).toBeVisible();
  // Restoring replaces what is open now (the shared session and anything typed since): it asks
  // first, and saying no changes nothing.
  await type(other, 'sim client add sydney --location australiaeast');
  let asked = '';
  other.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await notice.getByRole('button', { name: 'Restore my previous session' }).click();
  await expect.poll(() => asked).toContain('It replaces the current one');
  await expect(notice).toBeVisible();
  await type(other, 'sim client list');
  await expect(consoleLog(other)).toContainText('australiaeast');
  other.once('dialog', (d) => void d.accept());
  await notice.getByRole('button', { name: 'Restore my previous session' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Your previous session is back' })).toBeVisible();
  // The notice offering the restore is gone; nothing is left to restore.
  await expect(notice).toBeHidden();
  await type(other, 'sim client list');
  await expect(consoleLog(other)).toContainText('francecentral');
  // Restored, it is saved again as the session, and the copy kept aside is gone.
  await expect
    .poll(() => other.evaluate(() => localStorage.getItem('acr-lab:session') ?? ''))
    .toContain('sim client add paris');
  expect(await other.evaluate(() => localStorage.getItem('acr-lab:session-before-link'))).toBeNull();
  await other.close();
});

test('the share link shown in the Session menu is never out of date', async ({ dashboard: page }) => {
  const first = await shareLink(page);
  await type(page, 'sim client add paris --location francecentral');
  await expect(consoleLog(page)).toContainText('paris');
  const menu = await openSessionMenu(page);
  // The old link is not shown again; copying makes a new one with the new command in it.
  await expect(menu.getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
  await menu.getByRole('button', { name: 'Copy share link' }).click();
  const second = await menu.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(second).not.toBe(first);
  expect(second.length).toBeGreaterThan(first.length);
});

test.describe('after an engine crash', () => {
  test('only a command in flight is noted as replayed, and a paused clock stays paused', async ({
    dashboard: page,
  }) => {
    for (const line of ['sim time', 'sim status', 'sim time']) {
      await type(page, line);
      await expect(prompt(page)).toHaveText('dev$');
    }
    await type(page, 'sim pause');
    await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();
    await crashEngine(page);
    await expect(consoleLog(page)).not.toContainText('the engine restarted');
    const clock = page.locator('.scrubber__time');
    const before = await clock.textContent();
    await page.waitForTimeout(2_500);
    await expect(clock).toHaveText(before!);
    await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();
    await type(page, 'sim time');
    await expect(consoleLog(page)).toContainText('dev$ sim time');
  });

  test('the Pause button and the speed survive the restart', async ({ dashboard: page }) => {
    await page.getByRole('button', { name: '600×', exact: true }).click();
    await page.getByRole('button', { name: /^Pause/ }).click();
    await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();
    await crashEngine(page);
    const clock = page.locator('.scrubber__time');
    const before = await clock.textContent();
    await page.waitForTimeout(2_500);
    await expect(clock).toHaveText(before!);
    // Play again runs at the speed shown: 600 simulated seconds per second, not the default 60.
    await page
      .getByRole('alert')
      .filter({ hasText: 'restarted' })
      .getByRole('button', { name: 'Dismiss' })
      .click();
    await page.getByRole('button', { name: /^Play/ }).click();
    const start = seconds(await clock.textContent());
    await page.waitForTimeout(2_000);
    expect(seconds(await clock.textContent()) - start).toBeGreaterThan(600);
  });
});

test.describe('session notices', () => {
  test('information goes away by itself, not while hovered; errors stay; neither covers the console input', async ({
    dashboard: page,
  }) => {
    await shareLink(page);
    const info = page.getByRole('status').filter({ hasText: /Share link copied|did not allow copying/ });
    await expect(info).toBeVisible();
    await page.evaluate(() => (location.hash = '#s=AAAA'));
    const error = page.getByRole('alert').filter({ hasText: 'The shared link was refused' });
    await expect(error).toBeVisible();

    // Clear of the console's input row and of the side column (region panel, event list).
    const stack = (await page.locator('.session-notices').boundingBox())!;
    for (const other of [page.locator('.console-input-row'), page.locator('aside.side')]) {
      const box = (await other.boundingBox())!;
      const overlaps =
        stack.x < box.x + box.width &&
        box.x < stack.x + stack.width &&
        stack.y < box.y + box.height &&
        box.y < stack.y + stack.height;
      expect(overlaps, 'notices overlap the console input or the side column').toBe(false);
    }

    await expect(info).toBeHidden({ timeout: 12_000 });
    await expect(error).toBeVisible();

    // Hovered, an informational notice stays; it goes a few seconds after the pointer leaves.
    await shareLink(page);
    await info.hover();
    await page.waitForTimeout(9_000);
    await expect(info).toBeVisible();
    await page.mouse.move(5, 5);
    await expect(info).toBeHidden({ timeout: 12_000 });
    await expect(error).toBeVisible();
    await error.getByRole('button', { name: 'Dismiss' }).click();
    await expect(error).toBeHidden();
  });
});
