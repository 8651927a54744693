import { useEffect } from 'react';
import {
  ActionIcon,
  AppShell,
  Badge,
  Group,
  Kbd,
  NavLink,
  Select,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useSyncStore } from '../sync/store';
import { useUi } from '../state/ui';
import { VIEWS } from '../data';
import { navigate, useRoute } from './router';
import { useDirectory } from './people';
import { markFirstScreenShown, useTicketRows, viewCounts } from './ticketRows';
import { useSlaClocks } from './slaClocks';
import { TicketListPage } from '../features/tickets/TicketListPage';
import { TicketPage } from '../features/tickets/TicketPage';
import { NewTicketPage } from '../features/tickets/NewTicketPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { SyncIssuesPage } from '../features/sync/SyncIssuesPage';
import { issueBadge } from '../features/sync/issues';
import { useSyncIssues } from '../features/sync/useSyncIssues';
import { CommandPalette } from '../features/palette/CommandPalette';
import { ShortcutsModal } from '../features/palette/ShortcutsModal';
import { NotFound } from './NotFound';
import { KnownErrorsPage } from '../features/problems/KnownErrorsPage';
import { ChangeCalendarPage } from '../features/changes/ChangeCalendarPage';
import { ProjectTimelinePage } from '../features/projects/ProjectTimelinePage';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { NotificationsBadge } from '../features/notifications/NotificationsBadge';
import { NotificationsRunner } from '../features/notifications/NotificationsRunner';
import { ServiceSettingsPage } from '../features/settings/ServiceSettingsPage';
import { KnowledgePage } from '../features/knowledge/KnowledgePage';
import { ArticlePage } from '../features/knowledge/ArticlePage';
import { NewArticlePage } from '../features/knowledge/NewArticlePage';
import { SearchPage } from '../features/search/SearchPage';
import { CmdbPage } from '../features/cmdb/CmdbPage';
import { CiPage } from '../features/cmdb/CiPage';
import { ImportPage } from '../features/cmdb/ImportPage';
import { AssetsPage } from '../features/assets/AssetsPage';
import { AuditsPage } from '../features/audits/AuditsPage';
import { AuditPage } from '../features/audits/AuditPage';
import { desktopApi } from '../lib/desktop';
import { AppGuards } from '../features/backup/AppGuards';
import { DashboardPage } from '../features/dashboard/DashboardPage';

