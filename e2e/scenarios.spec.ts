import type { Page } from '@playwright/test';
import { expect, hex, startHere, test, type } from './fixtures';

/** A small scenario file: one passing and one failing checkpoint, regions to ring, a pause point. */
const FILE_SCENARIO = {
  format: 'acr-lab-scenario/1',
  id: 'clock-check',
  title: 'Clock check',
  teaches: 'That the player runs checkpoints and reports them.',
  seed: 3,
  steps: [
    {
      title: 'Read the clock',
      narrative: 'The clock starts at zero in a new session.',
      actions: [{ run: 'sim time' }, { expect: '00:00:0', says: 'A new session starts at zero.' }],
      regions: ['northeurope'],
      pause: false,
    },
    {
      title: 'A checkpoint that fails',
      narrative: 'This one looks for something that is not there.',
      actions: [
        { run: 'sim time' },
        { expect: 'no such text', says: 'This sentence is never shown as held.' },
      ],
      regions: ['brazilsouth', 'australiaeast'],
      pause: false,
    },
  ],
  tryThis: ['Write your own scenario file.'],
};

/** A step that lets `advance` of simulated time pass, then checks that the clock reads `clock`. */
function clockStep(advance: string, clock: string) {
  return {
    title: `Advance ${advance}`,
    narrative: `${advance} of simulated time pass; the clock says so.`,
    actions: [
      { run: `sim advance ${advance}` },
      { run: 'sim time' },
      { expect: clock, says: `It is ${clock}.` },
    ],
    regions: [],
    pause: false,
  };
}

function picker(page: Page) {
  return page.getByRole('dialog', { name: 'Scenarios' });
}

/** The guided player (an `aside` named by the scenario's title). */
function player(page: Page) {
  return page.locator('aside.scenario-player');
}

async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await picker(page)
    .getByLabel('Scenario file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('the picker lists the library, start-here first, and is keyboard accessible', async ({
  dashboard: page,
}) => {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const dialog = picker(page);
  await expect(dialog).toBeVisible();
  const items = dialog.getByRole('list', { name: 'Scenario library' }).getByRole('button');
  await expect(items).toHaveCount(12);
  await expect(items.first()).toContainText('Start here');
  // Focus starts on the first scenario; arrow keys move through the list.
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(items.last()).toBeFocused();
  // Tab stays inside the dialog.
  for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Scenarios' })).toBeFocused();
});

