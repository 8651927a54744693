import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Center, Code, Loader, Stack, Text } from '@mantine/core';
import { createOutpostDatabase, seedDemoIfEmpty, type OutpostDatabase } from '../data';
import { attachDatabase, replicaIsSynced } from '../sync/controller';

/** Seed of the demo team: every fresh replica gets the same people, CIs, articles and tickets. */
export const DEMO_SEED = 20261128;
export const DEMO_TICKETS = 300;

let opening: Promise<OutpostDatabase> | null = null;

/** One database per JavaScript context, created outside React (StrictMode mounts twice). */
export function openAppDatabase(): Promise<OutpostDatabase> {
  opening ??= (async () => {
    performance.mark('outpost:db-open-start');
    const db = await createOutpostDatabase({ name: 'outpost' });
    // A replica filled from a team database never gets the local demo data mixed in.
    if (!replicaIsSynced())
      await seedDemoIfEmpty(db, { seed: DEMO_SEED, tickets: DEMO_TICKETS, now: Date.now() });
    attachDatabase(db);
    performance.mark('outpost:db-ready');
    return db;
  })();
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

const DatabaseContext = createContext<OutpostDatabase | null>(null);

export function useDb(): OutpostDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDb() used outside <DatabaseProvider>');
  return db;
}

type OpenState =
  { phase: 'loading' } | { phase: 'ready'; db: OutpostDatabase } | { phase: 'error'; message: string };

export function DatabaseProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<OpenState>({ phase: 'loading' });
  const open = useCallback(() => {
    setState({ phase: 'loading' });
    openAppDatabase().then(
      (db) => setState({ phase: 'ready', db }),
      (error: unknown) => setState({ phase: 'error', message: describeOpenError(error) }),
    );
  }, []);
  useEffect(open, [open]);

  if (state.phase === 'loading') {
    return (
      <Center h="100vh">
        <Stack align="center" gap="xs">
          <Loader />
          <Text c="dimmed">Opening the local replica…</Text>
        </Stack>
      </Center>
    );
  }
  if (state.phase === 'error') {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title="Outpost could not open its local replica" maw={560}>
          <Stack gap="sm">
            <Text size="sm">Nothing has been deleted. The browser storage reported:</Text>
            <Code block>{state.message}</Code>
            <Text size="sm">Free some disk space or close other Outpost windows, then try again.</Text>
            <Button onClick={open} w="fit-content">
              Try again
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  return <DatabaseContext.Provider value={state.db}>{children}</DatabaseContext.Provider>;
}

function describeOpenError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'QuotaExceededError') return 'The disk is full (storage quota exceeded).';
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}
