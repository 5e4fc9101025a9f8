/**
 * Screenshots of the panels' dev page in both themes, for reviewing the look by eye.
 * Needs `npx vite --port 5198` running. Run: `npx tsx scripts/panels-screenshots.ts`.
 */
import { chromium, type Page } from '@playwright/test';

const BASE = process.env.PANELS_URL ?? 'http://localhost:5198/panels-dev.html';
const OUT = 'screenshots';

async function run(page: Page, line: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Console' });
  await input.fill(line);
  await input.press('Enter');
  // Wait for the prompt to be free again (background lines never hold it).
  await page.waitForFunction(() => !document.querySelector('.console-busy'), undefined, { timeout: 20_000 });
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  for (const theme of ['dark', 'light'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${BASE}?theme=${theme}`);
    await page.getByRole('textbox', { name: 'Console' }).waitFor();
    await run(page, 'docker build -t myregistry.azurecr.io/app:v2 --size 300MB .');
    await run(page, 'docker push myregistry.azurecr.io/app:v2');
    await run(page, 'sim client add paris --location francecentral');
    await run(page, 'sim client use paris');
    await run(page, 'az acr login -n myregistry');
    await run(page, 'docker pull myregistry.azurecr.io/app:v3');
    await page.getByRole('button', { name: /Simulate a panel click/ }).click();
    await page.waitForFunction(() => !document.querySelector('.console-busy'));
    const input = page.getByRole('textbox', { name: 'Console' });
    await input.fill('az acr re');
    await input.press('Tab');
    await page.waitForTimeout(300);
    await page.getByRole('list', { name: 'Event log' }).getByRole('button').first().click();
    await input.focus();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${OUT}/panels-${theme}.png` });
    // Requests visible, one region.
    await page.getByRole('checkbox', { name: 'Hide requests' }).uncheck();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${OUT}/panels-${theme}-requests.png` });
    console.log(theme, errors.length === 0 ? 'no page errors' : errors);
    await page.close();
  }
  await browser.close();
}

void main();
