import { describe, expect, it } from 'vitest';
import { parseProvisionArgs, parseServerArgs, parseUserSpec, passwordVariable, UsageError } from './options';

describe('parseServerArgs', () => {
  it('has safe defaults', () => {
    expect(parseServerArgs([], {})).toEqual({
      port: 5984,
      host: '127.0.0.1',
      dataDir: '.outpost-server',
      corsOrigins: [],
      provisionDemo: false,
      demoDb: 'outpost',
      adminUser: undefined,
      adminPassword: undefined,
      help: false,
    });
  });

  it('reads flags and the environment', () => {
    const options = parseServerArgs(
      [
        '--port',
        '6000',
        '--host',
        '0.0.0.0',
        '--data',
        '/srv/o',
        '--cors-origin',
        'http://a.example',
        '--provision-demo',
        '--demo-db',
        'demo',
      ],
      {
        OUTPOST_CORS_ORIGINS: 'http://b.example',
        OUTPOST_ADMIN_USER: 'root',
        OUTPOST_ADMIN_PASSWORD: 'from env',
      },
    );
    expect(options).toMatchObject({
      port: 6000,
      host: '0.0.0.0',
      dataDir: '/srv/o',
      corsOrigins: ['http://b.example', 'http://a.example'],
      provisionDemo: true,
      demoDb: 'demo',
      adminUser: 'root',
      adminPassword: 'from env',
    });
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--cors-origin', 'http://x.example/path'], /not an origin/],
    [['--bogus'], /Unknown option/],
    [['--admin-password', 'x'], /never taken from the command line/],
    [['--password=x'], /never taken from the command line/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseServerArgs(argv, {})).toThrow(UsageError);
    expect(() => parseServerArgs(argv, {})).toThrow(message);
  });
});

describe('parseProvisionArgs', () => {
  it('reads the server, database, demo flag and users', () => {
    expect(
      parseProvisionArgs([
        '--url',
        'http://h:5984',
        '--db',
        'team',
        '--demo',
        '--user',
        'sam:agent:per_1',
        '--user',
        'kim:requester',
      ]),
    ).toEqual({
      url: 'http://h:5984',
      db: 'team',
      demo: true,
      users: [
        { name: 'sam', role: 'agent', personId: 'per_1' },
        { name: 'kim', role: 'requester', personId: undefined },
      ],
      help: false,
    });
  });

  it('requires --url and --db, and refuses passwords on the command line', () => {
    expect(() => parseProvisionArgs(['--db', 'team'])).toThrow(/--url and --db/);
    expect(() => parseProvisionArgs(['--url', 'http://h', '--db', 't', '--user-password', 'x'])).toThrow(
      /never taken/,
    );
  });

  it.each(['sam', 'sam:boss', 'sam:agent:', 'sam:agent:p:extra', ':agent'])(
    'refuses the user spec %s',
    (spec) => {
      expect(() => parseUserSpec(spec)).toThrow(UsageError);
    },
  );
});

describe('passwordVariable', () => {
  it('names the variable after the user', () => {
    expect(passwordVariable('sam.taylor')).toBe('OUTPOST_PASSWORD_SAM_TAYLOR');
    expect(passwordVariable('demo-agent')).toBe('OUTPOST_PASSWORD_DEMO_AGENT');
  });
});
