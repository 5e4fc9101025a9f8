import { expect, hex, test, type } from './fixtures';

test('the map shows every region as a named hexagon with the right state', async ({ dashboard: page }) => {
  const buttons = page.getByRole('group', { name: 'Regions map' }).getByRole('button');
  expect(await buttons.count()).toBeGreaterThanOrEqual(50);
  await expect(hex(page, 'eastus')).toHaveAccessibleName('East US (eastus): home, Ready');
  await expect(hex(page, 'westeurope')).toHaveAccessibleName('West Europe (westeurope): replica, Ready');
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): available');
  await expect(hex(page, 'germanynorth')).toHaveAccessibleName('Germany North (germanynorth): unavailable');
});

test('clicking an available hexagon creates a replica: Creating, then Ready after advancing time', async ({
  dashboard: page,
}) => {
  await hex(page, 'japaneast').click();
  await page.getByRole('button', { name: 'Create replica in Japan East' }).click();
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText(
    'az acr replication create -r myregistry -l japaneast',
  );
  await expect(hex(page, 'japaneast')).toHaveAccessibleName(/japaneast\): replica, (Creating|Syncing)/);
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  await expect(hex(page, 'japaneast')).toHaveAccessibleName('Japan East (japaneast): replica, Ready');
});

test('a push from the console prints the digest; the replication arc and the target content update', async ({
  dashboard: page,
}) => {
  const log = page.getByRole('log', { name: 'Console output' });
  const transfers = page.locator('canvas[data-transfers]');
  // Slow the clock so the upload and the replication each stay on the map for a few seconds.
  await type(page, 'sim speed 20');
  await type(page, 'docker build -t myregistry.azurecr.io/shop:v9 --size 1GB .');
  await type(page, 'docker push myregistry.azurecr.io/shop:v9');
  await expect(transfers).not.toHaveAttribute('data-transfers', '0');
  await expect(log).toContainText(/v9: digest: sha256:[a-f0-9]{64} size: \d+/, { timeout: 30_000 });
  await expect(log).toContainText('served by eastus via the global endpoint');
  // After the push, what is in flight is replication from eastus to westeurope.
  await expect(transfers).not.toHaveAttribute('data-transfers', '0');
  await page.getByRole('button', { name: 'Advance 1 minute' }).click();
  await hex(page, 'westeurope').click();
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('shop:v9');
});

test('an outage toggled from the region panel changes the hexagon', async ({ dashboard: page }) => {
  await hex(page, 'westeurope').click();
  await page.getByRole('button', { name: 'Region outage' }).click();
  await expect(hex(page, 'westeurope')).toHaveAccessibleName(/westeurope\): replica, Unavailable \(outage\)/);
  await page.getByRole('button', { name: 'End region outage' }).click();
  await expect(hex(page, 'westeurope')).toHaveAccessibleName(/westeurope\): replica, Ready/);
});

test('a keyboard-only flow creates a replica', async ({ dashboard: page }) => {
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  // Tab into the map, then move between hexagons with the arrow keys until one is available.
  for (let i = 0; i < 60 && !/\): /.test(await focusedLabel()); i++) await page.keyboard.press('Tab');
  expect(await focusedLabel()).toMatch(/\): /);
  const keys = ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'];
  for (let i = 0; i < 80 && !/: available$/.test(await focusedLabel()); i++)
    await page.keyboard.press(keys[Math.floor(i / 5) % 4]!);
  const label = await focusedLabel();
  expect(label).toMatch(/: available$/);
  const [, display, region] = /^(.*) \((\w+)\): available$/.exec(label)!;
  await page.keyboard.press('Enter');
  const create = page.getByRole('button', { name: `Create replica in ${display}` });
  await expect(create).toBeVisible();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (
      (await page.evaluate(() => document.activeElement?.textContent ?? '')).startsWith('Create replica in')
    )
      break;
  }
  await page.keyboard.press('Enter');
  await expect(hex(page, region!)).toHaveAccessibleName(
    new RegExp(`${region}\\): replica, (Creating|Syncing|Ready)`),
  );
});

