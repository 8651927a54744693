import { useState } from 'react';
import { Badge, Button, Center, Group, Modal, Stack, Text } from '@mantine/core';
import type { FileDoc } from '../../../shared/domain/model';
import type { Directory } from '../../app/people';
import { extensionLabel, formatBytes, isPreviewableImage } from './format';
import { useFileBlob, type FileBlobView } from './useFileBlob';
import { readFileBlob } from '../../data';
import { desktopApi, openWithSystemViewer } from '../../lib/desktop';

const THUMB = 48;

/** One attached file: thumbnail or type badge, name, size, who and when, and its actions. */
export function AttachmentItem({ file, directory }: { file: FileDoc; directory: Directory }) {
  const view = useFileBlob(file.id);
  const [previewing, setPreviewing] = useState(false);
  const image = isPreviewableImage(file.contentType);
  const url = view.status === 'present' ? view.url : null;
  const [openError, setOpenError] = useState<string | null>(null);
  // In the desktop shell any attachment can go to the OS's own viewer (the shell refuses
  // executable types); in a browser tab Download is the way.
  const openOutside = async () => {
    setOpenError(null);
    const blob = await readFileBlob(file.id);
    if (!blob) return setOpenError('The file is not on this device yet.');
    const result = await openWithSystemViewer({ name: file.name, contentType: file.contentType, data: blob });
    if (result && !result.ok) setOpenError(result.error.message);
  };

  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      data-testid="attachment"
      data-state={view.status}
      style={{ listStyle: 'none' }}
    >
      <Thumbnail file={file} url={image ? url : null} />
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={600} truncate="end" title={file.name} data-testid="attachment-name">
          {file.name}
        </Text>
        <Text size="xs" c="dimmed">
          {formatBytes(file.size)} · {directory.name(file.createdBy, 'someone')} ·{' '}
          {new Date(file.createdAt).toLocaleString()}
        </Text>
        <Status view={view} />
        {openError && (
          <Text size="xs" c="red" role="alert">
            {openError}
          </Text>
        )}
      </Stack>
      {url && desktopApi() && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => void openOutside()}
          aria-label={`Open ${file.name} in its viewer`}
        >
          Open in viewer
        </Button>
      )}
      {url && image && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => setPreviewing(true)}
          aria-label={`Open ${file.name}`}
        >
          Open
        </Button>
      )}
      {url && (
        <Button
          component="a"
          href={url}
          download={file.name}
          size="xs"
          variant="default"
          aria-label={`Download ${file.name}`}
        >
          Download
        </Button>
      )}
      {url && previewing && (
        <Modal opened onClose={() => setPreviewing(false)} title={file.name} size="xl" centered>
          <Center>
            <img src={url} alt={file.name} style={{ maxWidth: '100%', maxHeight: '75vh' }} />
          </Center>
        </Modal>
      )}
    </Group>
  );
}

function Thumbnail({ file, url }: { file: FileDoc; url: string | null }) {
  if (url) {
    return (
      <img
        src={url}
        alt={`Thumbnail of ${file.name}`}
        width={THUMB}
        height={THUMB}
        decoding="async"
        data-testid="attachment-thumbnail"
        style={{ objectFit: 'cover', borderRadius: 4, flex: 'none' }}
      />
    );
  }
  return (
    <Center w={THUMB} h={THUMB} style={{ flex: 'none' }} aria-hidden>
      <Badge variant="light" color="gray" radius="sm">
        {extensionLabel(file.name)}
      </Badge>
    </Center>
  );
}

function Status({ view }: { view: FileBlobView }) {
  if (view.status === 'missing') {
    return (
      <Text size="xs" c="orange" data-testid="attachment-missing">
        Not on this device yet: it arrives with the next sync.
      </Text>
    );
  }
  if (view.status === 'error') {
    return (
      <Text size="xs" c="red" role="alert">
        This file cannot be read on this device: {view.message}
      </Text>
    );
  }
  return null;
}
