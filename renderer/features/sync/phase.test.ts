import { describe, expect, it } from 'vitest';
import type { SyncPhase } from '../../sync/store';
import { describePhase, describeUser, formatCount, pendingLabel, progressPercent } from './phase';

describe('describePhase', () => {
  it.each<[SyncPhase, string]>([
    ['signed-out', 'Local only'],
    ['offline', 'Offline'],
    ['connecting', 'Connecting…'],
    ['pulling', 'Syncing…'],
    ['pushing', 'Sending changes'],
    ['in-sync', 'In sync'],
    ['needs-login', 'Sign in again'],
    ['error', 'Sync error'],
  ])('words %s as "%s"', (phase, label) => {
    expect(describePhase({ phase, progress: null }).label).toBe(label);
  });

  it('gives every phase its own colour and glyph', () => {
    const phases: SyncPhase[] = [
      'signed-out',
      'offline',
      'connecting',
      'pulling',
      'pushing',
      'in-sync',
      'needs-login',
      'error',
    ];
    const looks = phases.map((phase) => describePhase({ phase, progress: null }));
    expect(new Set(looks.map((l) => l.icon)).size).toBe(phases.length);
    expect(looks.filter((l) => l.busy).length).toBe(3);
  });

  it('counts the catch-up with thousands separators, never past the total', () => {
    expect(describePhase({ phase: 'pulling', progress: { done: 1200, total: 5000 } }).label).toBe(
      'Syncing 1,200 of 5,000',
    );
    expect(describePhase({ phase: 'pulling', progress: { done: 5300, total: 5000 } }).label).toBe(
      'Syncing 5,000 of 5,000',
    );
    expect(describePhase({ phase: 'pulling', progress: { done: 0, total: 0 } }).label).toBe('Syncing…');
    // Progress only means something while pulling.
    expect(describePhase({ phase: 'pushing', progress: { done: 1, total: 2 } }).label).toBe(
      'Sending changes',
    );
  });
});

describe('progressPercent', () => {
  it('is a bounded percentage while pulling with a known total, null otherwise', () => {
    expect(progressPercent({ phase: 'pulling', progress: { done: 1200, total: 5000 } })).toBe(24);
    expect(progressPercent({ phase: 'pulling', progress: { done: 9, total: 3 } })).toBe(100);
    expect(progressPercent({ phase: 'pulling', progress: null })).toBeNull();
    expect(progressPercent({ phase: 'pulling', progress: { done: 0, total: 0 } })).toBeNull();
    expect(progressPercent({ phase: 'in-sync', progress: { done: 1, total: 2 } })).toBeNull();
  });
});

describe('counts and people', () => {
  it('formats counts the same on every machine', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-3)).toBe('0');
  });

  it('says how many changes wait, only when some do', () => {
    expect(pendingLabel(0)).toBeNull();
    expect(pendingLabel(Number.NaN)).toBeNull();
    expect(pendingLabel(1)).toBe('1 change waiting');
    expect(pendingLabel(3)).toBe('3 changes waiting');
    expect(pendingLabel(12000)).toBe('12,000 changes waiting');
  });

  it('describes the signed-in user with their roles', () => {
    expect(describeUser(null)).toBe('Not signed in');
    expect(describeUser({ name: 'alice', roles: ['agent', 'manager'], personId: 'p' })).toBe(
      'alice (agent, manager)',
    );
    expect(describeUser({ name: 'svc', roles: [], personId: '' })).toBe('svc');
  });
});
