import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useUi } from '../../state/ui';

export const SHORTCUTS: [string[], string][] = [
  [['Ctrl', 'K'], 'Command palette: commands and search'],
  [['n'], 'New ticket'],
  [['/'], 'Search the ticket list'],
  [['j'], 'Next ticket in the list'],
  [['k'], 'Previous ticket in the list'],
  [['Enter'], 'Open the selected ticket'],
  [['e'], 'Edit the open ticket'],
  [['Esc'], 'Back to the list'],
  [['g', 't'], 'Go to tickets'],
  [['Ctrl', 'Enter'], 'Send a comment, note or work log'],
  [['?'], 'This list'],
];

export function ShortcutsModal() {
  const { shortcutsOpen, setShortcutsOpen } = useUi();
  return (
    <Modal opened={shortcutsOpen} onClose={() => setShortcutsOpen(false)} title="Keyboard shortcuts">
      <Stack gap="xs">
        {SHORTCUTS.map(([keys, label]) => (
          <Group key={label} justify="space-between">
            <Text size="sm">{label}</Text>
            <Group gap={4}>
              {keys.map((k) => (
                <Kbd key={k}>{k}</Kbd>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
