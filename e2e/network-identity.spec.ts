import { expect, test, type } from './fixtures';

test('the Network tab adds a subnet and a private endpoint and plans a new replica', async ({
  dashboard: page,
}) => {
  await page.getByRole('tab', { name: 'Network' }).click();
  const panel = page.getByRole('region', { name: 'Network', exact: true });
  const subnetForm = panel.getByRole('form', { name: 'Add subnet' });
  await subnetForm.getByRole('textbox', { name: 'Subnet' }).fill('pe-subnet');
  await subnetForm.getByRole('combobox', { name: 'Prefix' }).selectOption('28');
  await subnetForm.getByRole('button', { name: 'Add subnet' }).click();
  const log = page.getByRole('log', { name: 'Console output' });
  await expect(log).toContainText('sim network subnet add pe-subnet --prefix /28');
  const subnet = panel.getByRole('listitem', { name: 'Subnet pe-subnet' });
  // 2^(32−28) − 5 reserved by Azure.
  await expect(subnet.getByTestId('usable')).toHaveText('11 usable');
  await expect(subnet.getByTestId('used')).toHaveText('0 used');

  const peForm = panel.getByRole('form', { name: 'Add private endpoint' });
  await peForm.getByRole('textbox', { name: 'Endpoint' }).fill('pe1');
  await peForm.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(log).toContainText(
    'sim network private-endpoint add pe1 --registry myregistry --subnet pe-subnet',
  );
  // The demo's myregistry has 2 replicas and regional endpoints: 1 global + 2 data + 2 regional.
  await expect(subnet.getByTestId('used')).toHaveText('5 used');
  await expect(panel.getByRole('listitem', { name: 'Private endpoint pe1' })).toContainText(
    '5 addresses: 1 global + 2 data + 2 regional',
  );

  // What if a replica is added in Japan East: 1 more data + 1 more regional address, 6 free.
  await panel.getByRole('combobox', { name: 'Add a replica in' }).selectOption('japaneast');
  const plan = panel.getByRole('listitem', { name: 'Plan for pe-subnet' });
  await expect(plan).toContainText('needs 2 more, 6 free');
  await expect(plan).toContainText('fits');
  // The console's planner agrees.
  await type(page, 'sim network plan -r myregistry --add-replica japaneast');
  await expect(log).toContainText('pe-subnet: needs 2 more, 6 free → fits');
});

test('a name the console would misread is explained at the form, and no command runs', async ({
  dashboard: page,
}) => {
  const log = page.getByRole('log', { name: 'Console output' });
  await page.getByRole('tab', { name: 'Network' }).click();
  const panel = page.getByRole('region', { name: 'Network', exact: true });
  const subnetForm = panel.getByRole('form', { name: 'Add subnet' });
  const name = subnetForm.getByRole('textbox', { name: 'Subnet' });
  await name.fill('pe subnet!');
  await subnetForm.getByRole('button', { name: 'Add subnet' }).click();
  const problem = subnetForm.getByRole('alert');
  await expect(problem).toHaveText(/^A subnet name starts with a letter or digit/);
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription(/A subnet name starts with/);
  await expect(name).toHaveValue('pe subnet!'); // kept, to be corrected
  await expect(log).not.toContainText('subnet add pe subnet');
  // Correcting the name clears the message; the valid one runs.
  await name.fill('pe-subnet');
  await expect(problem).toBeHidden();
  await subnetForm.getByRole('button', { name: 'Add subnet' }).click();
  await expect(log).toContainText('sim network subnet add pe-subnet --prefix /28');

  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.getByText('Add client…').click();
  const clientForm = page.getByRole('form', { name: 'Add client' });
  await clientForm.getByRole('textbox', { name: 'Name' }).fill('build agent');
  await clientForm.getByRole('button', { name: 'Add' }).click();
  await expect(clientForm.getByRole('alert')).toHaveText(/^A client name starts with a letter or digit/);
  await expect(log).not.toContainText('client add build');
});

test('the identity switcher lists admin and a home-region outage shows the control-plane banner', async ({
  dashboard: page,
}) => {
  const identity = page.getByRole('combobox', { name: 'Identity' });
  await expect(identity).toHaveValue('admin');
  await expect(identity.getByRole('option', { name: 'admin' })).toHaveCount(1);
  await expect(page.locator('.identity-role')).toHaveText('Owner');

  await type(page, 'sim identity add reader1 --role Reader');
  await expect(identity.getByRole('option', { name: 'reader1' })).toHaveCount(1);
  await identity.selectOption('reader1');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('sim identity use reader1');
  await expect(page.locator('.identity-role')).toHaveText('Reader');

  const banner = page.getByRole('status').filter({ hasText: 'Control plane unavailable' });
  await expect(banner).toHaveCount(0);
  await type(page, 'sim outage eastus on');
  await expect(banner).toHaveText(
    'Control plane unavailable: home region eastus is down — configuration changes fail; push, pull and delete continue through other replicas',
  );
  await type(page, 'sim outage eastus off');
  await expect(banner).toHaveCount(0);
});

test('the what-if box shows regional endpoints already on, and plans enabling them when off', async ({
  dashboard: page,
}) => {
  await type(page, 'sim network subnet add pe-subnet --prefix /28');
  await type(page, 'sim network private-endpoint add pe1 --registry myregistry --subnet pe-subnet');
  await page.getByRole('tab', { name: 'Network' }).click();
  const planner = page
    .getByRole('region', { name: 'Network', exact: true })
    .getByRole('region', { name: 'Address planner' });
  await expect(page.getByRole('listitem', { name: 'Private endpoint pe1' })).toBeVisible();
  // The demo's myregistry has regional endpoints on: nothing to enable.
  const box = planner.getByRole('checkbox', { name: /Enable regional endpoints/ });
  await expect(box).toBeChecked();
  await expect(box).toBeDisabled();
  await expect(box).toHaveAccessibleName(/already on/);
  const region = planner.getByRole('combobox', { name: 'Add a replica in' });
  await region.selectOption('japaneast');
  // 1 global + 3 data + 3 regional.
  await expect(planner).toContainText('7 addresses per endpoint after: 3 replicas, regional endpoints on');
  await page.setViewportSize({ width: 1024, height: 768 });
  await planner.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('planner-already-on.png') });

  await type(page, 'az acr update -n myregistry --regional-endpoints disabled');
  await expect(box).not.toBeChecked();
  await expect(box).toBeEnabled();
  await expect(box).not.toHaveAccessibleName(/already on/);
  await expect(planner).toContainText('4 addresses per endpoint after: 3 replicas');
  await expect(planner).not.toContainText('regional endpoints on');
  await box.check();
  await expect(planner).toContainText('7 addresses per endpoint after: 3 replicas, regional endpoints on');
  await page.screenshot({ path: test.info().outputPath('planner-off.png') });
});
