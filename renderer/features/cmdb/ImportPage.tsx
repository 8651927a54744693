import { useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { suggestMapping, targetOptions, type ColumnTarget } from '../../../shared/domain/ciColumns';
import { ImportPlanner } from '../../../shared/domain/ciImport';
import {
  commitImport,
  planImport,
  readCsvHeader,
  type ImportSummary,
  type PlannedImport,
} from '../../data/ciImport';
import { useClassDefinitions, useCmdbRoles } from '../../app/cis';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';
import { ImportPreview } from './ImportPreview';

interface Header {
  headers: string[];
  samples: string[][];
}

/** Choose a file, map its columns, preview (nothing written), then import. */
export function ImportPage() {
  const db = useDb();
  const session = useSession();
  const roles = useCmdbRoles(session.userId);
  const { definitions } = useClassDefinitions();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<Header | null>(null);
  const [mapping, setMapping] = useState<ColumnTarget[]>([]);
  const [planned, setPlanned] = useState<PlannedImport | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState<'' | 'reading' | 'previewing' | 'importing'>('');
  const [problem, setProblem] = useState('');

  const options = useMemo(() => {
    const extra = (header?.headers ?? [])
      .filter((h) => h.toLowerCase().startsWith('attr.'))
      .map((h) => h.slice(5).trim());
    return targetOptions(definitions, extra);
  }, [definitions, header]);
  const mappingProblems = header ? ImportPlanner.mappingErrors(mapping) : [];

  const run = async (what: typeof busy, action: () => Promise<void>) => {
    setBusy(what);
    setProblem('');
    try {
      await action();
    } catch (error) {
      setProblem(describeWriteError(error));
    } finally {
      setBusy('');
    }
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setHeader(null);
    setPlanned(null);
    setSummary(null);
    if (!chosen) return;
    void run('reading', async () => {
      const read = await readCsvHeader(chosen);
      if (!read) {
        setProblem('The file is empty.');
        return;
      }
      setHeader({ headers: read.headers, samples: read.samples });
      setMapping(suggestMapping(read.headers, definitions));
    });
  };

  const preview = () =>
    run('previewing', async () => {
      if (!file) return;
      setSummary(null);
      const result = await planImport(db, file, mapping, session);
      if ('error' in result) setProblem(result.error);
      else setPlanned(result);
    });

  const commit = (validOnly: boolean) =>
    run('importing', async () => {
      if (!file) return;
      const result = await commitImport(db, file, mapping, session, { validOnly });
      if (result.ok) {
        setSummary(result.summary);
        setPlanned(null);
      } else {
        setProblem(result.errors.form ?? 'Nothing was imported.');
        // The file or the data changed since the preview: show the fresh plan.
        if (result.plan && planned) setPlanned({ ...planned, plan: result.plan });
      }
    });

  const counts = planned?.plan.counts;
  const writable = counts ? counts.new + counts.updated : 0;

  return (
    <Stack gap="md" maw={1280} data-testid="import-page">
      <Group gap="xs">
        <Anchor size="sm" href="#/cmdb">
          CMDB
        </Anchor>
        <Text size="sm" c="dimmed">
          /
        </Text>
        <Text size="sm" fw={600}>
          Import
        </Text>
      </Group>
      <Title order={2}>Import configuration items</Title>
      <Text size="sm" c="dimmed">
        Rows are matched by asset tag (or, without a tag, by class and name): a known item is updated, a new
        one is created, and blank cells leave a field as it is. Nothing is written until you import.
      </Text>
      {!roles.canEdit && <Alert color="yellow">Requesters cannot import configuration items.</Alert>}
      <FileInput
        label="CSV file"
        placeholder="Choose a .csv file"
        accept=".csv,text/csv,text/plain"
        value={file}
        onChange={choose}
        clearable
        disabled={!roles.canEdit || busy !== ''}
        w={420}
      />
      {header && (
        <Paper withBorder p="md" data-testid="import-mapping">
          <Text size="xs" fw={700} c="dimmed" mb="xs">
            COLUMNS
          </Text>
          <Table verticalSpacing={4} aria-label="Column mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Column</Table.Th>
                <Table.Th>First values</Table.Th>
                <Table.Th>Imports into</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {header.headers.map((h, i) => (
                <Table.Tr key={i}>
                  <Table.Td className="plain-text">{h || `(column ${i + 1})`}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={1} className="plain-text">
                      {header.samples.map((s) => s[i] ?? '').join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Field for column ${h || i + 1}`}
                      searchable
                      allowDeselect={false}
                      data={options}
                      value={mapping[i] ?? ''}
                      onChange={(v) => {
                        setMapping(mapping.map((m, j) => (j === i ? ((v ?? '') as ColumnTarget) : m)));
                        setPlanned(null);
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {mappingProblems.map((p) => (
            <Text key={p} c="red" size="sm" mt={4}>
              {p}
            </Text>
          ))}
          <Group mt="sm">
            <Button
              onClick={() => void preview()}
              loading={busy === 'previewing'}
              disabled={mappingProblems.length > 0 || busy !== ''}
            >
              Preview
            </Button>
          </Group>
        </Paper>
      )}
      {problem && (
        <Text c="red" role="alert" data-testid="import-problem">
          {problem}
        </Text>
      )}
      {planned && (
        <>
          <ImportPreview plan={planned.plan} report={planned.report} />
          <Group>
            {counts && counts.errors === 0 ? (
              <Button
                onClick={() => void commit(false)}
                loading={busy === 'importing'}
                disabled={writable === 0 || busy !== ''}
              >
                {writable === 0 ? 'Nothing to import' : `Import ${writable} items`}
              </Button>
            ) : (
              <>
                <Text size="sm">
                  Nothing is written while rows have errors. Correct the file and preview again, or:
                </Text>
                <Button
                  color="orange"
                  onClick={() => void commit(true)}
                  loading={busy === 'importing'}
                  disabled={writable === 0 || busy !== ''}
                >
                  Import the valid rows only
                </Button>
              </>
            )}
          </Group>
        </>
      )}
      {summary && (
        <Alert color="green" title="Import finished" data-testid="import-summary">
          <Text size="sm">
            {summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged
            {summary.skipped > 0 ? `, ${summary.skipped} rows with errors left out` : ''}.
          </Text>
          {summary.failed.map((f) => (
            <Text key={f.row} size="sm" c="red">
              Row {f.row}: {f.message}
            </Text>
          ))}
          <Anchor href="#/cmdb" size="sm">
            Back to the CMDB
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
