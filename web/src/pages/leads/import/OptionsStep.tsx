import { Button, Group, Radio, Stack, TagsInput } from '@mantine/core';
import { useLists, useTags } from '../../../api/taxonomy';
import type { GdprStatus, ImportOptions } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';

export type RowOptions = Omit<ImportOptions, 'mapping'>;

const GDPR_CHOICES: { value: GdprStatus; label: string; description: string }[] = [
  {
    value: 'consented',
    label: 'They consented',
    description: 'Every lead in this file agreed to hear from you; today is recorded as the date.',
  },
  {
    value: 'not_consented',
    label: 'They did not consent',
    description: 'Keep them, but record that they have not agreed.',
  },
  { value: 'unknown', label: "I don't know", description: 'No consent is recorded.' },
];

/** Step 3: what every row gets (tags, lists, consent) and what happens to leads you already have. */
export function OptionsStep({
  value,
  onChange,
  onBack,
  onStart,
  starting,
  error,
}: {
  value: RowOptions;
  onChange: (v: RowOptions) => void;
  onBack: () => void;
  onStart: () => void;
  starting: boolean;
  error: string | null;
}) {
  const tags = useTags();
  const lists = useLists();
  return (
    <form
      aria-label="Import options"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onStart();
      }}
    >
      <Stack gap="lg">
        <Group grow align="flex-start" wrap="wrap">
          <TagsInput
            label="Tags for every row"
            description="Applied to every imported lead, besides any tags column."
            placeholder="Pick or type, then Enter"
            data={(tags.data ?? []).map((t) => t.name)}
            value={value.tags}
            onChange={(tagsValue) => onChange({ ...value, tags: tagsValue })}
            miw={240}
          />
          <TagsInput
            label="Lists for every row"
            description="Every imported lead is subscribed to these."
            placeholder="Pick or type, then Enter"
            data={(lists.data ?? []).map((l) => l.name)}
            value={value.lists}
            onChange={(listsValue) => onChange({ ...value, lists: listsValue })}
            miw={240}
          />
        </Group>
        <Radio.Group
          label="GDPR consent for this file"
          value={value.gdpr}
          onChange={(v) => onChange({ ...value, gdpr: v as GdprStatus })}
        >
          <Stack gap="xs" mt="xs">
            {GDPR_CHOICES.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group
          label="Leads you already have (same email)"
          value={value.update_existing ? 'update' : 'skip'}
          onChange={(v) => onChange({ ...value, update_existing: v === 'update' })}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="skip" label="Skip them" description="They are left exactly as they are." />
            <Radio
              value="update"
              label="Update them"
              description="Filled cells overwrite their fields; tags and lists are added."
            />
          </Stack>
        </Radio.Group>
        <FormAlert message={error} />
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            Back to columns
          </Button>
          <Button type="submit" loading={starting}>
            Start import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
