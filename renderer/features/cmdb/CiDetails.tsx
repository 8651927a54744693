import type { ReactNode } from 'react';
import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatAttributeValue, type AttributeDef } from '../../../shared/domain/ciClasses';
import { CI_CLASS_LABELS, labelOf } from '../../../shared/domain/labels';
import type { CiDoc } from '../../../shared/domain/model';
import { useDirectory } from '../../app/people';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" className="plain-text" data-testid={testId}>
        {children === '' || children === undefined ? '—' : children}
      </Text>
    </Stack>
  );
}

/** The class's attributes, then any the class no longer defines (kept, not lost). */
export function AttributesPanel({ ci, defs }: { ci: CiDoc; defs: readonly AttributeDef[] }) {
  const defined = new Set(defs.map((d) => d.key));
  const others = Object.keys(ci.attributes)
    .filter((k) => !defined.has(k))
    .sort();
  return (
    <Paper withBorder p="md" data-testid="ci-attributes">
      <Text size="xs" fw={700} c="dimmed" mb="xs">
        {labelOf(CI_CLASS_LABELS, ci.ciClass).toUpperCase()} ATTRIBUTES
      </Text>
      {defs.length === 0 && others.length === 0 ? (
        <Text size="sm" c="dimmed">
          No attributes.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {defs.map((d) => (
            <Field key={d.key} label={d.label} testId={`attr-${d.key}`}>
              {formatAttributeValue(ci.attributes[d.key])}
            </Field>
          ))}
          {others.map((k) => (
            <Field key={k} label={k} testId={`attr-${k}`}>
              {formatAttributeValue(ci.attributes[k])}
            </Field>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

/** What the asset panel does not show: the serial number and the owner. */
export function IdentityPanel({ ci }: { ci: CiDoc }) {
  const directory = useDirectory();
  return (
    <Paper withBorder p="md" data-testid="ci-identity">
      <Group grow align="flex-start">
        <Field label="Serial number" testId="ci-serial">
          {ci.serial}
        </Field>
        <Field label="Owner" testId="ci-owner">
          {ci.ownerId ? directory.name(ci.ownerId) : ''}
        </Field>
      </Group>
    </Paper>
  );
}
