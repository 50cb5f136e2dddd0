import { Badge, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useAutomation } from '../../../api/automations';
import { ApiError, messageOf } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import { PageLoader } from '../../../components/PageLoader';
import { AnchorLink, ButtonLink } from '../../../components/RouterLinks';
import { formatDateTime } from '../../../lib/format';
import { ActiveButton } from './ActiveButton';
import { AutomationForm } from './AutomationForm';
import { DeleteAutomationButton } from './DeleteAutomationButton';

function BackLink() {
  return (
    <AnchorLink to="/automations" fz="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> All automations
      </Group>
    </AnchorLink>
  );
}

/** `/automations/new`: an empty editor. */
export function NewAutomationPage() {
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Stack gap="xs">
          <BackLink />
          <Title order={1} fz={28}>
            New automation
          </Title>
          <Text c="dimmed">Pick what starts it, then what it does, step by step.</Text>
        </Stack>
        <AutomationForm />
      </Stack>
    </Container>
  );
}

/** `/automations/$id`: change, pause or activate, delete; its runs are one click away. */
export function AutomationEditorPage({ id }: { id: number }) {
  const automation = useAutomation(id);
  if (automation.isPending) return <PageLoader />;
  if (automation.isError) {
    const gone = automation.error instanceof ApiError && automation.error.status === 404;
    return (
      <Container size="sm" px={0}>
        <Stack gap="md">
          <BackLink />
          <Title order={1} fz={28}>
            {gone ? 'Automation not found' : 'Could not load the automation'}
          </Title>
          <FormAlert message={gone ? 'It may have been deleted.' : messageOf(automation.error)} />
        </Stack>
      </Container>
    );
  }
  const a = automation.data;
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Stack gap="xs">
          <BackLink />
          <Group justify="space-between" align="flex-start" gap="md">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs">
                <Title order={1} fz={28} style={{ wordBreak: 'break-word' }}>
                  {a.name}
                </Title>
                <Badge variant="light" color={a.active ? 'teal' : 'gray'} data-testid="automation-status">
                  {a.active ? 'Active' : 'Paused'}
                </Badge>
              </Group>
              <Text c="dimmed" fz="sm">
                Last changed {formatDateTime(a.updated_at)}
              </Text>
            </Stack>
            <Group gap="xs">
              <ButtonLink to="/automations/runs" search={{ automation: a.id }} variant="default">
                Runs
              </ButtonLink>
              <ActiveButton automation={a} />
              <DeleteAutomationButton automation={a} />
            </Group>
          </Group>
        </Stack>
        <AutomationForm key={a.id} automation={a} />
      </Stack>
    </Container>
  );
}
