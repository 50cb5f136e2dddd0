import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateMembership } from '../../../api/memberships';
import type { Membership } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/serverErrors';
import { SectionCard } from '../../settings/SectionCard';
import { LevelRows, levelRow, validateLevels } from '../LevelRows';

const rowsOf = (m: Membership) => m.levels.map((l) => levelRow(l.name, l.id));

/** Rename, reorder, add and remove levels; saved together (a level in use cannot be removed). */
export function LevelsTab({ membership }: { membership: Membership }) {
  const update = useUpdateMembership(membership.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { levels: rowsOf(membership) },
    validate: (v) => validateLevels(v.levels),
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({
        levels: v.levels.map((l) => ({ ...(l.id ? { id: l.id } : {}), name: l.name.trim() })),
      });
      form.setValues({ levels: rowsOf(saved) });
      form.resetDirty();
      notifications.show({
        color: 'teal',
        title: 'Levels saved',
        message: saved.levels.map((l) => l.name).join(', '),
      });
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });
  return (
    <SectionCard
      title="Levels"
      description="Lowest first. Each member holds one level; each post names the levels that may read it. A level members still hold cannot be removed."
    >
      <form onSubmit={submit} noValidate aria-label="Levels">
        <Stack gap="md" maw={640}>
          <LevelRows form={form} />
          <FormAlert message={formError} />
          <Group>
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              Save levels
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
