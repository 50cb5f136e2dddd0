import { ActionIcon, Button, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';

export type LevelRow = { key: string; id?: number; name: string };

let seq = 0;
export const levelRow = (name = '', id?: number): LevelRow => ({
  key: `level-${seq++}`,
  name,
  ...(id ? { id } : {}),
});

type LevelForm = { levels: LevelRow[] };

export function validateLevels(levels: LevelRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  levels.forEach((l, i) => {
    const name = l.name.trim().toLowerCase();
    if (!name) errors[`levels.${i}.name`] = 'Name the level';
    else if (seen.has(name)) errors[`levels.${i}.name`] = 'Another level has this name';
    seen.add(name);
  });
  if (levels.length === 0) errors.levels = 'Add at least one level';
  return errors;
}

/** The levels in order, lowest first: rename, add, move and remove. */
export function LevelRows<V extends LevelForm>({ form }: { form: UseFormReturnType<V> }) {
  const f = form as unknown as UseFormReturnType<LevelForm>;
  const levels = f.getValues().levels;
  const move = (from: number, to: number) => {
    f.clearErrors();
    f.reorderListItem('levels', { from, to });
  };
  return (
    <Stack gap="xs">
      {levels.map((level, i) => {
        const n = i + 1;
        return (
          <Group key={level.key} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label={`Level ${n}`}
              required
              maxLength={120}
              placeholder={n === 1 ? 'e.g. Silver' : 'e.g. Gold'}
              style={{ flex: 1 }}
              {...f.getInputProps(`levels.${i}.name`)}
            />
            <Group gap={2} wrap="nowrap" mt={28}>
              <Tooltip label="Move up" withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Move level ${n} up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  <IconArrowUp size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Move down" withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Move level ${n} down`}
                  disabled={i === levels.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  <IconArrowDown size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Remove level" withArrow>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove level ${n}`}
                  disabled={levels.length === 1}
                  onClick={() => {
                    f.clearErrors();
                    f.removeListItem('levels', i);
                  }}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
        );
      })}
      {f.errors.levels && (
        <Text c="red" fz="sm" role="alert">
          {f.errors.levels}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={levels.length >= 50}
          onClick={() => f.insertListItem('levels', levelRow())}
        >
          Add level
        </Button>
      </Group>
    </Stack>
  );
}
