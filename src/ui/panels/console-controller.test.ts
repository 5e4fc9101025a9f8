import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../engine/api';
import { ConsoleController } from './console-controller';
import { settle, setup } from './console.fixture';
import { promptName } from './console-lines';

describe('ConsoleController', () => {
  it('echoes the line with the prompt and streams output as it arrives', () => {
    const { controller, commands, texts } = setup();
    controller.submit('docker push myregistry.azurecr.io/web:v2');
    commands[0]!.output(['The push refers to repository [myregistry.azurecr.io/web]']);
    commands[0]!.output(['# served by eastus via the global endpoint (myregistry.azurecr.io): HEAD ×4']);
    expect(texts()).toEqual([
      'dev$ docker push myregistry.azurecr.io/web:v2',
      'The push refers to repository [myregistry.azurecr.io/web]',
      '# served by eastus via the global endpoint (myregistry.azurecr.io): HEAD ×4',
    ]);
    expect(controller.getSnapshot().lines.map((l) => l.style)).toEqual(['echo', 'normal', 'explain']);
  });

  it('queues lines typed while a foreground command runs and runs them in order', async () => {
    const { controller, commands, texts } = setup();
    expect(controller.submit('sim advance 5m')).toBe('started');
    expect(controller.submit('sim time')).toBe('queued');
    expect(controller.submit('   ')).toBe('ignored');
    expect(controller.getSnapshot().queued).toEqual(['sim time']);
    expect(commands).toHaveLength(1);
    commands[0]!.finish('paris');
    await settle();
    expect(commands.map((c) => c.line)).toEqual(['sim advance 5m', 'sim time']);
    expect(texts()).toContain('paris$ sim time');
    expect(controller.getSnapshot().queued).toEqual([]);
  });

  it('does not hold the prompt for a background line', () => {
    const { controller, commands } = setup();
    controller.submit('docker push myregistry.azurecr.io/web:v2 &');
    expect(controller.getSnapshot().running).toBeUndefined();
    expect(controller.submit('sim time')).toBe('started');
    expect(commands).toHaveLength(2);
  });

  it('Ctrl+C cancels the running command, prints ^C and drops type-ahead', async () => {
    const { controller, commands, cancelled, texts } = setup();
    controller.submit('sim wait replicated myregistry.azurecr.io/web:v2');
    controller.submit('sim time');
    controller.interrupt('');
    expect(cancelled).toEqual([commands[0]!.id]);
    expect(texts()).toContain('^C');
    expect(controller.getSnapshot()).toMatchObject({ running: undefined, queued: [] });
    commands[0]!.finish();
    await settle();
    expect(commands).toHaveLength(1);
  });

  it('Ctrl+C with nothing running abandons the typed line', () => {
    const { controller, texts, cancelled } = setup();
    controller.interrupt('docker pu');
    expect(texts()).toEqual(['dev$ docker pu^C']);
    expect(cancelled).toEqual([]);
  });

  it('clear empties the output without asking the engine', () => {
    const { controller, commands, texts } = setup();
    controller.print(['old']);
    controller.submit('clear');
    expect(texts()).toEqual([]);
    expect(commands).toHaveLength(0);
  });

  it('takes the prompt from what each command returns', async () => {
    const { controller, commands, prompt } = setup();
    controller.submit('sim client use paris');
    commands[0]!.finish('[00:02:25] paris$ ');
    await settle();
    expect(prompt()).toBe('paris');
  });

  it('remembers history, including lines run for other panels', () => {
    const { controller } = setup();
    controller.submit('az acr replication list -r myregistry -o table');
    expect(controller.historyUp('')).toBe('az acr replication list -r myregistry -o table');
    expect(controller.historyDown('az acr replication list -r myregistry -o table')).toBe('');
  });

  it('lists several completions on one output line', async () => {
    const { controller, texts } = setup();
    const outcome = await controller.complete('az acr re', 9);
    expect(outcome.line).toBe('az acr rep');
    expect(texts()).toEqual(['replication   repository']);
  });
});

describe('promptName', () => {
  it.each([
    ['dev', 'dev'],
    ['dev$', 'dev'],
    ['[00:02:25] paris$ ', 'paris'],
  ])('%j → %s', (prompt, name) => {
    expect(promptName(prompt)).toBe(name);
  });
});

describe('ConsoleController: lines with completion (the scenario player)', () => {
  it('reports each line’s exit code when it finishes, queued lines too', async () => {
    const { controller, commands } = setup();
    const codes: string[] = [];
    controller.submit('sim time', (c) => codes.push(`a:${c}`));
    controller.submit('sim status', (c) => codes.push(`b:${c}`));
    expect(controller.getSnapshot().running?.line).toBe('sim time');
    expect(controller.getSnapshot().queued).toEqual(['sim status']);
    commands[0]!.finish();
    await settle();
    expect(codes).toEqual(['a:0']);
    commands[1]!.finish();
    await settle();
    expect(codes).toEqual(['a:0', 'b:0']);
    expect(controller.sessionLines()).toEqual(['sim time', 'sim status']);
  });

  it('tells dropped lines 130 on Ctrl+C and on a new session, and forgets the recorded lines', async () => {
    const { controller, cancelled, texts } = setup();
    const codes: number[] = [];
    controller.submit('sim advance 1h', (c) => codes.push(c));
    controller.submit('sim time', (c) => codes.push(c));
    controller.startOver(['# a new session']);
    expect(cancelled).toEqual([1]);
    expect(codes).toEqual([130]);
    expect(controller.sessionLines()).toEqual([]);
    expect(texts()).toEqual(['# a new session']);
    expect(controller.getSnapshot().running).toBeUndefined();
  });
});

describe('a restored session in the console', () => {
  it('its commands become the ↑ history, once, and only before anything was typed', () => {
    const c = new ConsoleController({} as EngineApi, { get: () => 'dev', set: () => undefined });
    c.recallSession(['az acr show -n myregistry', 'sim status']);
    expect(c.historyUp('')).toBe('sim status');
    expect(c.historyUp('')).toBe('az acr show -n myregistry');
    expect(c.getSnapshot().lines.at(-1)!.text).toMatch(/session restored: 2 commands replayed/);
    c.recallSession(['other']);
    expect(c.getSnapshot().lines.filter((l) => /session restored/.test(l.text))).toHaveLength(1);
  });
});

describe('ConsoleController: reservations (a batch that must not be interleaved)', () => {
  it('a reserved line goes ahead of type-ahead; typed lines wait until the reservation ends', async () => {
    const { controller, commands } = setup();
    controller.submit('sim advance 5m');
    controller.submit('sim time');
    const release = controller.reserve();
    expect(controller.submitReserved('sim expect "ok"')).toBe('queued');
    expect(controller.getSnapshot().queued).toEqual(['sim expect "ok"', 'sim time']);
    commands[0]!.finish();
    await settle();
    expect(commands.map((c) => c.line)).toEqual(['sim advance 5m', 'sim expect "ok"']);
    commands[1]!.finish();
    await settle();
    // Still reserved: the typed line waits, even with the prompt free.
    expect(commands).toHaveLength(2);
    await controller.whenIdle();
    release();
    expect(commands.map((c) => c.line)).toEqual(['sim advance 5m', 'sim expect "ok"', 'sim time']);
  });
});
