import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, hex, test, type } from './fixtures';

/**
 * axe-core over the dashboard's main views, in both themes: no serious or critical violation. Every rule
 * axe runs by default is on (WCAG 2.x A/AA and best practices); none is disabled.
 */

interface Finding {
  readonly view: string;
  readonly rule: string;
  readonly impact: string;
  readonly targets: string;
}

async function audit(page: Page, view: string, findings: Finding[]): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  for (const v of violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') {
      // Moderate and minor findings are reported, not failed on.
      console.log(`[${view}] ${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      continue;
    }
    findings.push({
      view,
      rule: `${v.id}: ${v.help}`,
      impact: v.impact,
      targets: v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
        .join(' | '),
    });
  }
}

/** Gives every panel something to show: an image pushed and replicated, a webhook delivery. */
async function populate(page: Page): Promise<void> {
  await type(
    page,
    'az acr webhook create -r myregistry -n hookeast --uri https://example.com/hook --actions push --location eastus',
  );
  await type(page, 'docker build -t myregistry.azurecr.io/app:v1 --size 50MB .');
  await type(page, 'docker push myregistry.azurecr.io/app:v1');
  await expect(page.getByRole('region', { name: 'Console' })).toContainText(/v1: digest: sha256:/, {
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  // Health, DNS and client events for the event log, a second client for the Clients tab.
  await type(page, 'sim client add paris --location francecentral');
  await type(page, 'sim outage westeurope on');
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  await type(page, 'sim outage westeurope off');
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
}

for (const theme of ['dark', 'light'] as const) {
  test(`${theme} theme: no serious or critical axe violations on the main views`, async ({
    dashboard: page,
  }) => {
    test.setTimeout(120_000);
    const findings: Finding[] = [];
    if (theme === 'light') await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    await audit(page, 'dashboard at load', findings);
    await populate(page);

    await hex(page, 'westeurope').click();
    await expect(page.getByRole('tab', { name: 'Region' })).toHaveAttribute('aria-selected', 'true');
    await audit(page, 'region selected (West Europe)', findings);

    await hex(page, 'japaneast').click();
    await audit(page, 'available region selected (Japan East)', findings);

    for (const side of ['Clients', 'Network'] as const) {
      await page.getByRole('tab', { name: side }).click();
      await expect(page.getByRole('tab', { name: side })).toHaveAttribute('aria-selected', 'true');
      await audit(page, `side tab ${side}`, findings);
    }

    for (const log of ['Events', 'Charts', 'Webhooks', 'Cost'] as const) {
      await page.getByRole('tab', { name: log }).click();
      await expect(page.getByRole('tab', { name: log })).toHaveAttribute('aria-selected', 'true');
      await audit(page, `log tab ${log}`, findings);
    }

    await hex(page, 'westeurope').focus();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByRole('menu')).toBeVisible();
    await audit(page, 'hexagon context menu', findings);
    await page.keyboard.press('Escape');

    // A panel that failed to render (the ErrorBoundary fallback), through the test hook.
    await page.evaluate(() => {
      window.__labCrash = 'charts';
    });
    await page.getByRole('tab', { name: 'Charts' }).click();
    await expect(page.locator('[data-boundary="charts"]')).toBeVisible();
    await audit(page, 'panel error fallback', findings);
    await page.evaluate(() => {
      delete window.__labCrash;
    });

    await page.getByRole('button', { name: /^Session/ }).click();
    await expect(page.getByRole('button', { name: 'Export session file' })).toBeVisible();
    await audit(page, 'session menu', findings);
    await page.getByRole('button', { name: /^Session/ }).click();

    // Rewound, then a command typed in the past: the time-travel bar offers its buttons.
    await page.getByRole('button', { name: /^Pause/ }).click();
    await page.getByRole('slider', { name: 'Rewind' }).focus();
    await page.keyboard.press('Home');
    await type(page, 'sim time');
    await expect(page.getByRole('button', { name: 'Switch to it' })).toBeVisible();
    await audit(page, 'rewound with a branch', findings);

    // Lines typed while a command runs wait in a queue, opened here to show the whole list.
    await type(page, 'sim advance 1h');
    await type(page, 'sim time');
    await type(page, 'az acr replication list -r myregistry -o table');
    await page.getByText('Queued (2)').click();
    await expect(page.getByRole('list', { name: 'Queued commands' }).getByRole('listitem')).toHaveCount(2);
    await audit(page, 'console queue opened', findings);

    expect(findings.map((f) => `[${f.view}] ${f.impact} ${f.rule}: ${f.targets}`)).toEqual([]);
  });
}

test('the open map legend gives axe nothing to report, heading order included', async ({
  dashboard: page,
}) => {
  // Without the welcome card's heading, the legend's section titles follow the page's h1 directly.
  await page
    .getByRole('region', { name: 'New to the lab?' })
    .getByRole('button', { name: 'Dismiss' })
    .click();
  const legend = page.getByRole('complementary', { name: 'Map legend' });
  await legend.getByText('Legend', { exact: true }).click();
  await expect(legend.getByRole('heading', { name: 'Replicas' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('.map-legend').analyze();
  expect(
    violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});
