import { test as plain } from '@playwright/test';
import { expect, hex, test, type } from './fixtures';

/** Directives both the <meta> and the header must carry (the header adds frame-ancestors). */
const REQUIRED = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

function expectStrict(policy: string): void {
  for (const d of REQUIRED) expect(policy).toContain(d);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toMatch(/https?:|\*/);
}

test('the served app carries a strict Content-Security-Policy as a header and a <meta>', async ({
  request,
}) => {
  const res = await request.get('/');
  expect(res.ok()).toBe(true);
  const header = res.headers()['content-security-policy'] ?? '';
  expectStrict(header);
  expect(header).toContain("frame-ancestors 'none'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');

  const html = await res.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  expectStrict(meta);
  // The <meta> must come before any script, or it would not govern it.
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  // Nothing inline: every script has a src, no style elements or attributes.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/<style|\sstyle=/);
});

plain('the policy is enforced: an injected inline script does not run and is reported', async ({ page }) => {
  const reports: string[] = [];
  page.on('console', (m) => {
    if (/Refused to|violates the following Content Security Policy/.test(m.text())) reports.push(m.text());
  });
  await page.goto('/?seed=1');
  await expect(page.getByRole('group', { name: 'Regions map' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violated = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
        once: true,
      }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    const directive = await violated;
    return { ran: (window as { __inlineRan?: boolean }).__inlineRan === true, directive };
  });
  expect(outcome).toEqual({ ran: false, directive: expect.stringMatching(/^script-src/) });
  await expect.poll(() => reports.length).toBeGreaterThan(0);
});

test('a dashboard session requests nothing from another host', async ({ page }) => {
  const urls: string[] = [];
  page.context().on('request', (r) => urls.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?seed=1');
  await expect(page.getByRole('group', { name: 'Regions map' })).toBeVisible();

  // Webhooks point at example.com, but deliveries are simulated: nothing leaves the page.
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
  await hex(page, 'westeurope').click();
  for (const tab of ['Clients', 'Network', 'Charts', 'Webhooks', 'Cost', 'Events']) {
    await page.getByRole('tab', { name: tab }).click();
  }
  await page.getByRole('button', { name: 'Switch to light theme' }).click();

  expect(urls.length).toBeGreaterThan(3);
  const foreign = urls.filter((u) => {
    const { protocol, hostname } = new URL(u);
    if (protocol === 'data:' || protocol === 'blob:') return false;
    return hostname !== 'localhost' && hostname !== '127.0.0.1';
  });
  expect(foreign).toEqual([]);
  // The world map's shapes are served by the app itself.
  expect(urls.some((u) => u.endsWith('/world/countries-110m.json'))).toBe(true);
  expect(errors).toEqual([]);
});
