import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  IPC_CHANNELS,
  IPC_CONTRACT,
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
    >();
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

  it('never returns a password to the renderer', () => {
    expectTypeOf<IpcValue<'credentials:get'>>().not.toHaveProperty('password');
    expectTypeOf<NonNullable<IpcValue<'credentials:get'>>>().not.toHaveProperty('password');
    expectTypeOf<Extract<SessionOutcome, { signedIn: true }>>().not.toHaveProperty('password');
    expectTypeOf<Extract<SessionOutcome, { signedIn: false }>>().not.toHaveProperty('password');
  });
});
