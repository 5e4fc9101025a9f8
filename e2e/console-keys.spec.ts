import type { Page } from '@playwright/test';
import { expect, startHere, test, type } from './fixtures';

function consoleInput(page: Page) {
  return page.getByRole('textbox', { name: 'Console' });
}

function consoleLog(page: Page) {
  return page.getByRole('log', { name: 'Console output' });
}

test('after Tab lists several matches, typing goes on at the caret', async ({ dashboard: page }) => {
  const input = consoleInput(page);
  await input.click();
  await page.keyboard.type('az acr rep');
  await page.keyboard.press('Tab');
  // Both candidates are listed and the line is unchanged.
  await expect(consoleLog(page)).toContainText(/replication\s+repository/);
  await expect(input).toHaveValue('az acr rep');
  // Real key presses, one at a time: each must land at the end of the line.
  await page.keyboard.type('lication list');
  await expect(input).toHaveValue('az acr replication list');
  // Still right after another Tab that changes nothing, and after moving the caret by hand.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('sim c');
  await page.keyboard.press('Tab');
  await expect(consoleLog(page)).toContainText(/client\s+.*config/);
  await page.keyboard.press('Home');
  await page.keyboard.type('x');
  await expect(input).toHaveValue('xsim c');
});

test('the Speed slider moves one rung of the speed ladder per arrow key', async ({ dashboard: page }) => {
  const slider = page.getByRole('slider', { name: 'Speed' });
  await slider.focus();
  await expect(slider).toHaveAttribute('aria-valuetext', '60×');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '120×');
  await page.keyboard.press('ArrowUp');
  await expect(slider).toHaveAttribute('aria-valuetext', '300×');
  await page.keyboard.press('ArrowDown');
  await expect(slider).toHaveAttribute('aria-valuetext', '120×');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', '30×');
  // Home, End and the page keys still work as on any slider.
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', '3600×');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '3600×');
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuetext', '1×');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', '1×');
  await page.keyboard.press('PageUp');
  await expect(slider).not.toHaveAttribute('aria-valuetext', '1×');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '2×');
});

test('] does not lower a speed above the top of the ladder', async ({ dashboard: page }) => {
  await type(page, 'sim speed 36000');
  const slider = page.getByRole('slider', { name: 'Speed' });
  await expect(slider).toHaveAttribute('aria-valuetext', '36000×');
  // The keys act on the page, away from any text field.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  // Give the key time to act (a wrong answer would show at once), then check.
  await page.waitForTimeout(300);
  await expect(slider).toHaveAttribute('aria-valuetext', '36000×');
  await page.keyboard.press('[');
  await expect(slider).toHaveAttribute('aria-valuetext', '3600×');
});

test('sim pause, play and speed in the dashboard do not say the clock only runs in the dashboard', async ({
  dashboard: page,
}) => {
  const log = consoleLog(page);
  await type(page, 'sim pause');
  await expect(log).toContainText('# paused');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await type(page, 'sim speed 600');
  await expect(log).toContainText('# speed 600×');
  await type(page, 'sim play');
  await expect(log).toContainText('# playing');
  await expect(log).not.toContainText('live clock only runs');
  // The seed of a running dashboard world changes through the page's address, not the runner.
  await type(page, 'sim seed 7');
  await expect(log).toContainText('?seed=N');
  await expect(log).not.toContainText('pass --seed to the runner');
});

test('--help on the console’s own words and help on a command with its arguments', async ({
  dashboard: page,
}) => {
  const log = consoleLog(page);
  await type(page, 'jobs --help');
  await expect(log).toContainText('jobs: List background jobs and whether they are still running.');
  await type(page, 'clear -h');
  await expect(log).toContainText('clear: Clear the console output');
  await type(page, 'help sim outage on');
  await expect(log).toContainText('Usage: sim outage');
  await expect(log).not.toContainText('Type a command, or "help" to list them.');
  await expect(log).not.toContainText('the following arguments are required');
});

test('the scenario player’s checkpoint tally is set apart from its heading', async ({ dashboard: page }) => {
  const panel = await startHere(page);
  await panel.getByRole('button', { name: 'Run step' }).click();
  const heading = panel.getByRole('heading', { level: 4, name: /commands and checkpoints/i });
  await expect(heading).toHaveAccessibleName(/^commands and checkpoints\s*,\s*2\/2 held$/i, {
    timeout: 20_000,
  });
  // What is read or copied from the page keeps them apart too.
  expect(await heading.innerText()).toMatch(/^commands and checkpoints\s*,\s*2\/2 held$/i);
  const gap = await heading.evaluate((h) => {
    const [title, tally] = [...h.children] as HTMLElement[];
    const a = title!.getBoundingClientRect();
    const b = tally!.getBoundingClientRect();
    // On one line: the space between them; wrapped: the tally starts a line of its own.
    return Math.abs(a.top - b.top) < 4 ? b.left - a.right : Infinity;
  });
  expect(gap).toBeGreaterThanOrEqual(8);
});
