import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import {
  ATTRIBUTE_TYPES,
  ATTRIBUTE_TYPE_LABELS,
  BUILTIN_CLASS_ATTRIBUTES,
  type AttributeDef,
  type AttributeType,
} from '../../../shared/domain/ciClasses';
import { CI_CLASS_LABELS } from '../../../shared/domain/labels';
import { CI_CLASSES, type CiClass } from '../../../shared/domain/model';
import { saveClassDefinitions } from '../../data/cis';
import { useClassDefinitions } from '../../app/cis';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';

/** A row as edited: options as one comma-separated line. */
interface Row {
  key: string;
  label: string;
  type: AttributeType;
  required: boolean;
  options: string;
}

const toRows = (defs: readonly AttributeDef[]): Row[] =>
  defs.map((d) => ({
    key: d.key,
    label: d.label,
    type: d.type,
    required: d.required,
    options: (d.options ?? []).join(', '),
  }));

const toDefs = (rows: readonly Row[]): AttributeDef[] =>
  rows.map((r) => {
    const def: AttributeDef = { key: r.key.trim(), label: r.label, type: r.type, required: r.required };
    if (r.type === 'choice')
      def.options = r.options
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
    return def;
  });

/** Managers and admins add, remove and retype the attributes of a class. */
export function ClassSettingsModal({ onClose }: { onClose: () => void }) {
  const db = useDb();
  const session = useSession();
  const { definitions, overridden } = useClassDefinitions();
  const [ciClass, setCiClass] = useState<CiClass>('server');
  const [rows, setRows] = useState<Row[]>(() => toRows(definitions.server));
  const [saved, setSaved] = useState(false);
  const { errors, saving, submit } = useSubmit();
  const err = (i: number, field: string) => errors[`${ciClass}.${i}.${field}`];
  const setRow = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const choose = (next: CiClass) => {
    setCiClass(next);
    setRows(toRows(definitions[next]));
    setSaved(false);
  };
  const save = () =>
    submit(
      () => saveClassDefinitions(db, { [ciClass]: toDefs(rows) }, session),
      () => setSaved(true),
    );

  return (
    <Modal opened onClose={onClose} title="Class attributes" size="xl">
      <Stack gap="sm">
        <Group align="flex-end">
          <Select
            label="Class"
            allowDeselect={false}
            data={CI_CLASSES.map((c) => ({ value: c, label: CI_CLASS_LABELS[c] }))}
            value={ciClass}
            onChange={(v) => v && choose(v as CiClass)}
          />
          <Text size="sm" c="dimmed">
            {overridden.includes(ciClass) ? 'Customised for this team.' : 'Built-in attributes.'}
          </Text>
        </Group>
        <Table aria-label="Attributes" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Key</Table.Th>
              <Table.Th>Label</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Options (choice)</Table.Th>
              <Table.Th>Required</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={i} data-testid="attribute-row">
                <Table.Td>
                  <TextInput
                    aria-label="Key"
                    value={row.key}
                    onChange={(e) => setRow(i, { key: e.currentTarget.value })}
                    error={err(i, 'key')}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label="Label"
                    value={row.label}
                    onChange={(e) => setRow(i, { label: e.currentTarget.value })}
                    error={err(i, 'label')}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label="Type"
                    allowDeselect={false}
                    data={ATTRIBUTE_TYPES.map((t) => ({ value: t, label: ATTRIBUTE_TYPE_LABELS[t] }))}
                    value={row.type}
                    onChange={(v) => v && setRow(i, { type: v as AttributeType })}
                    error={err(i, 'type')}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label="Options"
                    disabled={row.type !== 'choice'}
                    placeholder={row.type === 'choice' ? 'low, medium, high' : ''}
                    value={row.options}
                    onChange={(e) => setRow(i, { options: e.currentTarget.value })}
                    error={err(i, 'options')}
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label="Required"
                    checked={row.required}
                    onChange={(e) => setRow(i, { required: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${row.label || row.key || 'attribute'}`}
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {errors[`${ciClass}.list`] && (
          <Text c="red" size="sm">
            {errors[`${ciClass}.list`]}
          </Text>
        )}
        <Group justify="space-between">
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() =>
                setRows([...rows, { key: '', label: '', type: 'text', required: false, options: '' }])
              }
            >
              Add attribute
            </Button>
            <Button variant="subtle" onClick={() => setRows(toRows(BUILTIN_CLASS_ATTRIBUTES[ciClass]))}>
              Back to built-in
            </Button>
          </Group>
          <Group gap="xs">
            {saved && (
              <Text size="sm" c="green" role="status">
                Saved.
              </Text>
            )}
            {Object.keys(errors).length > 0 && (
              <Text size="sm" c="red" role="alert">
                {errors.form ?? 'Please correct the highlighted fields. Nothing has been saved.'}
              </Text>
            )}
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button onClick={save} loading={saving}>
              Save {CI_CLASS_LABELS[ciClass]}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
