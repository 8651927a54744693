import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { labelsPdf, type LabelItem } from '../../../shared/domain/assetLabels';
import { describeSave, safeFileName, saveTextFile } from '../../lib/saveFile';

/** Makes the label sheet PDF for `items` in the app (no network) and saves it. */
export function LabelsButton({
  items,
  fileName,
  children = 'Print labels (PDF)',
}: {
  items: readonly LabelItem[];
  fileName: string;
  children?: string;
}) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const result = labelsPdf(items, Date.now());
      if (!result.ok) {
        setMessage({ text: result.error, error: true });
        return;
      }
      const outcome = await saveTextFile({
        name: safeFileName(fileName, 'pdf'),
        mimeType: 'application/pdf',
        content: result.pdf,
      });
      setMessage({
        text: describeSave(outcome, `${result.count} label${result.count === 1 ? '' : 's'}`),
        error: false,
      });
    } catch (error) {
      setMessage({ text: `The labels could not be saved: ${String(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs">
      <Button
        variant="default"
        size="xs"
        onClick={() => void run()}
        loading={busy}
        disabled={items.length === 0}
      >
        {children}
      </Button>
      {message && (
        <Text
          size="xs"
          c={message.error ? 'red' : 'dimmed'}
          role={message.error ? 'alert' : 'status'}
          data-testid="labels-message"
        >
          {message.text}
        </Text>
      )}
    </Group>
  );
}
