import type { Locator, Page } from '@playwright/test';
import { expect, hex, test, type } from './fixtures';

/** Stops the clock, so the steps below decide how much simulated time passes. */
async function pause(page: Page) {
  await page.getByRole('button', { name: /^Pause/ }).click();
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();
}

/** Types a line and waits until the console has finished it (it no longer shows it running). */
async function run(page: Page, line: string) {
  await type(page, line);
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText(line);
  await expect(page.locator('.console-busy')).toHaveCount(0);
}

/** Nothing in `el` is cut off sideways: it is no wider than its box, and inside `within`. */
async function fullyShown(el: Locator, within: Locator) {
  const box = await within.boundingBox();
  const own = await el.boundingBox();
  expect(box && own, 'both are laid out').toBeTruthy();
  expect(own!.x).toBeGreaterThanOrEqual(box!.x - 0.5);
  expect(own!.x + own!.width).toBeLessThanOrEqual(box!.x + box!.width + 0.5);
  const { scroll, client } = await el.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(scroll, 'no clipped overflow').toBeLessThanOrEqual(client + 1);
}

const regionPanel = (page: Page, name: string) => page.getByRole('region', { name: `Region ${name}` });

test('pending replication moves while a transfer runs, though the transfer sends no events', async ({
  dashboard: page,
}) => {
  await run(page, 'docker build -t myregistry.azurecr.io/big:v1 --size 2GB .');
  await hex(page, 'westeurope').click();
  await type(page, 'docker push myregistry.azurecr.io/big:v1');
  // Queued behind the push: the copy to West Europe (about 80 simulated seconds) then runs at 1×,
  // slow enough to watch it move however busy the machine is.
  await type(page, 'sim speed 1');
  const pending = page.getByRole('list', { name: 'Pending replication' });
  const percent = async () => /transferring (\d+)%/.exec((await pending.textContent()) ?? '')?.[1];
  await expect.poll(percent, { timeout: 60_000 }).toBeDefined();
  const first = await percent();
  // Still transferring, and further along than when it first showed.
  await expect
    .poll(async () => Number((await percent()) ?? -1), { timeout: 15_000 })
    .toBeGreaterThan(Number(first));
});

test('the Clients tab shows each client location in full', async ({ dashboard: page }) => {
  await run(page, 'sim client add build-agent-03 --location southcentralus');
  await run(page, 'sim client add ci-germany --location germanywestcentral');
  await page.getByRole('tab', { name: 'Clients' }).click();
  for (const [name, location] of [
    ['build-agent-03', 'southcentralus'],
    ['ci-germany', 'germanywestcentral'],
  ] as const) {
    const row = page.getByRole('listitem', { name: `Client ${name}` });
    const where = row.getByText(`at ${location}`, { exact: true });
    await expect(where).toBeVisible();
    await fullyShown(row.locator('.client-head'), row);
    await fullyShown(where, row.locator('.client-head'));
  }
  await page
    .getByRole('region', { name: 'Clients and clusters' })
    .screenshot({ path: test.info().outputPath('clients.png') });
});

test('Network rows keep their address figures in view with long names', async ({ dashboard: page }) => {
  const subnetName = 'corp-hub-westeurope-pe-subnet-01';
  await run(page, `sim network subnet add ${subnetName} --prefix /28`);
  await run(
    page,
    `sim network private-endpoint add acr-pe-westeurope-prod --registry myregistry --subnet ${subnetName}`,
  );
  await page.getByRole('tab', { name: 'Network' }).click();
  const panel = page.getByRole('region', { name: 'Network', exact: true });
  const subnet = panel.getByRole('listitem', { name: `Subnet ${subnetName}` });
  await expect(subnet.getByTestId('used')).toHaveText('5 used');
  await fullyShown(subnet.locator('.net-head'), subnet);
  await fullyShown(subnet.locator('.net-figures'), subnet);
  const pe = panel.getByRole('listitem', { name: 'Private endpoint acr-pe-westeurope-prod' });
  await fullyShown(pe.locator('.net-head'), pe);
  await fullyShown(pe.getByText(`myregistry in ${subnetName}`), pe);
  // The subnet dropdown of "Add private endpoint" is wide enough for the subnet's name.
  const select = panel.getByRole('form', { name: 'Add private endpoint' }).getByRole('combobox');
  await expect(select).toHaveValue(subnetName);
  const fits = await select.evaluate((el) => {
    const s = el as HTMLSelectElement;
    const style = getComputedStyle(s);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = ctx.measureText(s.selectedOptions[0]!.text).width;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return { text, room: s.clientWidth - padding - 16 /* the arrow */ };
  });
  expect(fits.text).toBeLessThanOrEqual(fits.room);
  await panel.screenshot({ path: test.info().outputPath('network.png') });
});

