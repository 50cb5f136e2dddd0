import { Checkbox, Group, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { CustomField } from '../../../api/types';

type InputProps = {
  value: string | string[];
  onChange: (v: string | string[]) => void;
  error?: React.ReactNode;
};

/** One custom field's input, shaped by its type. Choice fields offer exactly their options. */
export function CustomFieldInput({ field, value, onChange, error }: { field: CustomField } & InputProps) {
  const options = field.options.map((o) => o.value);
  const label = field.label;
  const description = field.identifier !== label ? field.identifier : undefined;
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'input_field':
      return (
        <TextInput
          label={label}
          description={description}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
        />
      );
    case 'text_area':
      return (
        <Textarea
          label={label}
          description={description}
          autosize
          minRows={2}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
        />
      );
    case 'drop_down':
      return (
        <Select
          label={label}
          description={description}
          data={options}
          value={text || null}
          onChange={(v) => onChange(v ?? '')}
          clearable
          error={error}
        />
      );
    case 'radio_button':
      return (
        <Radio.Group label={label} description={description} value={text} onChange={onChange} error={error}>
          <Group gap="md" mt={6}>
            {options.map((o) => (
              <Radio key={o} value={o} label={o} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'checkbox':
      return (
        <Checkbox.Group
          label={label}
          description={description}
          value={Array.isArray(value) ? value : []}
          onChange={onChange}
          error={error}
        >
          <Stack gap={6} mt={6}>
            {options.map((o) => (
              <Checkbox key={o} value={o} label={o} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
  }
}
