import { Grid, Select, TextInput } from '@mantine/core';
import type { AttributeDef } from '../../../shared/domain/ciClasses';
import type { FieldErrors } from '../../../shared/domain/validation';

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** One input per class attribute, typed by its definition; values are text until saved. */
export function AttributeFields({
  defs,
  values,
  errors,
  onChange,
}: {
  defs: readonly AttributeDef[];
  values: Record<string, string>;
  errors: FieldErrors;
  onChange: (key: string, value: string) => void;
}) {
  return (
    <Grid>
      {defs.map((def) => {
        const common = {
          label: def.label,
          withAsterisk: def.required,
          error: errors[`attributes.${def.key}`],
        };
        const value = values[def.key] ?? '';
        let input;
        if (def.type === 'boolean' || def.type === 'choice') {
          const data =
            def.type === 'boolean' ? YES_NO : (def.options ?? []).map((o) => ({ value: o, label: o }));
          input = (
            <Select
              {...common}
              data={data}
              clearable={!def.required}
              value={value || null}
              onChange={(v) => onChange(def.key, v ?? '')}
            />
          );
        } else {
          input = (
            <TextInput
              {...common}
              type={def.type === 'date' ? 'date' : 'text'}
              inputMode={def.type === 'number' ? 'decimal' : undefined}
              value={value}
              onChange={(e) => onChange(def.key, e.currentTarget.value)}
            />
          );
        }
        return (
          <Grid.Col key={def.key} span={{ base: 12, sm: 6, md: 4 }}>
            {input}
          </Grid.Col>
        );
      })}
    </Grid>
  );
}