export function Shell() {
  const route = useRoute();
  const { userId, setUserId, viewId, setView, setPaletteOpen, setShortcutsOpen } = useUi();
  const signedInAs = useSyncStore((s) => s.user?.personId || null);
  const directory = useDirectory();
  const { rows, ready } = useTicketRows();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const clocks = useSlaClocks();
  const counts = ready ? viewCounts(rows, userId, clocks) : null;
  const issueCount = useSyncIssues()?.length ?? 0;
  const issuesBadge = issueBadge(issueCount);

  // Until someone is chosen, act as the first agent of the demo team.
  useEffect(() => {
    if (directory.users.length && !directory.byId.has(userId)) {
      const agent = directory.users.find((u) => u.roles.includes('agent')) ?? directory.users[0];
      if (agent) setUserId(agent.id);
    }
  }, [directory, userId, setUserId]);

  useEffect(() => {
    document.documentElement.dataset.ready = 'true';
  }, []);
  // Other pages load little: the list projection may start at once.
  useEffect(() => {
    if (route.name !== 'tickets') markFirstScreenShown();
  }, [route.name]);

  // The palette opens from anywhere, even while typing in a field.
  useHotkeys([['mod+K', () => setPaletteOpen(true)]], []);
  useHotkeys([
    // '?' arrives as Shift+/ on most layouts and as a bare '?' on some.
    ['shift+/', () => setShortcutsOpen(true)],
    ['shift+?', () => setShortcutsOpen(true)],
    ['n', () => navigate('/tickets/new')],
    ['g t', () => navigate('/tickets')],
    [
      '/',
      (e) => {
        e.preventDefault();
        useUi.getState().setSearchFocusPending(true);
        navigate('/tickets');
      },
    ],
  ]);

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={3}>Outpost</Title>
            <SyncIndicator issueCount={issueCount} />
            {!desktopApi() && (
              <Badge
                variant="outline"
                color="gray"
                title="Running in a browser tab; the desktop shell adds OS integration"
              >
                Browser mode
              </Badge>
            )}
          </Group>
          <UnstyledButton onClick={() => setPaletteOpen(true)} aria-label="Open command palette">
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                Search or run a command
              </Text>
              <Kbd>Ctrl</Kbd>
              <Kbd>K</Kbd>
            </Group>
          </UnstyledButton>
          <Group gap="xs" wrap="nowrap">
            <Select
              aria-label="Acting as"
              size="xs"
              w={200}
              searchable
              value={userId || null}
              data={directory.users.map((u) => ({
                value: u.id,
                label: `${u.name} (${u.roles[0] ?? 'user'})`,
              }))}
              onChange={(v) => v && setUserId(v)}
              // Signed in, the account decides who acts: the server checks every write's author.
              disabled={signedInAs !== null}
            />
            <Tooltip label="Keyboard shortcuts (?)">
              <ActionIcon
                variant="default"
                aria-label="Keyboard shortcuts"
                onClick={() => setShortcutsOpen(true)}
              >
                ?
              </ActionIcon>
            </Tooltip>
            <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
              <ActionIcon
                variant="default"
                aria-label="Toggle colour theme"
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
              >
                {scheme === 'dark' ? '☀' : '☾'}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Views" style={{ overflowY: 'auto' }}>
        <Text size="xs" fw={700} c="dimmed" px="sm" py={4}>
          TICKETS
        </Text>
        {VIEWS.map(({ id, label, source }) => (
          <NavLink
            key={id}
            href="#/tickets"
            aria-label={label}
            label={label}
            active={route.name === 'tickets' && route.drill === undefined && viewId === id}
            rightSection={
              counts && (source !== 'slaClocks' || clocks.ready) ? (
                <Text size="xs" data-testid={`view-count-${id}`}>
                  {counts[id].toLocaleString()}
                </Text>
              ) : null
            }
            onClick={() => setView(id)}
          />
        ))}
        <NavLink href="#/tickets/new" label="New ticket" active={route.name === 'new-ticket'} />
        <Text size="xs" fw={700} c="dimmed" px="sm" pt="md" pb={4}>
          CONFIGURATION
        </Text>
        <NavLink
          href="#/cmdb"
          label="CMDB"
          active={route.name === 'cmdb' || route.name === 'ci' || route.name === 'cmdb-import'}
        />
        <NavLink href="#/assets" label="Assets" active={route.name === 'assets'} />
        <NavLink href="#/audits" label="Audits" active={route.name === 'audits' || route.name === 'audit'} />
        <Text size="xs" fw={700} c="dimmed" px="sm" pt="md" pb={4}>
          KNOWLEDGE
        </Text>
        <NavLink
          href="#/knowledge"
          label="Knowledge base"
          active={route.name === 'knowledge' || route.name === 'article' || route.name === 'new-article'}
        />
        <NavLink href="#/search" label="Search" active={route.name === 'search'} />
        <Text size="xs" fw={700} c="dimmed" px="sm" pt="md" pb={4}>
          SERVICE MANAGEMENT
        </Text>
        <NavLink
          href="#/dashboard"
          label="Dashboard"
          // The tickets behind a figure belong to the dashboard, not to a saved view.
          active={route.name === 'dashboard' || (route.name === 'tickets' && route.drill !== undefined)}
        />
        <NavLink href="#/problems/known-errors" label="Known errors" active={route.name === 'known-errors'} />
        <NavLink
          href="#/changes/calendar"
          label="Change calendar"
          active={route.name === 'change-calendar'}
        />
        <NavLink
          href="#/notifications"
          label="Notifications"
          active={route.name === 'notifications'}
          rightSection={<NotificationsBadge />}
        />
        <Text size="xs" fw={700} c="dimmed" px="sm" pt="md" pb={4}>
          WORKSPACE
        </Text>
        <NavLink
          href="#/sync"
          label="Sync issues"
          active={route.name === 'sync'}
          rightSection={
            issuesBadge ? (
              <Badge size="sm" color="orange" variant="filled" data-testid="sync-issues-count">
                {issuesBadge}
              </Badge>
            ) : null
          }
        />
        <NavLink
          href="#/settings/service"
          label="Service settings"
          active={route.name === 'service-settings'}
        />
        <NavLink href="#/settings" label="Settings" active={route.name === 'settings'} />
      </AppShell.Navbar>
      <AppShell.Main>
        <AppGuards />
        {route.name === 'tickets' && <TicketListPage drill={route.drill} />}
        {route.name === 'ticket' && <TicketPage id={route.id} />}
        {route.name === 'dashboard' && <DashboardPage />}
        {route.name === 'new-ticket' && <NewTicketPage />}
        {route.name === 'settings' && <SettingsPage />}
        {route.name === 'sync' && <SyncIssuesPage />}
        {route.name === 'known-errors' && <KnownErrorsPage />}
        {route.name === 'change-calendar' && <ChangeCalendarPage />}
        {route.name === 'project-timeline' && <ProjectTimelinePage id={route.id} />}
        {route.name === 'notifications' && <NotificationsPage />}
        {route.name === 'service-settings' && <ServiceSettingsPage />}
        {route.name === 'knowledge' && <KnowledgePage />}
        {route.name === 'new-article' && <NewArticlePage />}
        {route.name === 'article' && <ArticlePage id={route.id} />}
        {route.name === 'search' && <SearchPage query={route.query} />}
        {route.name === 'cmdb' && <CmdbPage />}
        {route.name === 'ci' && <CiPage id={route.id} />}
        {route.name === 'cmdb-import' && <ImportPage />}
        {route.name === 'assets' && <AssetsPage />}
        {route.name === 'audits' && <AuditsPage />}
        {route.name === 'audit' && <AuditPage id={route.id} />}
        {route.name === 'not-found' && <NotFound path={route.path} />}
      </AppShell.Main>
      <NotificationsRunner />
      <CommandPalette />
      <ShortcutsModal />
    </AppShell>
  );
}
