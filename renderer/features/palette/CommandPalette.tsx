import { useMemo, useState } from 'react';
import { Badge, Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useTicketRows } from '../../app/ticketRows';
import { navigate } from '../../app/router';
import { useUi } from '../../state/ui';
import { VIEWS } from '../../data';
import { useSearchIndex } from '../../search';
import { Highlighted } from '../search/Highlighted';
import { hitPath } from '../search/links';
import { rankCommands, searchCommands, type Command } from './commands';

const HITS = 20;

/**
 * Ctrl/Cmd+K: jump to any ticket, configuration item, article or person (by words, a number, a
 * serial or an asset tag, from the local search index), or run an action, without the mouse.
 * Until the index is ready, tickets are matched on their number and title in the list's memory.
 */
export function CommandPalette() {
  const { paletteOpen, setPaletteOpen, setView, setShortcutsOpen } = useUi();
  const { rows } = useTicketRows();
  const index = useSearchIndex();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  const actions: Command[] = useMemo(
    () => [
      { id: 'new', label: 'New ticket', hint: 'n', run: () => navigate('/tickets/new') },
      ...VIEWS.map(({ id, label }): Command => ({
        id: `view-${id}`,
        label: `Go to view: ${label}`,
        run: () => {
          setView(id);
          navigate('/tickets');
        },
      })),
      { id: 'settings', label: 'Open settings', run: () => navigate('/settings') },
      { id: 'known-errors', label: 'Open known errors', run: () => navigate('/problems/known-errors') },
      { id: 'change-calendar', label: 'Open change calendar', run: () => navigate('/changes/calendar') },
      { id: 'notifications', label: 'Open notifications', run: () => navigate('/notifications') },
      { id: 'service-settings', label: 'Open service settings', run: () => navigate('/settings/service') },
      {
        id: 'theme',
        label: `Switch to ${scheme === 'dark' ? 'light' : 'dark'} theme`,
        run: () => setColorScheme(scheme === 'dark' ? 'light' : 'dark'),
      },
      { id: 'shortcuts', label: 'Show keyboard shortcuts', hint: '?', run: () => setShortcutsOpen(true) },
    ],
    [scheme, setColorScheme, setView, setShortcutsOpen],
  );
  const results = useMemo(() => {
    if (!index.ready || !paletteOpen) {
      return rankCommands(query, actions, rows, (id) => navigate(`/tickets/${id}`));
    }
    const hits = query.trim() ? index.search({ text: query, limit: HITS }) : [];
    return searchCommands(query, actions, hits, (hit) => navigate(hitPath(hit)));
  }, [query, actions, rows, index, paletteOpen]);

  const close = () => {
    setPaletteOpen(false);
    setQuery('');
    setActive(0);
  };
  const runAt = (i: number) => {
    const cmd = results[i];
    if (!cmd) return;
    close();
    cmd.run();
  };

  return (
    <Modal
      opened={paletteOpen}
      onClose={close}
      withCloseButton={false}
      size="lg"
      padding={0}
      yOffset="10vh"
      aria-label="Command palette"
    >
      <TextInput
        data-autofocus
        aria-label="Command or ticket"
        placeholder="A command, or words, a number, a serial or an asset tag to find"
        size="md"
        variant="unstyled"
        px="md"
        py={4}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(results.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            runAt(active);
          }
        }}
      />
      <ScrollArea.Autosize mah="50vh" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Stack gap={0} p={4} role="listbox" aria-label="Results">
          {results.length === 0 && (
            <Text c="dimmed" p="md" size="sm">
              Nothing matches “{query}”.
            </Text>
          )}
          {results.map((cmd, i) => (
            <UnstyledButton
              key={cmd.id}
              role="option"
              aria-selected={i === active}
              data-testid="palette-item"
              px="md"
              py={8}
              style={{
                borderRadius: 4,
                background: i === active ? 'var(--mantine-primary-color-light)' : undefined,
              }}
              onMouseEnter={() => setActive(i)}
              onClick={() => runAt(i)}
            >
              <Group justify="space-between" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" truncate>
                    {cmd.ranges ? <Highlighted text={cmd.label} ranges={cmd.ranges} /> : cmd.label}
                  </Text>
                  {cmd.detail && (
                    <Text size="xs" c="dimmed" truncate>
                      {cmd.detail}
                    </Text>
                  )}
                </div>
                {cmd.hint && (
                  <Badge variant="default" size="sm">
                    {cmd.hint}
                  </Badge>
                )}
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Modal>
  );
}