test('the layout stays put when the clock passes a day: same header height, same map size', async ({
  dashboard: page,
}) => {
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  const boxes = async () => ({
    header: await page.locator('.app-header').boundingBox(),
    clock: await clock.boundingBox(),
    map: await page.locator('.map-surface').boundingBox(),
  });
  const before = await boxes();
  await type(page, 'sim speed 36000'); // ten simulated hours a second
  await expect(clock).toHaveText(/^1d \d\d:\d\d:\d\d$/, { timeout: 20_000 });
  // A map that changes size repaints its whole basemap in one long task; a header that re-wraps
  // also moves everything under it while a trainer is presenting.
  expect(await boxes()).toEqual(before);
});

test('a long queue of typed commands stays inside the console: the page does not grow or scroll', async ({
  dashboard: page,
}) => {
  const header = await page.locator('.app-header').boundingBox();
  const map = await page.locator('.map-surface').boundingBox();
  await type(page, 'sim advance 1h'); // a minute of wall time at the default 60×
  const lines = Array.from(
    { length: 25 },
    (_, i) => `docker build -t myregistry.azurecr.io/service-number-${i}:v1 --size 50MB --layers 3 .`,
  );
  for (const line of lines) await type(page, line);
  const queue = page.getByRole('status').filter({ hasText: 'Queued (25)' });
  await expect(queue).toContainText(`next ${lines[0]}`);
  const fixed = async () => {
    const viewport = page.viewportSize()!;
    const layout = await page.evaluate(() => ({
      scrollHeight: document.scrollingElement!.scrollHeight,
      scrollTop: document.scrollingElement!.scrollTop,
    }));
    expect(layout).toEqual({ scrollHeight: viewport.height, scrollTop: 0 });
    expect(await page.locator('.app-header').boundingBox()).toEqual(header);
    expect(await page.locator('.map-surface').boundingBox()).toEqual(map);
    await expect(page.getByRole('textbox', { name: 'Console' })).toBeInViewport();
  };
  await fixed();
  // Closed, the queue is one line, so the output keeps its room.
  expect((await queue.boundingBox())!.height).toBeLessThan(32);
  expect((await page.getByRole('log').boundingBox())!.height).toBeGreaterThan(40);
  // Opened, it lists every line in a small box that scrolls (by keyboard too).
  await queue.getByText('Queued (25)').click();
  const list = queue.getByRole('list', { name: 'Queued commands' });
  await expect(list.getByRole('listitem')).toHaveText(lines);
  await fixed();
  await list.focus();
  await page.keyboard.press('End');
  await expect(list.getByRole('listitem').last()).toBeInViewport();
});

test('a resized map draws the world where a map opened at that size does', async ({ browser }, testInfo) => {
  const size = { width: 1000, height: 640 };
  /** The map canvas, averaged over 8×8-pixel blocks, after the page opens at `first` and resizes to `size`. */
  const mapBlocks = async (first: { width: number; height: number }): Promise<number[]> => {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: first });
    try {
      const page = await context.newPage();
      await page.goto('/?seed=1');
      await page.waitForFunction(() => performance.getEntriesByName('map:first-draw').length > 0);
      await page.setViewportSize(size);
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      return await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('canvas.map-canvas')!;
        const { width, height } = canvas;
        const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
        const blocks: number[] = [width, height];
        for (let by = 0; by + 8 <= height; by += 8)
          for (let bx = 0; bx + 8 <= width; bx += 8)
            for (let c = 0; c < 3; c++) {
              let sum = 0;
              for (let y = by; y < by + 8; y++)
                for (let x = bx; x < bx + 8; x++) sum += data[(y * width + x) * 4 + c]!;
              blocks.push(sum / 64);
            }
        return blocks;
      });
    } finally {
      await context.close();
    }
  };
  const opened = await mapBlocks(size);
  // Shrunk: the shapes projected for the larger map are scaled down. Grown: projected again.
  for (const first of [
    { width: 1500, height: 900 },
    { width: 600, height: 500 },
  ]) {
    const resized = await mapBlocks(first);
    expect(resized.slice(0, 2), `canvas size after resizing from ${first.width}×${first.height}`).toEqual(
      opened.slice(0, 2),
    );
    let worst = 0;
    for (let i = 2; i < opened.length; i++) worst = Math.max(worst, Math.abs(resized[i]! - opened[i]!));
    // Edge anti-aliasing moves a block's average by under one level (0.27 measured); a map drawn
    // 1.6 px off moved blocks along the coasts by 7.5.
    expect(worst, `largest block difference after resizing from ${first.width}×${first.height}`).toBeLessThan(
      4,
    );
  }
});

