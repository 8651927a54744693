import { MantineProvider, createTheme } from '@mantine/core';
import { DatabaseProvider } from './database';
import { Shell } from './Shell';
import { SessionExpiredPrompt } from '../features/sync/SignInModal';

const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif',
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <DatabaseProvider>
        <Shell />
      </DatabaseProvider>
      {/* Outside the database provider: a refused session is worth saying even while it opens. */}
      <SessionExpiredPrompt />
    </MantineProvider>
  );
}
