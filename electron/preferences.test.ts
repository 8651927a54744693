import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWeakStorageChooser, choiceFromResponse, WEAK_STORAGE_QUESTION } from './credential-fallback';
import { createPreferenceStore, parsePreferences } from './preferences';

vi.mock('electron', () => ({}));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'outpost-prefs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const prefsStore = () =>
  createPreferenceStore({
    filePath: path.join(dir, 'preferences.json'),
    dir,
    fs: { readFile, writeFile, rename, mkdir },
  });

describe('parsePreferences', () => {
  it('keeps well-formed fields and drops damaged ones one by one', () => {
    expect(
      parsePreferences(
        JSON.stringify({
          window: { x: 1, y: 2, width: 1000, height: 700, maximized: true },
          credentialFallback: 'disk',
          syncServers: ['https://b.example.org/db', 'https://a.example.org', 'http://evil.example', 7],
        }),
      ),
    ).toEqual({
      window: { x: 1, y: 2, width: 1000, height: 700, maximized: true },
      credentialFallback: 'disk',
      syncServers: ['https://a.example.org', 'https://b.example.org'],
    });
    expect(
      parsePreferences(
        JSON.stringify({ window: { x: 'a' }, credentialFallback: 'ask', syncServers: 'https://x' }),
      ),
    ).toEqual({});
    expect(parsePreferences('{not json')).toEqual({});
    expect(parsePreferences('[]')).toEqual({});
    expect(parsePreferences('{"__proto__": {"credentialFallback": "disk"}}')).toEqual({});
  });
});

describe('createPreferenceStore', () => {
  it('starts empty, writes atomically and serializes updates', async () => {
    const store = prefsStore();
    expect(await store.read()).toEqual({});
    await Promise.all([
      store.update((p) => ({ ...p, credentialFallback: 'session' })),
      store.update((p) => ({ ...p, syncServers: ['https://a.example.org'] })),
    ]);
    expect(await store.read()).toEqual({
      credentialFallback: 'session',
      syncServers: ['https://a.example.org'],
    });
    expect(await readFile(path.join(dir, 'preferences.json'), 'utf8')).toContain('"credentialFallback"');
  });
});

describe('createWeakStorageChooser', () => {
  it('asks once, safe choice by default, and remembers the answer', async () => {
    const preferences = prefsStore();
    const ask = vi.fn(async () => 1);
    const choose = createWeakStorageChooser({ preferences, ask });
    expect(await Promise.all([choose(), choose()])).toEqual(['disk', 'disk']);
    expect(await choose()).toBe('disk');
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith(WEAK_STORAGE_QUESTION);
    expect((await preferences.read()).credentialFallback).toBe('disk');
  });

  it('treats Escape or closing the box as "this session only"', () => {
    expect(WEAK_STORAGE_QUESTION.cancelId).toBe(0);
    expect(WEAK_STORAGE_QUESTION.buttons?.[0]).toMatch(/session only/);
    expect(choiceFromResponse(0)).toBe('session');
    expect(choiceFromResponse(-1)).toBe('session');
    expect(choiceFromResponse(1)).toBe('disk');
  });
});