const MANY_REGIONS = [
  'eastus2',
  'centralus',
  'westus2',
  'canadacentral',
  'brazilsouth',
  'northeurope',
  'uksouth',
];

test('the event log draws its newest 40 rows, and 40 older ones each time "Show older events" is pressed', async ({
  dashboard: page,
}) => {
  await page.getByRole('button', { name: 'Pause' }).click();
  for (const r of MANY_REGIONS) await type(page, `az acr replication create -r myregistry -l ${r} --no-wait`);
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  const log = page.getByRole('list', { name: 'Event log' });
  const rows = log.locator('.event-row');
  await expect(rows).toHaveCount(40);
  await expect(page.locator('.event-log .panel__meta')).toHaveText('newest 40');
  const more = log.getByRole('button', { name: 'Show older events' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(rows).not.toHaveCount(40);
  expect(await rows.count()).toBeGreaterThan(40);
  // Pressed from the keyboard, focus stays on the button (now further down), ready to press again:
  // it is never taken away while the next page loads.
  if ((await rows.count()) === 80) await expect(more).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
});

test('a log hidden behind another tab does not refresh, and catches up when shown again', async ({
  dashboard: page,
}) => {
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: '600×', exact: true }).click();
  await type(page, 'az acr replication create -r myregistry -l koreacentral --no-wait');
  await page.getByRole('tab', { name: 'Charts' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  // The replica turns Ready while the log is hidden, and nothing happens after that.
  await expect(hex(page, 'koreacentral')).toHaveAccessibleName(/Ready/, { timeout: 20_000 });
  const readyRow = page.locator('.event-row', { hasText: /koreacentral.* is Ready/i });
  await expect(readyRow).toHaveCount(0);
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(readyRow).toHaveCount(1);
});

test('past the newest 1,000 rows the log says how to reach older events', async ({ dashboard: page }) => {
  await page.getByRole('button', { name: 'Pause' }).click();
  await type(page, 'sim speed 36000');
  for (const name of ['a', 'b'])
    await type(
      page,
      `sim load start ${name} --location westeurope --pulls-per-minute 10 --image myregistry.azurecr.io/web:v1`,
    );
  await type(page, 'sim advance 9h'); // two per-minute summaries a minute: over 1,000 rows
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText(/09:\d\d:\d\d/, {
    timeout: 30_000,
  });
  const log = page.getByRole('list', { name: 'Event log' });
  const more = log.getByRole('button', { name: 'Show older events' });
  for (let shown = 40; shown < 1000; shown += 40) {
    await more.click();
    await expect(log.locator('.event-row')).toHaveCount(shown + 40);
  }
  await expect(more).toBeHidden();
  await expect(log.getByText(/Only the newest 1,000 events are listed/)).toBeVisible();
  await expect(page.locator('.event-log .panel__meta')).toHaveText('newest 1000');
});

test('at 1024 × 768 every control is on screen: no sideways scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto('/?seed=1');
  await expect(page.getByRole('group', { name: 'Regions map' })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBe(1024);
  // The event filters keep their values readable ("All regions", not "All reg…").
  for (const select of await page.locator('.event-filters select').all()) {
    const [text, room] = await select.evaluate((el: HTMLSelectElement) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(el).font;
      // The text's width against the box less its padding and the drop-down arrow (~20 px).
      return [ctx.measureText(el.selectedOptions[0]!.text).width, el.clientWidth - 10 - 20];
    });
    expect(text).toBeLessThanOrEqual(room);
  }
  for (const control of [
    page.getByRole('button', { name: 'Switch to light theme' }),
    page.getByRole('button', { name: 'Advance 10 minutes' }),
    page.getByRole('tab', { name: 'Network' }),
    page.getByRole('tab', { name: 'Cost' }),
    page.getByRole('button', { name: 'Dismiss' }),
  ]) {
    const box = (await control.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
  }
  await context.close();
});

test('with no region selected, the event log gets the room the Region tab does not need', async ({
  dashboard: page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const log = page.getByRole('list', { name: 'Event log' });
  const before = (await log.boundingBox())!.height;
  expect(before).toBeGreaterThan(200);
  await hex(page, 'westeurope').click();
  await expect(page.getByRole('heading', { name: /West Europe/ })).toBeVisible();
  // A selected region's details take up to 55 % of the column; the log keeps the rest.
  expect((await log.boundingBox())!.height).toBeLessThan(before);
});

test('event rows stay inside the log, whether or not they name a region', async ({ dashboard: page }) => {
  await type(
    page,
    'docker build -t myregistry.azurecr.io/team-platform/payments-api:2024.11.28-build.1234 .',
  );
  const log = page.getByRole('list', { name: 'Event log' });
  await expect(log).toContainText('payments-api');
  const [client, scroll] = await log.evaluate((el) => [el.clientWidth, el.scrollWidth]);
  expect(scroll).toBe(client);
});

test('between 1000 and 1280 px the header wraps as one group: the theme toggle stays by the other buttons', async ({
  browser,
}) => {
  for (const width of [1024, 1200, 1240]) {
    const context = await browser.newContext({ viewport: { width, height: 720 } });
    const page = await context.newPage();
    await page.goto('/?seed=1');
    await expect(page.getByRole('group', { name: 'Regions map' })).toBeVisible();
    const toggle = (await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).boundingBox())!;
    const help = (await page.getByRole('button', { name: 'Help', exact: true }).boundingBox())!;
    expect(
      Math.abs(toggle.y + toggle.height / 2 - (help.y + help.height / 2)),
      `at ${width} px`,
    ).toBeLessThan(4);
    expect(toggle.x, `at ${width} px`).toBeGreaterThan(help.x);
    await context.close();
  }
});

test('dismissing the welcome card or ending the tour from the keyboard leaves focus on the page', async ({
  dashboard: page,
}) => {
  const mapStop = page.getByRole('group', { name: 'Regions map' }).locator('button[tabindex="0"]');
  const onBody = () => page.evaluate(() => document.activeElement === document.body);
  const card = page.getByRole('region', { name: 'New to the lab?' });
  // "Take the tour" goes with the card: ending the tour puts focus on the map, where it started.
  await card.getByRole('button', { name: 'Take the tour' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'The map' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.tour')).toHaveCount(0);
  await expect(mapStop).toBeFocused();
  expect(await onBody()).toBe(false);

  // Opened from help, the tour gives focus back to the Help button.
  const help = page.getByRole('button', { name: 'Help', exact: true });
  await help.click();
  await page.getByRole('button', { name: 'Show the tour again' }).click();
  await expect(page.getByRole('button', { name: 'Next' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('.tour')).toHaveCount(0);
  await expect(help).toBeFocused();

  // Dismiss: focus goes to the map, and the next Tab carries on from there, not from the header.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await card.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Enter');
  await expect(card).toBeHidden();
  await expect(mapStop).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await onBody()).toBe(false);
  await expect(page.getByRole('button', { name: /^Pause/ })).not.toBeFocused();
});

test('hovering a Ready replica that is receiving a large push shows the replication in flight, not "Sync: 100%"', async ({
  dashboard: page,
}) => {
  const log = page.getByRole('log', { name: 'Console output' });
  await type(page, 'docker build -t myregistry.azurecr.io/big:v1 --size 5GB --layers 4 .');
  await type(page, 'docker push myregistry.azurecr.io/big:v1');
  await expect(log).toContainText(/v1: digest: sha256:[a-f0-9]{64} size: \d+/, { timeout: 30_000 });
  await type(page, 'sim pause');
  await type(page, 'sim advance 20s');
  await type(page, 'sim inspect westeurope');
  await expect(log).toContainText(/pending: big:v1 .* transferring \d+% of 5GB/);
  const inspected = /pending: big:v1 .* transferring (\d+)% of 5GB/.exec((await log.textContent()) ?? '');
  const tooltip = page.locator('.map-tooltip');
  await hex(page, 'westeurope').hover();
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('State: Ready');
  await expect(tooltip).toContainText(`Replicating: ${inspected?.[1] ?? '?'}% of 5 GB`);
  await expect(tooltip).not.toContainText('Sync');
});
