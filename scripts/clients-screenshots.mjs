// Screenshots of the Clients tab, the cluster pins and the hexagon menu (dark and light) at 1280×720.
// Run against `npx vite preview --port 4191 --strictPort`: node scripts/clients-screenshots.mjs
import { chromium } from '@playwright/test';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
async function type(page, line) {
  const input = page.getByRole('textbox', { name: 'Console' });
  await input.fill(line);
  await input.press('Enter');
  await page.waitForTimeout(250);
}
for (const theme of ['dark', 'light']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto('http://localhost:4191/?seed=1');
  await page.getByRole('group', { name: 'Regions map' }).waitFor();
  for (const l of [
    'sim client add paris --location francecentral',
    'sim client add tokyo --location japaneast --dns no-cache',
    'sim cluster add aks-weu --location westeurope',
    'kubectl --context aks-weu create deployment web --image=myregistry.azurecr.io/web:v1 --replicas=3',
    'sim cluster add aks-jp --location japaneast',
    'kubectl --context aks-jp create deployment api --image=myregistry.azurecr.io/nope:v1 --replicas=2',
    'sim advance 1m',
  ])
    await type(page, l);
  if (theme === 'light') {
    const t = page.getByRole('button', { name: /theme/i });
    if (await t.count()) await t.first().click();
  }
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `screenshots/clients-${theme}.png` });
  await page.getByRole('list', { name: 'Clusters' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `screenshots/clusters-${theme}.png` });
  await page.getByRole('tab', { name: 'Region' }).click();
  const hexb = page
    .getByRole('group', { name: 'Regions map' })
    .getByRole('button', { name: /\(westeurope\):/ });
  await hexb.focus();
  await page.keyboard.press('Shift+F10');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `screenshots/hex-menu-${theme}.png` });
  await page.close();
}
await browser.close();