test('start here: run a step through the console, checkpoints pass, regions are ringed, Back and Next', async ({
  dashboard: page,
}) => {
  const log = page.getByRole('log', { name: 'Console output' });
  await startHere(page);
  await expect(picker(page)).toBeHidden();

  const panel = player(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText(/Meet the demo registry/);
  await expect(panel).toHaveAttribute('data-step', '1');
  // The step's regions are ringed on the map, and said so to assistive technology.
  const map = page.getByRole('group', { name: 'Regions map' });
  await expect(map).toHaveAttribute('data-highlighted', 'eastus westeurope');
  await expect(hex(page, 'eastus')).toHaveAttribute('data-highlighted', 'true');
  await expect(hex(page, 'westeurope')).toHaveAccessibleDescription('highlighted by the scenario step');
  await expect(hex(page, 'japaneast')).not.toHaveAttribute('data-highlighted', 'true');

  // The keyboard lands on "Run step": Enter runs the first step.
  await expect(panel.getByRole('button', { name: 'Run step' })).toBeFocused();
  await page.keyboard.press('Enter');
  // The commands appear in the console as if typed, one after the other.
  await expect(log).toContainText('$ sim preset demo');
  await expect(log).toContainText('$ sim expect home eastus');
  const checks = panel
    .getByRole('list', { name: 'Commands and checkpoints' })
    .locator('[data-status="passed"]');
  await expect(checks).toHaveCount(2, { timeout: 20_000 });
  await expect(checks.first()).toContainText('✓');
  await expect(checks.first()).toContainText('East US is the home region');
  await expect(panel.getByRole('button', { name: 'Step ran' })).toBeDisabled();
  await expect(panel).toContainText('Back shows the text again; use the timeline to rewind');

  await panel.getByRole('button', { name: 'Next' }).click();
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText(/Add a replica in Japan East/);
  await expect(map).toHaveAttribute('data-highlighted', 'japaneast');
  await expect(hex(page, 'eastus')).not.toHaveAttribute('data-highlighted', 'true');

  await panel.getByRole('button', { name: 'Back' }).click();
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText(/Meet the demo registry/);
  // Back only shows the text again: the checkpoints stay as they came out.
  await expect(checks).toHaveCount(2);

  // Jump to the ending: the try-this list, and no rings on the map.
  await panel.getByRole('button', { name: 'The end: try this' }).click();
  await expect(panel.getByRole('heading', { name: 'Try this' })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Try this' }).getByRole('listitem')).toHaveCount(3);
  await expect(map).toHaveAttribute('data-highlighted', '');

  // Closing the player clears the rings too.
  await panel.getByRole('button', { name: 'Close the scenario player' }).click();
  await expect(panel).toBeHidden();
});

test('running steps keeps the page in place: the player scrolls inside, the page never grows', async ({
  dashboard: page,
}) => {
  const panel = await startHere(page);
  const header = await page.locator('.app-header').boundingBox();
  const page0 = { scrollHeight: page.viewportSize()!.height, scrollTop: 0 };
  const layout = () =>
    page.evaluate(() => ({
      scrollHeight: document.scrollingElement!.scrollHeight,
      scrollTop: document.scrollingElement!.scrollTop,
    }));
  for (const title of [/Meet the demo registry/, /Add a replica in Japan East/]) {
    await expect(panel.getByRole('heading', { level: 3 })).toHaveText(title);
    await panel.getByRole('button', { name: 'Run step' }).click();
    await expect(panel.getByRole('button', { name: 'Step ran' })).toBeVisible({ timeout: 30_000 });
    // The step's list is longer than the player: it scrolls to the newest checkpoint, and the
    // screen-reader summary of that checkpoint must not push the page taller than the window.
    expect(await layout()).toEqual(page0);
    expect(await page.locator('.app-header').boundingBox()).toEqual(header);
    await panel.getByRole('button', { name: 'Next' }).click();
    expect(await layout()).toEqual(page0);
  }
});

test('a scenario file plays with auto-run, stops at a failed checkpoint, and finishes with try this', async ({
  dashboard: page,
}) => {
  await openFile(page, 'clock-check.json', JSON.stringify(FILE_SCENARIO));
  const panel = player(page);
  await expect(panel.getByRole('heading', { name: 'Clock check' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Regions map' })).toHaveAttribute(
    'data-highlighted',
    'northeurope',
  );
  await panel.getByRole('switch', { name: /Auto-run/ }).check();
  // Step 1 passes and auto-run moves on; step 2's checkpoint fails and auto-run stops there.
  await expect(panel).toHaveAttribute('data-step', '2', { timeout: 20_000 });
  const failed = panel.locator('[data-status="failed"]');
  await expect(failed).toHaveCount(1, { timeout: 20_000 });
  await expect(failed).toContainText('✗');
  await expect(failed).toContainText('Did not hold');
  await expect(panel.getByRole('switch', { name: /Auto-run/ })).not.toBeChecked();
  await expect(page.getByRole('group', { name: 'Regions map' })).toHaveAttribute(
    'data-highlighted',
    'brazilsouth australiaeast',
  );
  await panel.getByRole('button', { name: 'Finish' }).click();
  await expect(panel).toContainText('1 of 2 checkpoints held, 1 did not');
  await expect(panel.getByRole('list', { name: 'Try this' })).toContainText('Write your own scenario file.');
});

test('starting a scenario over a session with commands asks first', async ({ dashboard: page }) => {
  await type(page, 'sim time');
  await openFile(page, 'clock-check.json', JSON.stringify(FILE_SCENARIO));
  const dialog = picker(page);
  await expect(dialog.getByRole('heading', { name: 'Start “Clock check”?' })).toBeVisible();
  await expect(dialog).toContainText('1 command');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('list', { name: 'Scenario library' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(player(page)).toBeHidden();

  await openFile(page, 'clock-check.json', JSON.stringify(FILE_SCENARIO));
  await dialog.getByRole('button', { name: 'Replace and start' }).click();
  await expect(player(page)).toBeVisible();
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('Scenario "Clock check"');
});

test('a file that is not a scenario is refused with a clear message and nothing changes', async ({
  dashboard: page,
}) => {
  await type(page, 'sim time');
  await openFile(page, 'broken.json', '{ "format": "acr-lab-scenario/1", "id": "x" ');
  const alert = picker(page).getByRole('alert');
  await expect(alert).toContainText('“broken.json” is not a scenario');
  await expect(alert).toContainText('not valid JSON');
  await expect(alert).toContainText('Nothing was changed');
  await picker(page)
    .getByLabel('Scenario file')
    .setInputFiles({
      name: 'wrong.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...FILE_SCENARIO, steps: [] })),
    });
  await expect(alert).toContainText('“wrong.json” is not a scenario');
  await expect(alert).toContainText('steps');
  await page.keyboard.press('Escape');
  await expect(player(page)).toBeHidden();
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('$ sim time');
});

test('the session exports as a scenario file', async ({ dashboard: page }) => {
  await type(page, 'az acr replication create -r myregistry -l japaneast --no-wait');
  await page.getByRole('button', { name: 'Advance 10 minutes' }).click();
  await type(page, 'sim time');
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const download = page.waitForEvent('download');
  await picker(page).getByRole('button', { name: 'Export session as scenario' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^[a-z0-9-]+\.json$/);
  const text = await (await file.createReadStream()).toArray();
  const scenario = JSON.parse(Buffer.concat(text).toString('utf8')) as {
    format: string;
    seed: number;
    steps: { actions: { run?: string }[]; regions: string[] }[];
  };
  expect(scenario.format).toBe('acr-lab-scenario/1');
  expect(scenario.seed).toBe(1);
  const runs = scenario.steps.flatMap((s) => s.actions.map((a) => a.run));
  // Time the presenter let pass becomes `sim advance` lines (the clock runs at 60× meanwhile too).
  expect(runs.filter((r) => !r?.startsWith('sim advance'))).toEqual([
    'sim preset demo',
    'az acr replication create -r myregistry -l japaneast --no-wait',
    'sim time',
  ]);
  expect(runs.at(-2)).toMatch(/^sim advance 1\dm/);
  await expect(picker(page).getByRole('status')).toContainText(`Saved ${file.suggestedFilename()}`);
});

test('a command typed while a step runs waits for the step, so its checkpoint sees the step’s own output', async ({
  dashboard: page,
}) => {
  const scenario = {
    ...FILE_SCENARIO,
    id: 'typed-during-step',
    title: 'Typed during a step',
    steps: [clockStep('2m', '00:02:00')],
  };
  await openFile(page, 'typed.json', JSON.stringify(scenario));
  const panel = player(page);
  await panel.getByRole('button', { name: 'Run step' }).click();
  const log = page.getByRole('log', { name: 'Console output' });
  await expect(log).toContainText('$ sim advance 2m');
  // While the step's first command runs, the presenter types one of their own.
  await type(page, 'sim advance 1h');
  const checks = panel.getByRole('list', { name: 'Commands and checkpoints' });
  await expect(checks.locator('[data-status="passed"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(checks.locator('[data-status="failed"]')).toHaveCount(0);
  // The presenter's line ran after the step's checkpoint, not before it.
  const echoes = await log.locator('.console-line').allTextContents();
  const order = ['$ sim advance 2m', '$ sim time', '$ sim expect 00:02:00', '$ sim advance 1h'].map((l) =>
    echoes.findIndex((e) => e.endsWith(l)),
  );
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test('rewinding the timeline shows the steps it undid as not run, and Back to live brings their results back', async ({
  dashboard: page,
}) => {
  const scenario = {
    ...FILE_SCENARIO,
    id: 'rewind-steps',
    title: 'Rewind steps',
    steps: [clockStep('2m', '00:02:00'), clockStep('3m', '00:05:00')],
  };
  await openFile(page, 'rewind.json', JSON.stringify(scenario));
  const panel = player(page);
  const actions = panel.getByRole('list', { name: 'Commands and checkpoints' });
  const run = panel.locator('.player__run');
  await run.click();
  await expect(actions.locator('[data-status="passed"]')).toHaveCount(1, { timeout: 30_000 });
  await panel
    .getByRole('button', { name: 'Finish' })
    .or(panel.getByRole('button', { name: 'Next' }))
    .click();
  await run.click();
  await expect(actions.locator('[data-status="passed"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(run).toHaveText('Step ran');

  // Back to the start of the session: this step's lines have not run in the world shown.
  await page.getByRole('slider', { name: 'Rewind' }).focus();
  await page.keyboard.press('Home');
  await expect(actions.locator('[data-status="pending"]')).toHaveCount(3);
  await expect(panel.getByTestId('player-rewound')).toContainText('3 of this step’s lines');
  await expect(run).toHaveText('Run step');
  await expect(run).not.toHaveAttribute('aria-disabled', 'true');

  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(actions.locator('[data-status="passed"]')).toHaveCount(1);
  await expect(panel.getByTestId('player-rewound')).toHaveCount(0);
  await expect(run).toHaveText('Step ran');
});

test('the ending summary is green only when every checkpoint ran and held', async ({ dashboard: page }) => {
  const held = {
    ...FILE_SCENARIO,
    id: 'all-held',
    title: 'All held',
    steps: [
      FILE_SCENARIO.steps[0]!,
      { ...FILE_SCENARIO.steps[0]!, title: 'Again', actions: [{ run: 'sim time' }] },
    ],
  };
  await openFile(page, 'held.json', JSON.stringify(held));
  const panel = player(page);
  const summary = panel.locator('.player__summary');
  // Nothing has run: a neutral summary, not the green of success.
  await panel.getByRole('button', { name: 'The end: try this' }).click();
  await expect(summary).toHaveText('0 of 1 checkpoint held (some steps have not run).');
  await expect(summary).toHaveClass(/\bis-incomplete\b/);
  await expect(summary).not.toHaveClass(/\bis-held\b|\bhas-failed\b/);
  const neutral = await summary.evaluate((e) => getComputedStyle(e).backgroundColor);

  // Every checkpoint ran and held: green.
  await panel.locator('.player__dot').first().click();
  await panel.getByRole('button', { name: 'Run step' }).click();
  await expect(panel.locator('[data-status="passed"]')).toHaveCount(1, { timeout: 20_000 });
  await panel.getByRole('button', { name: 'The end: try this' }).click();
  await expect(summary).toHaveText('1 of 1 checkpoint held.');
  await expect(summary).toHaveClass(/\bis-held\b/);
  expect(await summary.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(neutral);
});

test('"Run the rest" stays on one line, as tall as Back and Next, at 1280×720 and 1024×768', async ({
  dashboard: page,
}) => {
  const step = (title: string) => ({
    title,
    narrative: 'The clock runs for an hour unless someone presses Ctrl+C.',
    actions: [
      { run: 'sim time' },
      { run: 'sim advance 1h' },
      { run: 'sim time' },
      { expect: '01:00:00', says: 'An hour.' },
    ],
    regions: [],
    pause: false,
  });
  const scenario = {
    ...FILE_SCENARIO,
    id: 'run-the-rest',
    title: 'Run the rest',
    steps: [step('One'), step('Two')],
  };
  await openFile(page, 'rest.json', JSON.stringify(scenario));
  const panel = player(page);
  const log = page.getByRole('log', { name: 'Console output' });
  for (const [i, next] of [
    [0, 'Next'],
    [1, 'Finish'],
  ] as const) {
    if (i === 1) await panel.getByRole('button', { name: 'Next' }).click();
    await panel.getByRole('button', { name: 'Run step' }).click();
    await expect(log.locator('.console-line').filter({ hasText: '$ sim advance 1h' })).toHaveCount(i + 1);
    await page.getByRole('textbox', { name: 'Console' }).press('Control+c');
    await expect(panel.locator('.player__run')).toHaveText('Run the rest', { timeout: 10_000 });
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(size);
      const aside = (await panel.boundingBox())!;
      const buttons = panel.locator('.player__buttons .btn');
      await expect(buttons).toHaveText(['‹ Back', 'Run the rest', `${next} ›`]);
      const boxes = await buttons.evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { top: r.top, left: r.left, right: r.right, height: r.height };
        }),
      );
      // One row, one line each, all inside the player.
      expect(new Set(boxes.map((b) => Math.round(b.top))).size, JSON.stringify(boxes)).toBe(1);
      expect(new Set(boxes.map((b) => Math.round(b.height))).size, JSON.stringify(boxes)).toBe(1);
      expect(boxes[0]!.left).toBeGreaterThanOrEqual(aside.x);
      expect(boxes[2]!.right).toBeLessThanOrEqual(aside.x + aside.width);
      const run = panel.locator('.player__run');
      const lineHeight = await run.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
      // The label's text on one line: a range over it has one box per line.
      const lines = await run.evaluate((e) => {
        const range = document.createRange();
        range.selectNodeContents(e);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      expect(lines).toBe(1);
      expect(boxes[1]!.height).toBeLessThan(2 * lineHeight);
    }
  }
});

test('exporting after a rewind into the middle of `sim advance` cuts the advance where the session went on', async ({
  dashboard: page,
}) => {
  const panel = await startHere(page);
  for (const title of [/Meet the demo registry/, /Add a replica in Japan East/]) {
    await expect(panel.getByRole('heading', { level: 3 })).toHaveText(title);
    await panel.getByRole('button', { name: 'Run step' }).click();
    await expect(panel.getByRole('button', { name: 'Step ran' })).toBeVisible({ timeout: 30_000 });
    await panel.getByRole('button', { name: 'Next' }).click();
  }
  // Back to 00:02:15, inside step 2's `sim advance 5m`, and a new command there (a fork).
  await page.getByRole('slider', { name: 'Rewind' }).fill('135000');
  await expect(page.locator('.scrubber__time')).toContainText('00:02:15 /');
  await type(page, 'sim status');
  const log = page.getByRole('log', { name: 'Console output' });
  await expect(log).toContainText('japaneast            Creating');

  await page.getByRole('button', { name: 'Scenarios' }).click();
  const download = page.waitForEvent('download');
  await picker(page).getByRole('button', { name: 'Export session as scenario' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('start-here-a-first-tour-of-a-geo-replicated-registry-recorded.json');
  const text = await (await file.createReadStream()).toArray();
  const scenario = JSON.parse(Buffer.concat(text).toString('utf8')) as {
    steps: { actions: { run?: string }[] }[];
  };
  const runs = scenario.steps.flatMap((s) => s.actions.flatMap((a) => (a.run ? [a.run] : [])));
  expect(runs).not.toContain('sim advance 5m');
  expect(runs.slice(-3)).toEqual([
    'az acr replication show -r myregistry -n japaneast -o table',
    expect.stringMatching(/^sim advance 1\d(\.\d+)?s$/),
    'sim status',
  ]);
});

test('exporting a session with a command cut short by Ctrl+C says so where the file is saved', async ({
  dashboard: page,
}) => {
  await type(page, 'docker build -t myregistry.azurecr.io/big:v1 --size 4GB .');
  await type(page, 'docker push myregistry.azurecr.io/big:v1');
  const log = page.getByRole('log', { name: 'Console output' });
  await expect(log).toContainText('The push refers to repository');
  await page.getByRole('textbox', { name: 'Console' }).press('Control+c');
  await expect(log).toContainText('^C');
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const download = page.waitForEvent('download');
  await picker(page).getByRole('button', { name: 'Export session as scenario' }).click();
  await download;
  await expect(picker(page).getByRole('status')).toContainText(
    'One command was cut short in the session, which a script cannot do',
  );
});

test('keys pressed while a step line is typed out are kept for a line of their own; Ctrl+C stops the step', async ({
  dashboard: page,
}) => {
  const scenario = {
    ...FILE_SCENARIO,
    id: 'keys-during-type-out',
    title: 'Keys during type-out',
    steps: [
      {
        title: 'Read the clock twice',
        narrative: 'Nothing happens in between.',
        actions: [{ run: 'sim time' }, { run: 'sim time' }, { expect: '00:00:0', says: 'Still zero.' }],
        regions: [],
        pause: false,
      },
      {
        title: 'And again',
        narrative: 'Stopped before it runs.',
        actions: [{ run: 'sim time' }, { expect: '00:00:0', says: 'Still zero.' }],
        regions: [],
        pause: false,
      },
    ],
  };
  await openFile(page, 'keys.json', JSON.stringify(scenario));
  const panel = player(page);
  const input = page.getByRole('textbox', { name: 'Console' });
  const log = page.getByRole('log', { name: 'Console output' });
  await panel.getByRole('button', { name: 'Run step' }).click();
  // While the first line is typed out (the input is read-only), the presenter types and presses Enter.
  await expect(input).toHaveAttribute('readonly', '');
  await input.focus();
  await page.keyboard.type('sim status');
  await page.keyboard.press('Enter');
  const actions = panel.getByRole('list', { name: 'Commands and checkpoints' });
  await expect(actions.locator('[data-status="passed"]')).toHaveCount(1, { timeout: 20_000 });
  // The presenter's line ran after the step, not lost and not in between.
  await expect(log).toContainText('$ sim status');
  const echoes = await log.locator('.console-line').allTextContents();
  const expectAt = echoes.findIndex((e) => e.endsWith('$ sim expect 00:00:0'));
  const statusAt = echoes.findIndex((e) => e.endsWith('$ sim status'));
  expect(expectAt).toBeGreaterThan(-1);
  expect(statusAt).toBeGreaterThan(expectAt);

  // Ctrl+C while the next step's first line is being typed out stops that step.
  await panel.getByRole('button', { name: 'Next' }).click();
  await panel.getByRole('button', { name: 'Run step' }).click();
  await expect(input).toHaveAttribute('readonly', '');
  await input.focus();
  await page.keyboard.press('Control+c');
  await expect(actions.locator('[data-status="cancelled"]')).toHaveCount(1);
  await expect(actions.locator('[data-status="pending"]')).toHaveCount(1);
  await expect(panel.locator('.player__run')).toHaveText('Run step');
  await expect(log).toContainText('^C');
});
