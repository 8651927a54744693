import { useRef, useState, type DragEvent } from 'react';
import { Alert, Button, CloseButton, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import type { FileDoc, FileParentType } from '../../../shared/domain/model';
import { observeFiles } from '../../data';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory } from '../../app/people';
import { AttachmentItem } from './AttachmentItem';
import { useAttachFiles } from './useAttachFiles';

export interface AttachmentsPanelProps {
  parentId: string;
  parentType: FileParentType;
}

/** Only drags that carry files (not text or links dragged from the page) are accepted. */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * Photos and documents of a ticket, CI or audit: pick them with "Attach files" or drop them on
 * the panel. They are stored on this device first and reach the server with sync.
 */
export function AttachmentsPanel({ parentId, parentType }: AttachmentsPanelProps) {
  const db = useDb();
  const directory = useDirectory();
  const files = useObservable<FileDoc[] | null>(() => observeFiles(db, parentId), null, [db, parentId]);
  const { attach, busy, errors, dismiss } = useAttachFiles(parentId, parentType);
  const [dragging, setDragging] = useState(false);
  const resetPicker = useRef<() => void>(null);

  const onDragOver = (event: DragEvent<HTMLElement>) => {
    if (!carriesFiles(event)) return;
    // Without preventDefault the browser would open the dropped file in place of the app.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLElement>) => {
    // Moving over a child fires dragleave on the panel too: only leaving it for good counts.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    void attach(Array.from(event.dataTransfer.files));
  };

  const count = files?.length ?? 0;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label="Attachments"
      data-testid="attachments"
      data-loaded={files !== null}
      data-dragging={dragging}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      style={
        dragging
          ? { outline: '2px dashed var(--mantine-primary-color-filled)', outlineOffset: -4 }
          : undefined
      }
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="xs" fw={700} c="dimmed">
            ATTACHMENTS ({files ? count : '…'})
          </Text>
          <FileButton
            multiple
            resetRef={resetPicker}
            onChange={(picked) => {
              void attach(picked);
              // Lets the same file be picked again after an error.
              resetPicker.current?.();
            }}
          >
            {(props) => (
              <Button {...props} size="xs" variant="default" loading={busy}>
                Attach files
              </Button>
            )}
          </FileButton>
        </Group>
        {errors.length > 0 && (
          <Alert color="red" role="alert" p="xs" title="Some files were not attached">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                {errors.map((error, i) => (
                  <Text key={`${error.name}-${i}`} size="sm" data-testid="attachment-error">
                    {error.name}: {error.message}
                  </Text>
                ))}
              </Stack>
              <CloseButton size="sm" onClick={dismiss} aria-label="Dismiss attachment errors" />
            </Group>
          </Alert>
        )}
        {count > 0 ? (
          <Stack component="ul" gap="xs" m={0} p={0} aria-label="Attached files">
            {files?.map((file) => (
              <AttachmentItem key={file.id} file={file} directory={directory} />
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {dragging ? 'Drop to attach.' : 'No files yet. Drop photos or documents here (up to 25 MB each).'}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
