import { describe, expect, it } from 'vitest';
import type { CommandRequest } from '../store/ui-store';
import { createCommandPump } from './command-pump';
import { settle, setup } from './console.fixture';

/** A pump over a scripted console; `typeOut` waits until the test lets it go on. */
function pumpSetup(options: { typed?: boolean } = {}) {
  const console = setup();
  let waiting: CommandRequest[] = [];
  const typedOut: string[] = [];
  let letTypingEnd: (() => void) | undefined;
  const { pump } = createCommandPump(console.controller, {
    take: () => {
      const taken = waiting;
      waiting = [];
      return taken;
    },
    mayTypeOut: () => options.typed ?? false,
    typeOut: (line) => {
      typedOut.push(line);
      return new Promise((resolve) => (letTypingEnd = resolve));
    },
  });
  const codes: string[] = [];
  const request = (line: string, extra: Partial<CommandRequest> = {}): void => {
    waiting.push({ line, typed: true, onDone: (c) => codes.push(`${line}:${c}`), ...extra });
  };
  const ranLines = () => console.commands.map((c) => c.line);
  const endTyping = async (): Promise<void> => {
    letTypingEnd?.();
    await settle();
  };
  return { ...console, pump, request, codes, ranLines, typedOut, endTyping };
}

describe('the command pump (a scenario step’s lines in the console)', () => {
  it('runs a batch one line at a time, each after the previous finished', async () => {
    const t = pumpSetup();
    t.request('az acr create -n r -g g -l eastus --sku Premium');
    t.request('sim expect Succeeded');
    void t.pump();
    await settle();
    expect(t.ranLines()).toEqual(['az acr create -n r -g g -l eastus --sku Premium']);
    t.commands[0]!.finish();
    await settle();
    expect(t.ranLines()).toHaveLength(2);
    t.commands[1]!.finish();
    await settle();
    expect(t.codes).toEqual(['az acr create -n r -g g -l eastus --sku Premium:0', 'sim expect Succeeded:0']);
  });

  it('a line typed while a step runs waits until the whole step has run', async () => {
    const t = pumpSetup();
    t.request('docker push r.azurecr.io/app:v1');
    t.request('sim expect "Pushed"');
    void t.pump();
    await settle();
    expect(t.controller.submit('sim advance 1h')).toBe('queued');
    t.commands[0]!.finish();
    await settle();
    // The step's checkpoint runs next, not the presenter's line.
    expect(t.ranLines()).toEqual(['docker push r.azurecr.io/app:v1', 'sim expect "Pushed"']);
    t.commands[1]!.finish();
    await settle();
    expect(t.ranLines()).toEqual([
      'docker push r.azurecr.io/app:v1',
      'sim expect "Pushed"',
      'sim advance 1h',
    ]);
    expect(t.controller.sessionLines()).toEqual(t.ranLines());
  });

  it('holds typed lines while a step line is being typed out, with the prompt free', async () => {
    const t = pumpSetup({ typed: true });
    t.request('sim time');
    void t.pump();
    await settle();
    expect(t.typedOut).toEqual(['sim time']);
    expect(t.controller.submit('sim status')).toBe('queued');
    expect(t.ranLines()).toEqual([]);
    await t.endTyping();
    expect(t.ranLines()).toEqual(['sim time']);
    t.commands[0]!.finish();
    await settle();
    expect(t.ranLines()).toEqual(['sim time', 'sim status']);
  });

  it('starts after a command typed before the step, which keeps its place', async () => {
    const t = pumpSetup();
    t.controller.submit('sim advance 5m');
    t.request('sim time');
    void t.pump();
    await settle();
    expect(t.ranLines()).toEqual(['sim advance 5m']);
    t.commands[0]!.finish();
    await settle();
    expect(t.ranLines()).toEqual(['sim advance 5m', 'sim time']);
  });

  it('Ctrl+C on one line drops the rest of its batch', async () => {
    const t = pumpSetup();
    t.request('sim advance 1h');
    t.request('sim expect "x"');
    t.request('sim time');
    void t.pump();
    await settle();
    t.controller.interrupt('');
    t.commands[0]!.finish('dev', 130);
    await settle();
    expect(t.codes).toEqual(['sim advance 1h:130', 'sim expect "x":130', 'sim time:130']);
    expect(t.ranLines()).toEqual(['sim advance 1h']);
  });

  it('drops lines whose owner gave up, and lines of a session that was replaced', async () => {
    const t = pumpSetup({ typed: true });
    let closed = false;
    t.request('sim time', { skip: () => closed });
    t.request('sim status');
    void t.pump();
    await settle();
    closed = true;
    await t.endTyping();
    expect(t.codes).toEqual(['sim time:130']);
    // The next line is being typed out when a new session begins: it belonged to the old one.
    t.controller.startOver(['# new']);
    await t.endTyping();
    expect(t.codes).toEqual(['sim time:130', 'sim status:130']);
    expect(t.ranLines()).toEqual([]);
  });
});

describe('the command pump: panels and Ctrl+C', () => {
  it('a panel’s line joins the console queue in order, after lines typed before it, and is listed', async () => {
    const t = pumpSetup();
    t.request('sim advance 5m');
    void t.pump();
    await settle();
    t.controller.submit('sim client list');
    t.request('sim client add ci --location westeurope', { typed: false });
    void t.pump();
    t.controller.submit('sim status');
    await settle();
    expect(t.controller.getSnapshot().queued).toEqual([
      'sim client list',
      'sim client add ci --location westeurope',
      'sim status',
    ]);
    expect(t.controller.getSnapshot().held).toBe(true);
    t.commands[0]!.finish();
    await settle();
    for (let i = 1; i <= 3; i++) {
      t.commands[i]!.finish();
      await settle();
    }
    expect(t.ranLines()).toEqual([
      'sim advance 5m',
      'sim client list',
      'sim client add ci --location westeurope',
      'sim status',
    ]);
    expect(t.codes).toContain('sim client add ci --location westeurope:0');
    expect(t.controller.getSnapshot().held).toBe(false);
  });

  it('Ctrl+C while a step line is being typed out drops it and the rest of the step', async () => {
    const console = setup();
    let waiting: CommandRequest[] = [];
    const codes: number[] = [];
    const { pump, cancel } = createCommandPump(console.controller, {
      take: () => {
        const taken = waiting;
        waiting = [];
        return taken;
      },
      mayTypeOut: () => true,
      // Typing takes until the batch is cancelled.
      typeOut: async (_line, stopped) => {
        while (!stopped()) await settle();
      },
    });
    waiting = ['sim advance 5m', 'sim time'].map((line) => ({
      line,
      typed: true,
      onDone: (c) => codes.push(c),
    }));
    const done = pump();
    await settle();
    cancel();
    await done;
    expect(codes).toEqual([130, 130]);
    expect(console.commands).toHaveLength(0);
  });

  it('when the timeline moves, lines queued for the world shown until then are dropped', () => {
    const t = pumpSetup();
    t.controller.submit('sim advance 5m');
    t.controller.submit('sim client list');
    t.controller.timelineMoved();
    expect(t.controller.getSnapshot().queued).toEqual([]);
    expect(t.texts().at(-1)).toBe('# dropped 1 queued line(s): the timeline moved');
  });
});
