import { useMemo } from 'react';
import { Button, Divider, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { AttributeDef } from '../../../shared/domain/ciClasses';
import { CI_CLASS_LABELS } from '../../../shared/domain/labels';
import { CI_CLASSES, type CiClass } from '../../../shared/domain/model';
import type { FieldErrors } from '../../../shared/domain/validation';
import { useDirectory } from '../../app/people';
import { AttributeFields } from './AttributeFields';
import type { CiDraft } from './ciDraft';

export interface CiFormProps {
  value: CiDraft;
  onChange: (next: CiDraft) => void;
  defs: readonly AttributeDef[];
  errors: FieldErrors;
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel: string;
  saving: boolean;
  /** Attributes the class does not define (from an older definition), shown read-only. */
  otherAttributes?: Record<string, string>;
}

/** Create and edit share one form; errors come from the domain, shown next to each field. */
export function CiForm(props: CiFormProps) {
  const { value, onChange, errors } = props;
  const directory = useDirectory();
  const set = <K extends keyof CiDraft>(key: K, v: CiDraft[K]) => onChange({ ...value, [key]: v });
  const owners = useMemo(
    () => [
      ...directory.groups.map((g) => ({ value: g.id, label: `${g.name} (group)` })),
      ...directory.users.map((u) => ({ value: u.id, label: u.name })),
    ],
    [directory.groups, directory.users],
  );
  const others = Object.entries(props.otherAttributes ?? {});

  return (
    <form
      noValidate
      aria-label="Configuration item form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <Stack gap="sm">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Class"
              withAsterisk
              allowDeselect={false}
              data={CI_CLASSES.map((c) => ({ value: c, label: CI_CLASS_LABELS[c] }))}
              value={value.ciClass}
              onChange={(v) => v && set('ciClass', v as CiClass)}
              error={errors.ciClass}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Name"
              withAsterisk
              data-autofocus
              value={value.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Asset tag"
              value={value.assetTag}
              onChange={(e) => set('assetTag', e.currentTarget.value)}
              error={errors.assetTag}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Serial number"
              value={value.serial}
              onChange={(e) => set('serial', e.currentTarget.value)}
              error={errors.serial}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Location"
              searchable
              clearable
              data={directory.locations.map((l) => ({ value: l.id, label: l.name }))}
              value={value.locationId || null}
              onChange={(v) => set('locationId', v ?? '')}
              error={errors.locationId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Owner"
              searchable
              clearable
              data={owners}
              value={value.ownerId || null}
              onChange={(v) => set('ownerId', v ?? '')}
              error={errors.ownerId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Model"
              value={value.model}
              onChange={(e) => set('model', e.currentTarget.value)}
              error={errors.model}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Vendor"
              value={value.vendor}
              onChange={(e) => set('vendor', e.currentTarget.value)}
              error={errors.vendor}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Cost"
              inputMode="decimal"
              placeholder="1299.99"
              value={value.cost}
              onChange={(e) => set('cost', e.currentTarget.value)}
              error={errors.cost}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Purchase date"
              type="date"
              value={value.purchaseDate}
              onChange={(e) => set('purchaseDate', e.currentTarget.value)}
              error={errors.purchaseDate}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Warranty end"
              type="date"
              value={value.warrantyEnd}
              onChange={(e) => set('warrantyEnd', e.currentTarget.value)}
              error={errors.warrantyEnd}
            />
          </Grid.Col>
        </Grid>
        <Divider label={`${CI_CLASS_LABELS[value.ciClass]} attributes`} labelPosition="left" />
        {props.defs.length === 0 ? (
          <Text size="sm" c="dimmed">
            This class has no attributes.
          </Text>
        ) : (
          <AttributeFields
            defs={props.defs}
            values={value.attrs}
            errors={errors}
            onChange={(key, v) => onChange({ ...value, attrs: { ...value.attrs, [key]: v } })}
          />
        )}
        {others.length > 0 && (
          <Text size="xs" c="dimmed">
            Kept as they are (not defined for this class): {others.map(([k, v]) => `${k}: ${v}`).join(' · ')}
          </Text>
        )}
        {errors.form ? (
          <Text c="red" size="sm" role="alert">
            {errors.form}
          </Text>
        ) : (
          Object.keys(errors).length > 0 && (
            <Text c="red" size="sm" role="alert">
              Please correct the highlighted fields. Nothing has been saved.
            </Text>
          )
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={props.saving}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
