import { Card, Skeleton, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useAutomations } from '../../../api/automations';
import { messageOf } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import { ButtonLink } from '../../../components/RouterLinks';
import { AutomationsFrame } from '../AutomationsFrame';
import { AutomationsEmpty } from './AutomationsEmpty';
import { AutomationsTable } from './AutomationsTable';

/** `/automations`: every automation with its trigger in words, on/off, and how it last ran. */
export function AutomationsPage() {
  const automations = useAutomations();
  return (
    <AutomationsFrame
      tab="automations"
      description="When something happens to a lead, do these steps: grant access, tag, mail, wait, call a webhook."
      actions={
        <ButtonLink to="/automations/new" leftSection={<IconPlus size={16} aria-hidden />}>
          New automation
        </ButtonLink>
      }
    >
      <Card p={0}>
        {automations.isPending ? (
          <Stack p="md" gap="sm" role="status" aria-label="Loading automations">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} h={28} />
            ))}
          </Stack>
        ) : automations.isError ? (
          <Stack p="md">
            <FormAlert message={messageOf(automations.error)} />
          </Stack>
        ) : automations.data.length === 0 ? (
          <AutomationsEmpty />
        ) : (
          <AutomationsTable automations={automations.data} />
        )}
      </Card>
    </AutomationsFrame>
  );
}