test('after an outage ends the Region tab says the replica waits for failback, as the hexagon does', async ({
  dashboard: page,
}) => {
  await pause(page);
  await hex(page, 'westeurope').click();
  await page.getByRole('button', { name: 'Region outage' }).click();
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  await page.getByRole('button', { name: 'End region outage' }).click();
  await expect(hex(page, 'westeurope')).not.toHaveAccessibleName(/outage/);
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  await expect(hex(page, 'westeurope')).toHaveAccessibleName(/replica, Ready, waiting for failback/);
  const state = regionPanel(page, 'West Europe').locator('.state');
  await expect(state).toHaveText('Replica · Ready · waiting for failback');
});

test('a Standard registry is not offered a replica: the panel names the upgrade', async ({
  dashboard: page,
}) => {
  await run(page, 'az acr delete -n myregistry --yes');
  await run(page, 'az acr create -n newreg12 -g rg -l australiaeast --sku Standard');
  await hex(page, 'westeurope').click();
  const panel = regionPanel(page, 'West Europe');
  await expect(panel).toContainText('geo-replication needs the Premium SKU');
  await expect(panel).toContainText('az acr update -n newreg12 --sku Premium');
  await expect(panel.getByRole('button', { name: /^Create replica/ })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Region outage' })).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('standard.png') });
});

test('no regional sign-in while regional endpoints are off, and only the region outage while Deleting', async ({
  dashboard: page,
}) => {
  await pause(page);
  await hex(page, 'westeurope').click();
  const actions = regionPanel(page, 'West Europe').getByRole('group', { name: 'Region actions' });
  await expect(actions.getByRole('button', { name: 'Sign in to regional endpoint' })).toBeVisible();
  await run(page, 'az acr update -n myregistry --regional-endpoints disabled');
  await expect(actions.getByRole('button', { name: 'Sign in to regional endpoint' })).toHaveCount(0);
  await expect(actions.getByRole('button', { name: 'Registry outage' })).toBeVisible();

  await actions.getByRole('button', { name: 'Delete replica' }).click();
  await expect(hex(page, 'westeurope')).toHaveAccessibleName(/replica, Deleting/);
  await expect(actions.getByRole('button')).toHaveText(['Region outage']);
});

test('creating or deleting a replica from the keyboard keeps focus in the Region panel', async ({
  dashboard: page,
}) => {
  await pause(page);
  const onBody = () => page.evaluate(() => document.activeElement === document.body);
  await hex(page, 'japaneast').click();
  const created = regionPanel(page, 'Japan East').getByRole('group', { name: 'Region actions' });
  const create = created.getByRole('button', { name: 'Create replica in Japan East' });
  await create.focus();
  await page.keyboard.press('Enter');
  await expect(hex(page, 'japaneast')).toHaveAccessibleName(/replica, Creating/);
  await expect(create).toHaveCount(0);
  // The button went away: the next action takes focus.
  await expect(created.getByRole('button', { name: 'Region outage' })).toBeFocused();
  expect(await onBody()).toBe(false);

  await hex(page, 'westeurope').click();
  const deleted = regionPanel(page, 'West Europe').getByRole('group', { name: 'Region actions' });
  await deleted.getByRole('button', { name: 'Delete replica' }).focus();
  await page.keyboard.press('Enter');
  await expect(hex(page, 'westeurope')).toHaveAccessibleName(/replica, Deleting/);
  await expect(deleted.getByRole('button')).toHaveText(['Region outage']);
  await expect(deleted.getByRole('button', { name: 'Region outage' })).toBeFocused();
  expect(await onBody()).toBe(false);
});

test('a replica stuck in Creating (B-PE-3) says so and that it must be deleted, never 100%', async ({
  dashboard: page,
}) => {
  await pause(page);
  await run(page, 'sim network subnet add snet --prefix /24');
  await run(page, 'sim network private-endpoint add pe1 --registry myregistry --subnet snet');
  await run(
    page,
    'sim identity add ops --role Reader --permission Microsoft.ContainerRegistry/registries/replications/write',
  );
  await page.getByRole('combobox', { name: 'Identity' }).selectOption('ops');
  await expect(page.locator('.identity-role')).toHaveText('Reader');
  await hex(page, 'francecentral').click();
  await page.getByRole('button', { name: 'Create replica in France Central' }).click();
  await expect(hex(page, 'francecentral')).toHaveAccessibleName(/replica, Creating \d+%/);
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  await expect(hex(page, 'francecentral')).toHaveAccessibleName(
    'France Central (francecentral): replica, Creating, stuck',
  );
  const panel = regionPanel(page, 'France Central');
  await expect(panel.locator('.state')).toHaveText('Replica · Creating · stuck');
  await expect(panel).toContainText('Stuck in Creating');
  await expect(panel).toContainText('privateLinkServiceProxies/write');
  await expect(panel).toContainText('Delete it');
  await expect(panel).not.toContainText('100%');
  await expect(panel.getByRole('progressbar')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Delete replica' })).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('stuck.png') });
});

test('a long tag reference wraps in the Content list and its digest stays in view', async ({
  dashboard: page,
}) => {
  const ref = 'myregistry.azurecr.io/team-platform/services/payments-api-gateway:2024.11.28-build.1234';
  await run(page, `docker build -t ${ref} --size 10MB .`);
  await run(page, `docker push ${ref}`);
  await hex(page, 'eastus').click();
  const panel = regionPanel(page, 'East US');
  const item = panel
    .getByRole('list', { name: 'Tags' })
    .getByRole('listitem')
    .filter({ hasText: 'payments-api-gateway' });
  await expect(item).toBeVisible();
  await fullyShown(item.locator('.digest'), item);
  await fullyShown(item.locator('.ref'), item);
  await fullyShown(item, panel);
  await fullyShown(panel, panel.locator('xpath=..'));
  await item.scrollIntoViewIfNeeded();
  const list = (await panel.getByRole('list', { name: 'Tags' }).boundingBox())!;
  await page.screenshot({
    path: test.info().outputPath('tags.png'),
    clip: { x: list.x - 20, y: list.y - 10, width: list.width + 60, height: list.height + 20 },
  });
});

test('toggle actions keep their action labels and carry no pressed state', async ({ dashboard: page }) => {
  await pause(page);
  await hex(page, 'westeurope').click();
  const actions = regionPanel(page, 'West Europe').getByRole('group', { name: 'Region actions' });
  await actions.getByRole('button', { name: 'Exclude from global routing' }).click();
  await actions.getByRole('button', { name: 'Region outage' }).click();
  await expect(actions.getByRole('button', { name: 'Re-admit to global routing' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'End region outage' })).toBeVisible();
  await expect(actions.locator('button[aria-pressed]')).toHaveCount(0);
});

test('while Creating, the panel shows the same provisioning progress as the map', async ({
  dashboard: page,
}) => {
  await pause(page);
  await hex(page, 'japaneast').click();
  await page.getByRole('button', { name: 'Create replica in Japan East' }).click();
  await expect(hex(page, 'japaneast')).toHaveAccessibleName(/replica, Creating 0%/);
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  // 60 s of 90 s provisioning.
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): replica, Creating 66%');
  const panel = regionPanel(page, 'Japan East');
  await expect(panel.getByRole('progressbar')).toHaveAttribute('value', '66');
  await expect(panel.getByRole('progressbar')).toHaveAccessibleName('Provisioning progress');
  await expect(panel).toContainText('Provisioning 66%');
});

test('a form whose command fails keeps the name and says so; success clears it', async ({
  dashboard: page,
}) => {
  await page.getByRole('tab', { name: 'Clients' }).click();
  const clients = page.getByRole('region', { name: 'Clients and clusters' });
  await clients.getByText('Add client…').click();
  const form = clients.getByRole('form', { name: 'Add client' });
  const name = form.getByRole('textbox', { name: 'Name' });
  await name.fill('dev'); // the demo's client
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Could not add client dev: a client with that name exists.',
  );
  await expect(name).toHaveValue('dev');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('ci');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(clients.getByRole('listitem', { name: 'Client ci' })).toBeVisible();
  await expect(name).toHaveValue('');

  await run(page, 'sim network subnet add snet --prefix /28');
  await page.getByRole('tab', { name: 'Network' }).click();
  const network = page.getByRole('region', { name: 'Network', exact: true });
  const subnetForm = network.getByRole('form', { name: 'Add subnet' });
  const subnet = subnetForm.getByRole('textbox', { name: 'Subnet' });
  await subnet.fill('snet');
  await subnetForm.getByRole('button', { name: 'Add subnet' }).click();
  await expect(subnetForm.getByRole('alert')).toHaveText(
    'Could not add subnet snet: a subnet with that name exists.',
  );
  await expect(subnet).toHaveValue('snet');
  await subnet.fill('snet2');
  await subnetForm.getByRole('button', { name: 'Add subnet' }).click();
  await expect(network.getByRole('listitem', { name: 'Subnet snet2' })).toBeVisible();
  await expect(subnet).toHaveValue('');

  const peForm = network.getByRole('form', { name: 'Add private endpoint' });
  const endpoint = peForm.getByRole('textbox', { name: 'Endpoint' });
  await endpoint.fill('pe1');
  await peForm.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(network.getByRole('listitem', { name: 'Private endpoint pe1' })).toBeVisible();
  await expect(endpoint).toHaveValue('');
  await endpoint.fill('pe1');
  await peForm.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(peForm.getByRole('alert')).toHaveText(
    'Could not add private endpoint pe1: a private endpoint with that name exists.',
  );
  // The tab is short at 1280×720: the message is scrolled into view, not left below the fold.
  await expect(peForm.getByRole('alert')).toBeInViewport({ ratio: 1 });
  await expect(endpoint).toHaveValue('pe1');
  await network.screenshot({ path: test.info().outputPath('network-forms.png') });
});
