import { useCallback, useRef, useState } from 'react';
import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { auditScope, resolveScan, type ScanFacts, type ScanResolution } from '../../../shared/domain/audits';
import type { AuditDoc, CiDoc } from '../../../shared/domain/model';
import { normaliseTag, tagError } from '../../../shared/domain/scan';
import { recordScan } from '../../data/audits';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';
import { CameraScanner } from './CameraScanner';
import { ScanResultCard, type ShownScan } from './ScanResultCard';
import { useWedgeScanner } from './useWedgeScanner';

export type ScanSource = 'scanner' | 'typed' | 'camera';

/**
 * Where scans come in: a keyboard-wedge scanner anywhere on the page, the tag typed by hand, or
 * the camera. Each scan is resolved from what this replica holds and shown at once; the scan
 * activity is written after.
 */
export function ScanPanel({
  audit,
  scans,
  tagIndex,
  ciById,
  enabled,
}: {
  audit: AuditDoc;
  scans: readonly ScanFacts[];
  tagIndex: Map<string, CiDoc>;
  ciById: Map<string, CiDoc>;
  enabled: boolean;
}) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const scope = auditScope(audit);
  const [chosenPlace, setChosenPlace] = useState('');
  const place = scope.locationId || chosenPlace;
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const [shown, setShown] = useState<ShownScan | null>(null);
  const [count, setCount] = useState(0);
  // Tags recorded from this page that the live query may not have delivered yet.
  const pending = useRef(new Set<string>());

  const scan = useCallback(
    (raw: string, source: ScanSource): boolean => {
      const tag = normaliseTag(raw);
      if (tag === null) {
        setShown({ kind: 'error', message: tagError(raw) ?? 'This is not an asset tag.', source });
        return false;
      }
      if (place === '') {
        setShown({ kind: 'error', message: 'Choose where you are scanning first.', source });
        return false;
      }
      const scannedTags = new Set(pending.current);
      for (const s of scans) scannedTags.add(s.tag);
      const resolution: ScanResolution = resolveScan(tag, place, {
        ciByTag: (t) => tagIndex.get(t),
        scannedTags,
      });
      pending.current.add(resolution.tag);
      const seq = count + 1;
      setCount(seq);
      setShown({
        kind: 'scan',
        seq,
        resolution,
        locationId: place,
        source,
        name: ciById.get(resolution.ciId)?.name ?? '',
      });
      recordScan(db, audit, { ...resolution, locationId: place }, session).then(
        (written) => {
          if (!written.ok) {
            pending.current.delete(resolution.tag);
            setShown({ kind: 'error', message: Object.values(written.errors).join(' '), source });
          }
        },
        (error: unknown) => {
          pending.current.delete(resolution.tag);
          setShown({ kind: 'error', message: describeWriteError(error), source });
        },
      );
      return true;
    },
    [place, scans, tagIndex, ciById, count, db, audit, session],
  );

  useWedgeScanner(enabled, (text) => void scan(text, 'scanner'));

  const submitTyped = () => {
    const error = tagError(typed);
    setTypedError(error);
    if (error) return;
    if (scan(typed, 'typed')) setTyped('');
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Scanning">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700}>Scan</Text>
          <Badge color={enabled ? 'green' : 'gray'} variant="dot" data-testid="scanner-ready">
            {enabled ? 'Scanner ready: scan anywhere on this page' : 'Scanning is off'}
          </Badge>
        </Group>
        {scope.locationId ? (
          <Text size="sm">
            Scanning at <strong>{directory.name(scope.locationId)}</strong>
          </Text>
        ) : (
          <Select
            label="I am at"
            searchable
            placeholder="Choose the site you are auditing"
            data={directory.locations.map((l) => ({ value: l.id, label: l.name }))}
            value={chosenPlace || null}
            onChange={(v) => setChosenPlace(v ?? '')}
            maw={360}
          />
        )}
        <form
          aria-label="Type a tag"
          onSubmit={(e) => {
            e.preventDefault();
            submitTyped();
          }}
        >
          <Group align="flex-start" gap="xs">
            <TextInput
              label="Asset tag"
              placeholder="Type the tag if the label cannot be read"
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              error={typedError}
              disabled={!enabled}
              w={320}
              autoComplete="off"
            />
            <Button type="submit" mt={25} disabled={!enabled}>
              Record scan
            </Button>
          </Group>
        </form>
        <CameraScanner onCode={(code) => void scan(code, 'camera')} disabled={!enabled} />
        {shown && <ScanResultCard shown={shown} audit={audit} ciById={ciById} tagIndex={tagIndex} />}
      </Stack>
    </Paper>
  );
}
