import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  IPC_CHANNELS,
  IPC_CONTRACT,
  MENU_COMMANDS,
  SHELL_EVENT_NAMES,
  SHELL_EVENTS,
  type BackupFileInfo,
  type CredentialsStatus,
  type MenuCommand,
  type NetworkSignal,
  type ShellEventName,
  type ShellEventPayload,
  type AppInfo,
  type IpcArgs,
  type IpcChannel,
  type IpcResult,
  type IpcValue,
  type OutpostApi,
  type SaveFileResult,
  type SessionLoginInput,
  type SessionOutcome,
} from './contract';

describe('IPC contract', () => {
  it('lists every channel once, namespaced', () => {
    expect(IPC_CHANNELS).toEqual(Object.keys(IPC_CONTRACT));
    expect(new Set(IPC_CHANNELS).size).toBe(IPC_CHANNELS.length);
    for (const channel of IPC_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('types arguments and results per channel', () => {
    expectTypeOf<IpcChannel>().toEqualTypeOf<
      | 'app:getInfo'
      | 'credentials:get'
      | 'credentials:set'
      | 'credentials:clear'
      | 'credentials:status'
      | 'session:login'
      | 'session:renew'
      | 'session:logout'
      | 'shell:openExternal'
      | 'export:saveFile'
      | 'credentials:setFallback'
      | 'notify:show'
      | 'file:openWithSystem'
      | 'storage:diskSpace'
      | 'backup:begin'
      | 'backup:append'
      | 'backup:commit'
      | 'backup:abort'
      | 'backup:list'
      | 'backup:reveal'
    >();
    expectTypeOf<IpcValue<'credentials:setFallback'>>().toEqualTypeOf<CredentialsStatus>();
    expectTypeOf<IpcArgs<'credentials:setFallback'>>().toEqualTypeOf<[choice: 'session' | 'disk']>();
    expectTypeOf<IpcValue<'backup:commit'>>().toEqualTypeOf<BackupFileInfo>();
    expectTypeOf<IpcArgs<'backup:append'>>().toEqualTypeOf<[id: string, chunk: string]>();
    expectTypeOf<IpcArgs<'app:getInfo'>>().toEqualTypeOf<[]>();
    expectTypeOf<IpcValue<'app:getInfo'>>().toEqualTypeOf<AppInfo>();
    expectTypeOf<IpcArgs<'credentials:get'>>().toEqualTypeOf<[serverUrl: string]>();
    expectTypeOf<IpcValue<'credentials:get'>>().toEqualTypeOf<{ username: string } | null>();
    expectTypeOf<IpcValue<'credentials:set'>>().toEqualTypeOf<void>();
    expectTypeOf<IpcValue<'export:saveFile'>>().toEqualTypeOf<SaveFileResult>();
    expectTypeOf<OutpostApi['credentials:get']>().toEqualTypeOf<
      (serverUrl: string) => Promise<IpcResult<{ username: string } | null>>
    >();
    expectTypeOf<OutpostApi['isDesktop']>().toEqualTypeOf<true>();
    expectTypeOf<IpcArgs<'session:login'>>().toEqualTypeOf<[input: SessionLoginInput]>();
    expectTypeOf<IpcValue<'session:login'>>().toEqualTypeOf<SessionOutcome>();
    expectTypeOf<IpcArgs<'session:renew'>>().toEqualTypeOf<[serverUrl: string]>();
    expectTypeOf<IpcValue<'session:renew'>>().toEqualTypeOf<SessionOutcome>();
    expectTypeOf<IpcValue<'session:logout'>>().toEqualTypeOf<void>();
  });

  it('lists the events the main process may send, each with its payload type', () => {
    expect(SHELL_EVENT_NAMES).toEqual(Object.keys(SHELL_EVENTS));
    for (const event of SHELL_EVENT_NAMES) expect(event).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    // An event name is never also an invoke channel: page code listening cannot answer an invoke.
    for (const event of SHELL_EVENT_NAMES) expect(IPC_CHANNELS as readonly string[]).not.toContain(event);
    expect(new Set(MENU_COMMANDS).size).toBe(MENU_COMMANDS.length);
    expectTypeOf<ShellEventName>().toEqualTypeOf<
      'menu:command' | 'os:network' | 'app:navigate' | 'app:reloadRequired'
    >();
    expectTypeOf<ShellEventPayload<'menu:command'>>().toEqualTypeOf<MenuCommand>();
    expectTypeOf<ShellEventPayload<'os:network'>>().toEqualTypeOf<NetworkSignal>();
    expectTypeOf<ShellEventPayload<'app:navigate'>>().toEqualTypeOf<string>();
  });

  it('never returns a password to the renderer', () => {
    expectTypeOf<IpcValue<'credentials:get'>>().not.toHaveProperty('password');
    expectTypeOf<NonNullable<IpcValue<'credentials:get'>>>().not.toHaveProperty('password');
    expectTypeOf<Extract<SessionOutcome, { signedIn: true }>>().not.toHaveProperty('password');
    expectTypeOf<Extract<SessionOutcome, { signedIn: false }>>().not.toHaveProperty('password');
    expectTypeOf<IpcValue<'credentials:status'>>().not.toHaveProperty('password');
  });
});
